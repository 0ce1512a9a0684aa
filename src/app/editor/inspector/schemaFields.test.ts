import { describe, expect, it } from 'vitest';
import { getNodeKind, listNodeKinds } from '../../../engine/nodes/registry';
import { configFields, humanize, type FieldSpec, type ListFieldSpec, type ObjectFieldSpec } from './schemaFields';
import { newListItem } from './newItems';

function kindFields(kind: string): ObjectFieldSpec {
  const def = getNodeKind(kind);
  if (!def) throw new Error(`no kind ${kind}`);
  return configFields(def);
}

function field(spec: ObjectFieldSpec, key: string): FieldSpec {
  const found = spec.fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key} in ${spec.fields.map((f) => f.key).join(', ')}`);
  return found;
}

describe('form fields derived from a kind’s config schema', () => {
  it('gives the agent text, long text, a template, the provider list, numbers, a JSON Schema and a list of tools', () => {
    const spec = kindFields('agent');
    expect(spec.fields.map((f) => f.key)).toEqual(['role', 'goal', 'backstory', 'instructions', 'providerId', 'model', 'temperature', 'maxIterations', 'outputSchema', 'tools']);
    expect(field(spec, 'role')).toMatchObject({ type: 'text', multiline: false, required: true, minLength: 1, maxLength: 500, label: 'Role' });
    expect(field(spec, 'backstory')).toMatchObject({ type: 'text', multiline: true, required: false, hasDefault: true, defaultValue: '' });
    expect(field(spec, 'instructions')).toMatchObject({ type: 'editor', language: 'template', scope: 'upstream', required: true });
    expect(field(spec, 'providerId')).toMatchObject({ type: 'provider', required: false, label: 'Provider' });
    expect(field(spec, 'temperature')).toMatchObject({ type: 'number', integer: false, min: 0, max: 2, defaultValue: 0.7 });
    expect(field(spec, 'maxIterations')).toMatchObject({ type: 'number', integer: true, min: 1, max: 20 });
    expect(field(spec, 'outputSchema')).toMatchObject({ type: 'editor', language: 'json', jsonSchema: true, nullable: true });

    const tools = field(spec, 'tools') as ListFieldSpec;
    expect(tools).toMatchObject({ type: 'list', itemNoun: 'tool', maxItems: 32 });
    expect(tools.item.type).toBe('union');
    if (tools.item.type !== 'union') return;
    expect(tools.item.discriminator).toBe('type');
    expect(tools.item.variants.map((v) => [v.value, v.label])).toEqual([['http', 'HTTP tool'], ['code', 'Code tool']]);
    const http = tools.item.variants[0]?.fields ?? [];
    expect(http.map((f) => f.key)).not.toContain('type');
    expect(http.find((f) => f.key === 'url')).toMatchObject({ type: 'editor', language: 'template', scope: 'tool-arguments' });
    expect(http.find((f) => f.key === 'parameters')).toMatchObject({ type: 'editor', language: 'json', jsonSchema: true });
    expect(http.find((f) => f.key === 'method')).toMatchObject({ type: 'enum', options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] });
    const headers = http.find((f) => f.key === 'headers') as ListFieldSpec;
    expect(headers.item).toMatchObject({ type: 'object' });
    const code = tools.item.variants[1]?.fields ?? [];
    expect(code.find((f) => f.key === 'code')).toMatchObject({ type: 'editor', language: 'javascript' });
  });

  it('gives Input an editable list of typed fields', () => {
    const fields = field(kindFields('input'), 'fields') as ListFieldSpec;
    expect(fields).toMatchObject({ type: 'list', minItems: 1, maxItems: 100, itemNoun: 'field' });
    if (fields.item.type !== 'object') throw new Error('expected an object item');
    expect(fields.item.strict).toBe(true);
    expect(fields.item.fields.map((f) => [f.key, f.type])).toEqual([['name', 'text'], ['type', 'enum'], ['required', 'boolean'], ['description', 'text'], ['default', 'text']]);
    expect(fields.item.fields[1]).toMatchObject({ options: ['string', 'number', 'boolean', 'json'], defaultValue: 'string' });
    expect(fields.item.fields[4]).toMatchObject({ label: 'Default value', required: false });
  });

  it('uses JSONata editors for Transform and Router, templates for HTTP, JSON for Schema check, a list of names for inputs', () => {
    expect(field(kindFields('transform'), 'expression')).toMatchObject({ type: 'editor', language: 'jsonata' });
    expect(field(kindFields('transform'), 'inputs')).toMatchObject({ type: 'list', itemBase: 'in', item: { type: 'text' } });
    const branches = field(kindFields('router'), 'branches') as ListFieldSpec;
    expect(branches.item.type === 'object' && branches.item.fields.map((f) => [f.key, f.type === 'editor' ? f.language : f.type])).toEqual([['name', 'text'], ['condition', 'jsonata']]);
    const http = kindFields('http');
    expect(field(http, 'url')).toMatchObject({ type: 'editor', language: 'template', lines: 1, label: 'URL' });
    expect(field(http, 'body')).toMatchObject({ type: 'editor', language: 'template', required: false });
    expect(field(http, 'timeoutMs')).toMatchObject({ type: 'number', label: 'Timeout (ms)', min: 100 });
    expect(field(http, 'failOnHttpError')).toMatchObject({ type: 'boolean', defaultValue: true });
    expect(field(kindFields('schema_check'), 'schema')).toMatchObject({ type: 'editor', language: 'json', jsonSchema: true, nullable: false });
    expect(field(kindFields('code'), 'code')).toMatchObject({ type: 'editor', language: 'javascript' });
    expect(field(kindFields('merge'), 'mode')).toMatchObject({ type: 'enum', options: ['all', 'first'] });
    expect(field(kindFields('llm_router'), 'instructions')).toMatchObject({ type: 'editor', language: 'template' });
  });

  it('builds a form for every registered kind', () => {
    for (const def of listNodeKinds()) {
      const spec = configFields(def);
      expect(spec.type, def.kind).toBe('object');
      expect(spec.fields.length, def.kind).toBeGreaterThan(0);
    }
  });

  it('writes keys as words', () => {
    expect(humanize('maxIterations')).toBe('Max iterations');
    expect(humanize('timeoutMs')).toBe('Timeout (ms)');
    expect(humanize('memoryMb')).toBe('Memory (MB)');
    expect(humanize('responseType')).toBe('Response type');
    expect(humanize('url')).toBe('URL');
  });
});

describe('new list items', () => {
  it('start from defaults with a unique name', () => {
    const inputFields = field(kindFields('input'), 'fields') as ListFieldSpec;
    expect(newListItem(inputFields, [{ name: 'text' }])).toEqual({ name: 'field', type: 'string', required: true });
    expect(newListItem(inputFields, [{ name: 'field' }])).toMatchObject({ name: 'field2' });
    const branches = field(kindFields('router'), 'branches') as ListFieldSpec;
    expect(newListItem(branches, [{ name: 'branch' }])).toEqual({ name: 'branch2', condition: '$boolean($)' });
    expect(newListItem(field(kindFields('transform'), 'inputs') as ListFieldSpec, ['in'])).toBe('in2');
    // A text item with a starting value of its own: a judge's new evaluation step is a sentence to finish, not a name.
    expect(newListItem(field(kindFields('judge'), 'steps') as ListFieldSpec, ['Check that it is short.'])).toBe('Check that ');
  });

  it('keep every kind’s default config valid when added to any of its lists', () => {
    for (const def of listNodeKinds()) {
      const spec = configFields(def);
      for (const list of spec.fields.filter((f): f is ListFieldSpec => f.type === 'list')) {
        const variants = list.item.type === 'union' ? list.item.variants.map((v) => v.value) : [undefined];
        for (const variant of variants) {
          const config = def.defaultConfig() as Record<string, unknown>;
          const existing = (config[list.key] as unknown[] | undefined) ?? [];
          const next = { ...config, [list.key]: [...existing, newListItem(list, existing, variant)] };
          const parsed = def.configSchema.safeParse(next);
          expect(parsed.success ? [] : parsed.error.issues.map((i: { path: PropertyKey[]; message: string }) => `${i.path.join('.')}: ${i.message}`), `${def.kind}.${list.key} ${variant ?? ''}`).toEqual([]);
        }
      }
    }
  });
});
