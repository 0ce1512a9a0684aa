import { beforeAll, describe, expect, it } from 'vitest';
import { exportFlow } from './canonical';
import { importFlow } from './import';
import { formatProblem, type FlowProblem } from './problems';
import { MAX_IMPORT_CHARS } from './jsonText';
import { MAX_NESTING } from './jsonData';
import { registerTestKinds, sampleFlow, TEST_LLM } from './fixtures/testKinds';

beforeAll(registerTestKinds);

function problemsOf(input: unknown): string[] {
  const result = importFlow(input);
  if (result.ok) throw new Error('expected the import to fail');
  expect(result.problems.length).toBeGreaterThan(0);
  return result.problems.map(formatProblem);
}

function doc(): Record<string, unknown> {
  return JSON.parse(exportFlow(sampleFlow())) as Record<string, unknown>;
}

describe('importFlow: success', () => {
  it('imports its own export, as text or as parsed data', () => {
    const text = exportFlow(sampleFlow());
    for (const input of [text, JSON.parse(text) as unknown]) {
      const result = importFlow(input);
      expect(result).toEqual({ ok: true, flow: JSON.parse(text), warnings: [] });
    }
  });

  it('accepts a byte-order mark', () => {
    expect(importFlow(`\uFEFF${exportFlow(sampleFlow())}`).ok).toBe(true);
  });

  it('drops config fields the kind does not declare, with a warning naming each', () => {
    const d = doc();
    ((d.nodes as Record<string, unknown>[])[1]!.config as Record<string, unknown>).apiKey = 'sk-secret';
    const result = importFlow(d);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.flow.nodes[1]!.config).not.toHaveProperty('apiKey');
    expect(result.warnings).toEqual([{ path: 'nodes[1].config.apiKey', message: 'unknown field; left out' }]);
  });

  it('does not change the input object', () => {
    const d = doc();
    const before = structuredClone(d);
    importFlow(d);
    expect(d).toEqual(before);
  });
});

describe('importFlow: every problem, with its path', () => {
  it('reports a JSON syntax error with line and column (and where in the document)', () => {
    expect(problemsOf('{\n  "format": "trellis.flow",\n  "nodes": [\n    {"id": "a" "kind": "x"}\n  ]\n}')).toEqual([
      '$: not valid JSON at line 4, column 16 (in nodes[0].id): unexpected \'"\'; expected "," or "}" after a property value',
    ]);
    expect(problemsOf('{"a": [1, 2,]}')[0]).toMatch(/^\$: not valid JSON at line 1, column 13 .*trailing comma before "\]"/);
    expect(problemsOf("{'a': 1}")[0]).toMatch(/line 1, column 2: unexpected "'" \(JSON strings use double quotes\)/);
    expect(problemsOf('{"a": NaN}')[0]).toMatch(/line 1, column 7 \(in a\): unexpected "NaN"; expected a value/);
    expect(problemsOf('{"a": [1, 2')[0]).toMatch(/line 1, column 12 .*the array opened at line 1, column 7 is not closed/);
    expect(problemsOf('{"a": "x\ny"}')[0]).toMatch(/line 1, column 9 .*character U\+000A inside a string/);
    expect(problemsOf('{} {}')[0]).toMatch(/line 1, column 4: unexpected '\{' after the end of the document/);
    expect(problemsOf('')).toEqual(['$: not valid JSON at line 1, column 1: the file is empty']);
    expect(problemsOf('{"a": 01}')[0]).toMatch(/column 7 .*invalid number/);
    expect(problemsOf('{"a": "\\x"}')[0]).toMatch(/column 8 .*invalid escape "\\x"/);
  });

  it('refuses what is not a Trellis flow', () => {
    expect(problemsOf('[1, 2]')).toEqual(['$: expected a Trellis flow (a JSON object), got array']);
    expect(problemsOf(null)).toEqual(['$: expected a Trellis flow (a JSON object), got null']);
    expect(problemsOf({ nodes: [] })).toEqual(['format: missing; this is not a Trellis flow file (expected "format": "trellis.flow")']);
    expect(problemsOf({ ...doc(), format: 'other.flow' })).toEqual(['format: expected "trellis.flow", got "other.flow"; this is not a Trellis flow file']);
  });

  it('reports a wrong type as expected-vs-got, at the config field', () => {
    const d = doc();
    ((d.nodes as Record<string, unknown>[])[1]!.config as Record<string, unknown>).model = 3;
    expect(problemsOf(d)).toEqual(['nodes[1].config.model: expected string, got number']);
  });

  it('reports an unknown kind, duplicate ids and dangling edges', () => {
    const d = doc();
    const nodes = d.nodes as Record<string, unknown>[];
    const edges = d.edges as Record<string, unknown>[];
    nodes[0]!.kind = 'foo';
    nodes[2]!.id = 'ticket';
    edges[1]!.id = 'e1';
    edges[1]!.target = 'zz';
    expect(problemsOf(d)).toEqual([
      'nodes[0].kind: unknown node kind "foo"',
      'nodes[2].id: duplicate id "ticket" (also nodes[0])',
      'edges[1].id: duplicate id "e1" (also edges[0])',
      'edges[1].target: no node with id "zz"',
    ]);
  });

  it('collects every problem in one pass, grouped in document order', () => {
    const input = {
      format: 'trellis.flow',
      version: 1,
      id: 'has space',
      name: '',
      description: 7,
      extra: true,
      nodes: [
        { id: 'a', kind: TEST_LLM, label: 'A', position: { x: 'left' }, config: { model: 3, prompt: 'p', temperature: 9 }, apiKey: 'k' },
        { id: 'a', kind: 'nope', label: 'B', position: { x: 0, y: 0 }, config: [] },
        'not a node',
      ],
      edges: [{ id: 'e', source: 'a', sourcePort: '1bad', target: 'ghost', targetPort: 'in', loop: { maxIterations: 0 } }],
      settings: { concurrency: 0, apiKey: 'k' },
    };
    expect(problemsOf(input)).toEqual([
      'id: may contain only letters, digits, "_" and "-"',
      'name: must not be empty',
      'description: expected string, got number',
      'nodes[0].position.x: expected number, got string',
      'nodes[0].position.y: missing (expected number)',
      'nodes[0].apiKey: unknown field',
      'nodes[0].config.model: expected string, got number',
      'nodes[0].config.temperature: must be at most 2',
      'nodes[1].config: expected object, got array',
      'nodes[1].id: duplicate id "a" (also nodes[0])',
      'nodes[1].kind: unknown node kind "nope"',
      'nodes[2]: expected object, got string',
      'edges[0].sourcePort: must start with a letter or "_" and contain only letters, digits and "_"',
      'edges[0].loop.maxIterations: must be at least 1',
      'edges[0].target: no node with id "ghost"',
      'settings.concurrency: must be at least 1',
      'settings.apiKey: unknown field',
      'extra: unknown field',
    ]);
  });

  it('writes paths for odd keys with brackets', () => {
    const d = doc();
    (d.settings as Record<string, unknown>)['api key'] = 'k';
    expect(problemsOf(d)).toEqual(['settings["api key"]: unknown field']);
  });

  it('caps the list, saying how many more there are', () => {
    const d = doc();
    d.nodes = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, kind: 'missing_kind', label: '', position: { x: 0, y: 0 }, config: {} }));
    d.edges = [];
    const problems = problemsOf(d);
    expect(problems).toHaveLength(201);
    expect(problems[200]).toBe('$: 100 more problems not shown');
    const few = importFlow(d, { maxProblems: 5 });
    expect(few.ok ? [] : few.problems.map((p: FlowProblem) => p.message)).toContain('295 more problems not shown');
  });
});

describe('importFlow: pathological input', () => {
  it('handles a document with hundreds of thousands of problems', () => {
    const d = doc();
    d.nodes = Array.from({ length: 19_000 }, () => ({ apiKey: 'k' }));
    const problems = problemsOf(d);
    expect(problems).toHaveLength(201);
    expect(problems[0]).toBe('nodes[0].id: missing (expected string)');
    expect(problems[200]).toMatch(/^\$: \d{6} more problems not shown$/);
    d.nodes = Array.from({ length: 20_001 }, () => ({}));
    expect(problemsOf(d)[0]).toBe('nodes: must have at most 20000 items');
  });

  it('refuses text over the size limit without parsing it', () => {
    const huge = ' '.repeat(MAX_IMPORT_CHARS + 1);
    expect(problemsOf(huge)[0]).toMatch(/^\$: the file is too large \(32\.0 MB; the limit is 32\.0 MB\)/);
  });

  it('refuses deep nesting with a clear problem (text and objects)', () => {
    const depth = 100_000;
    const text = `{"format":"trellis.flow","version":1,"description":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(problemsOf(text)).toEqual([`description${'[0]'.repeat(MAX_NESTING - 1)}: nested too deeply (more than ${MAX_NESTING} levels)`]);
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i += 1) deep = { deep };
    expect(problemsOf({ ...doc(), settings: deep })[0]).toMatch(/^settings(\.deep)+: nested too deeply/);
  });

  it('refuses values that are not JSON data, given as objects', () => {
    const circular = doc();
    (circular.settings as Record<string, unknown>).self = circular;
    expect(problemsOf(circular)).toEqual(['settings.self: circular reference: the value contains itself']);
    expect(problemsOf({ ...doc(), description: () => 'x' })).toEqual(['description: a function is not JSON data']);
    expect(problemsOf({ ...doc(), description: new Date(0) })).toEqual(['description: not JSON data (a Date instance)']);
    expect(problemsOf({ ...doc(), description: 10n })).toEqual(['description: a bigint is not JSON data']);
    expect(problemsOf({ ...doc(), description: NaN })).toEqual(['description: NaN is not a JSON number']);
  });

  it('turns a throwing getter into a problem instead of throwing', () => {
    const d = doc();
    Object.defineProperty(d, 'name', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(problemsOf(d)).toEqual(['$: could not be read: boom']);
  });
});
