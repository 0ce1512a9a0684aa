import { describe, expect, it } from 'vitest';
import { TrellisError } from '../util/errors';
import { inputNode } from './input';
import { outputsOf, runNode } from './nodeTestKit';

const fields = [
  { name: 'company', type: 'string' },
  { name: 'employees', type: 'number' },
  { name: 'active', type: 'boolean' },
  { name: 'profile', type: 'json' },
];

describe('Input node', () => {
  it('defaults to one required text field and has one output per field', () => {
    const config = inputNode.defaultConfig();
    expect(inputNode.configSchema.parse(config)).toEqual(config);
    expect(config.fields).toEqual([{ name: 'text', type: 'string', required: true }]);
    expect(inputNode.inputs(config)).toEqual([]);
    const parsed = inputNode.configSchema.parse({ fields });
    expect(inputNode.outputs(parsed).map((port) => port.name)).toEqual(['company', 'employees', 'active', 'profile']);
    expect(parsed.fields[0]).toEqual({ name: 'company', type: 'string', required: true });
  });

  it('coerces text from datasets to the field types', async () => {
    const outputs = await outputsOf(inputNode, { fields }, {
      runInputs: { company: 'Acme', employees: ' 42 ', active: 'TRUE', profile: '{"tier":"gold","tags":["a"]}' },
    });
    expect(outputs).toEqual({ company: 'Acme', employees: 42, active: true, profile: { tier: 'gold', tags: ['a'] } });
    const typed = await outputsOf(inputNode, { fields }, { runInputs: { company: 7, employees: 3.5, active: false, profile: [1, 2] } });
    expect(typed).toEqual({ company: '7', employees: 3.5, active: false, profile: [1, 2] });
  });

  it('applies defaults and gives null for optional fields without a value', async () => {
    const config = {
      fields: [
        { name: 'limit', type: 'number', default: '10' },
        { name: 'note', type: 'string', required: false },
        { name: 'strict', type: 'boolean', required: false },
      ],
    };
    expect(await outputsOf(inputNode, config, { runInputs: { strict: '' } })).toEqual({ limit: 10, note: null, strict: null });
  });

  it('fails naming the node and field when a required value is missing or does not fit', async () => {
    const missing = await runNode(inputNode, { fields }, { label: 'Lead', runInputs: { company: 'Acme', active: 'true', profile: '{}' } });
    expect(missing.error).toBeInstanceOf(TrellisError);
    expect(missing.error).toMatchObject({ code: 'input', message: 'Input "Lead": field "employees" is required but the run has no value for it' });
    const bad = await runNode(inputNode, { fields }, { label: 'Lead', runInputs: { company: 'Acme', employees: 'forty', active: 'true', profile: '{}' } });
    expect(bad.error).toMatchObject({ code: 'input', message: 'Input "Lead": field "employees" (number): expected a number, got "forty"' });
    const flag = await runNode(inputNode, { fields }, { runInputs: { company: 'A', employees: 1, active: 'yes', profile: '{}' } });
    expect((flag.error as Error).message).toContain('field "active" (boolean): expected true or false, got "yes"');
    const json = await runNode(inputNode, { fields }, { runInputs: { company: 'A', employees: 1, active: true, profile: '{tier:' } });
    expect((json.error as Error).message).toMatch(/field "profile" \(json\): expected JSON text, got "\{tier:"/);
    const object = await runNode(inputNode, { fields }, { runInputs: { company: { a: 1 }, employees: 1, active: true, profile: 1 } });
    expect((object.error as Error).message).toContain('field "company" (string): expected text, got {"a":1}');
  });

  it('rejects invalid configs with readable messages at the right path', () => {
    const result = inputNode.configSchema.safeParse({
      fields: [
        { name: 'a', type: 'number', default: 'many' },
        { name: 'a', type: 'string' },
        { name: '1bad', type: 'date' },
      ],
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
    expect(issues).toContain('fields.0.default: does not fit the field\'s type: expected a number, got "many"');
    expect(issues).toContain('fields.1.name: "a" is used by another field; field names must be unique');
    expect(issues).toContain('fields.2.type: must be one of string, number, boolean, json');
    expect(issues.some((issue) => issue.startsWith('fields.2.name: must start with a letter'))).toBe(true);
    expect(inputNode.configSchema.safeParse({ fields: [] }).error?.issues[0]?.message).toBe('needs at least one field');
    expect(inputNode.configSchema.safeParse({ fields: [{ name: 'x' }], extra: 1 }).success).toBe(false);
  });
});
