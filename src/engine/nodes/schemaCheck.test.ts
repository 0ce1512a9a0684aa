import { describe, expect, it } from 'vitest';
import { schemaCheckNode } from './schemaCheck';
import { outputsOf, runNode } from './nodeTestKit';

const leadSchema = {
  type: 'object',
  required: ['name', 'email', 'score'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', format: 'email' },
    score: { type: 'number', maximum: 10 },
    tags: { type: 'array', items: { type: 'string' } },
    'a/b': { type: 'string' },
  },
};

describe('Schema check node', () => {
  it('has one input and valid / invalid outputs', () => {
    const config = schemaCheckNode.configSchema.parse({});
    expect(config).toEqual({ schema: { type: 'object' } });
    expect(schemaCheckNode.inputs(config)).toEqual([{ name: 'in', required: true }]);
    expect(schemaCheckNode.outputs(config).map((port) => port.name)).toEqual(['valid', 'invalid']);
  });

  it('sends a matching value down valid', async () => {
    const lead = { name: 'Ada', email: 'ada@example.com', score: 9, tags: ['x'] };
    expect(await outputsOf(schemaCheckNode, { schema: leadSchema }, { inputs: { in: lead } })).toEqual({ valid: lead });
  });

  it('sends a failing value down invalid with every problem and its path', async () => {
    const lead = { email: 'not-an-email', score: 11, tags: ['ok', 3], extra: true, 'a/b': 1 };
    const outcome = await runNode(schemaCheckNode, { schema: leadSchema }, { inputs: { in: lead } });
    const invalid = outcome.result?.outputs.invalid as { value: unknown; errors: Array<{ path: string; message: string }> };
    expect(Object.keys(outcome.result?.outputs ?? {})).toEqual(['invalid']);
    expect(invalid.value).toEqual(lead);
    expect(invalid.errors).toEqual(
      expect.arrayContaining([
        { path: '/name', message: 'is required' },
        { path: '/extra', message: 'is not allowed here' },
        { path: '/email', message: 'must be a valid email' },
        { path: '/score', message: 'must be <= 10 (got 11)' },
        { path: '/tags/1', message: 'must be string (got number)' },
        { path: '/a~1b', message: 'must be string (got number)' },
      ]),
    );
    expect(invalid.errors).toHaveLength(6);
    expect(outcome.activity.logs[0]).toMatch(/^6 problems: /);
  });

  it('understands draft-07 schemas and draft 2020-12 keywords', async () => {
    const draft07 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'string' }], additionalItems: false };
    expect(Object.keys(await outputsOf(schemaCheckNode, { schema: draft07 }, { inputs: { in: ['a', 1] } }))).toEqual(['invalid']);
    const draft2020 = { type: 'array', prefixItems: [{ type: 'string' }], items: false };
    expect(await outputsOf(schemaCheckNode, { schema: draft2020 }, { inputs: { in: ['a'] } })).toEqual({ valid: ['a'] });
    expect(Object.keys(await outputsOf(schemaCheckNode, { schema: draft2020 }, { inputs: { in: ['a', 'b'] } }))).toEqual(['invalid']);
  });

  it('reports an invalid schema as a config error naming the node', async () => {
    const outcome = await runNode(schemaCheckNode, { schema: { type: 'strnig' } }, { label: 'Lead shape', inputs: { in: {} } });
    expect(outcome.error).toMatchObject({ code: 'config' });
    expect((outcome.error as Error).message).toMatch(/^Schema check "Lead shape": the JSON Schema is invalid: \/type: /);
  });

  it('rejects a schema that is not an object', () => {
    expect(schemaCheckNode.configSchema.safeParse({ schema: 'string' }).error?.issues[0]?.message).toBe('must be a JSON Schema object, such as { "type": "object" }');
  });
});
