import { describe, expect, it } from 'vitest';
import { checkJsonSchema, compileJsonSchema } from './jsonSchema';

const lead = {
  type: 'object',
  required: ['name', 'score', 'tags'],
  properties: {
    name: { type: 'string', minLength: 1 },
    score: { type: 'number', minimum: 0, maximum: 10 },
    tags: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: false,
};

describe('JSON Schema validation', () => {
  it('accepts a valid value', async () => {
    const schema = await compileJsonSchema(lead, 'test');
    expect(schema.validate({ name: 'Ada', score: 9, tags: ['a'] })).toEqual([]);
  });

  it('reports each failure once, at its path', async () => {
    const schema = await compileJsonSchema(lead, 'test');
    expect(schema.validate({ score: 11, tags: ['a', 2], extra: true })).toEqual([
      { path: '/name', message: 'is required' },
      { path: '/score', message: 'must be <= 10 (got 11)' },
      { path: '/tags/1', message: 'must be string (got number)' },
      { path: '/extra', message: 'is not allowed here' },
    ]);
  });

  it('validates scalars and the draft named by $schema', async () => {
    const draft7 = await compileJsonSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'string' }], additionalItems: false }, 'test');
    expect(draft7.validate(['a'])).toEqual([]);
    expect(draft7.validate(['a', 'b']).map((p) => p.path)).toEqual(['/1']);
    const text = await compileJsonSchema({ type: 'string', maxLength: 3 }, 'test');
    expect(text.validate('abcd')[0]?.path).toBe('');
  });

  it('refuses an invalid schema with every problem named', async () => {
    expect(await checkJsonSchema({ type: 'strin', required: 'name' })).toEqual([
      { path: '/required', message: 'must be array (got string)' },
      {
        path: '/type',
        message: 'matches none of the allowed forms: must be one of ["array","boolean","integer","null","number","object","string"]; or must be array (got string)',
      },
    ]);
    await expect(compileJsonSchema({ type: 'strin' }, 'Schema check "Lead"')).rejects.toThrow(/^Schema check "Lead": the JSON Schema is invalid: \/type/);
    expect(await checkJsonSchema('nope')).toEqual([{ path: '', message: 'a JSON Schema must be an object or a boolean' }]);
  });
});
