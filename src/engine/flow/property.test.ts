/** Property tests: import never throws and always explains a refusal; valid flows round-trip. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFlow } from './canonical';
import { flowVersionHash } from './hash';
import { importFlow, type ImportResult } from './import';
import type { FlowDoc, FlowEdge, FlowNode } from './schema';
import { registerTestKinds, TEST_LLM, TEST_STRICT, TEST_TEXT } from './fixtures/testKinds';

beforeAll(registerTestKinds);

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const port = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const coordinate = fc.double({ min: -1e6, max: 1e6, noNaN: true });

const kindAndConfig = fc.oneof(
  fc.record({ kind: fc.constant(TEST_TEXT), config: fc.record({ text: fc.string() }, { requiredKeys: [] }) }),
  fc.record({ kind: fc.constant(TEST_STRICT), config: fc.record({ text: fc.string() }) }),
  fc.record({
    kind: fc.constant(TEST_LLM),
    config: fc.record(
      {
        model: fc.string({ minLength: 1 }),
        prompt: fc.string(),
        temperature: fc.double({ min: 0, max: 2, noNaN: true }),
        headers: fc.dictionary(fc.string(), fc.string()),
        output: fc.record({ strict: fc.boolean(), schema: fc.jsonValue() }, { requiredKeys: ['strict'] }),
      },
      { requiredKeys: ['model', 'prompt'] },
    ),
  }),
);

const validFlow: fc.Arbitrary<FlowDoc> = fc
  .record({
    id,
    name: fc.string({ minLength: 1, maxLength: 200 }),
    description: fc.string({ maxLength: 300 }),
    nodeIds: fc.uniqueArray(id, { maxLength: 8 }),
    edgeIds: fc.uniqueArray(id, { maxLength: 10 }),
    settings: fc.record(
      { providerId: id, model: fc.string({ minLength: 1, maxLength: 200 }), concurrency: fc.integer({ min: 1, max: 32 }) },
      { requiredKeys: ['concurrency'] },
    ),
  })
  .chain(({ nodeIds, edgeIds, ...rest }) =>
    fc.record({
      nodes: fc.tuple(
        ...nodeIds.map((nodeId) =>
          fc.record({ label: fc.string({ maxLength: 200 }), x: coordinate, y: coordinate, kc: kindAndConfig }).map(
            ({ label, x, y, kc }): FlowNode => ({ id: nodeId, kind: kc.kind, label, position: { x, y }, config: kc.config }),
          ),
        ),
      ),
      edges:
        nodeIds.length === 0
          ? fc.constant([] as FlowEdge[])
          : fc.tuple(
              ...edgeIds.map((edgeId) =>
                fc
                  .record({
                    source: fc.constantFrom(...nodeIds),
                    target: fc.constantFrom(...nodeIds),
                    sourcePort: port,
                    targetPort: port,
                    loop: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
                  })
                  .map(({ loop, ...edge }): FlowEdge => ({ id: edgeId, ...edge, ...(loop === undefined ? {} : { loop: { maxIterations: loop } }) })),
              ),
            ),
    }).map(({ nodes, edges }): FlowDoc => ({ format: 'trellis.flow', version: 1, ...rest, nodes, edges })),
  );

function expectExplained(result: ImportResult): void {
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(typeof problem.path).toBe('string');
    expect(problem.path).not.toBe('');
    expect(problem.message.length).toBeGreaterThan(0);
  }
}

type Path = (string | number)[];
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item: unknown, i) => out.push(...pathsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function mutate(doc: unknown, path: Path, action: 'set' | 'delete' | 'stray', replacement: unknown): unknown {
  if (path.length === 0) return action === 'set' ? replacement : doc;
  let parent = doc as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (action === 'set') parent[last] = replacement;
  else if (action === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
    (parent[last] as Record<string, unknown>).apiKey = replacement;
  }
  return doc;
}

describe('importFlow never throws', () => {
  it('on arbitrary JSON, as text or as data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectExplained(importFlow(value));
        expectExplained(importFlow(JSON.stringify(value)));
      }),
    );
  });

  it('on arbitrary strings and arbitrary JS values', () => {
    fc.assert(fc.property(fc.string(), (text) => expectExplained(importFlow(text))));
    const anything = fc.anything({
      withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true,
      withSparseArray: true, withNullPrototype: true, withBoxedValues: true, withObjectString: true,
    });
    fc.assert(fc.property(anything, (value) => expectExplained(importFlow(value))));
    fc.assert(fc.property(anything, (value) => expectExplained(importFlow({ format: 'trellis.flow', version: 1, nodes: value }))));
  });

  it('on truncated exports, which report a line and column', () => {
    fc.assert(
      fc.property(validFlow, fc.double({ min: 0, max: 1, noNaN: true }), (flow, cut) => {
        const text = exportFlow(flow);
        const truncated = text.slice(0, Math.floor(cut * (text.trimEnd().length - 1)));
        const result = importFlow(truncated);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.problems[0]!.message).toMatch(/^not valid JSON at line \d+, column \d+/);
      }),
    );
  });

  it('on mutated valid documents; what it accepts is a fixed point of export', () => {
    fc.assert(
      fc.property(validFlow, fc.nat(), fc.constantFrom('set', 'delete', 'stray'), fc.jsonValue(), (flow, pick, action, replacement) => {
        const doc = JSON.parse(exportFlow(flow)) as unknown;
        const paths = pathsOf(doc);
        const path = paths[pick % paths.length]!;
        const mutated = mutate(doc, path, action as 'set' | 'delete' | 'stray', replacement);
        const result = importFlow(mutated);
        expectExplained(result);
        if (result.ok) {
          const text = exportFlow(result.flow);
          // A stray key survives only inside config values declared as free-form (a JSON schema, a header map).
          if (!path.includes('schema') && !path.includes('headers')) expect(text).not.toContain('"apiKey"');
          const again = importFlow(text);
          expect(again.ok && exportFlow(again.flow)).toBe(text);
        }
      }),
    );
  });
});

describe('valid flows round-trip', () => {
  it('import(export(x)) accepts x with no warnings, and export is a fixed point', async () => {
    await fc.assert(
      fc.asyncProperty(validFlow, async (flow) => {
        const text = exportFlow(flow);
        const result = importFlow(text);
        expect(result).toEqual({ ok: true, flow: JSON.parse(text), warnings: [] });
        if (!result.ok) return;
        expect(exportFlow(result.flow)).toBe(text);
        expect(await flowVersionHash(result.flow)).toBe(await flowVersionHash(flow));
      }),
      { numRuns: 200 },
    );
  });
});
