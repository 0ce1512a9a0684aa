import { beforeAll, describe, expect, it } from 'vitest';
import { exportFlow, exportFlowWithReport } from './canonical';
import { importFlow } from './import';
import type { FlowDoc } from './schema';
import { registerTestKinds, sampleFlow, TEST_LLM, TEST_STRICT } from './fixtures/testKinds';

beforeAll(registerTestKinds);

/** Adds a field the schema does not know, bypassing the types (as a buggy caller or a hand-edited object might). */
function withStray<T extends object>(target: T, key: string, value: unknown): T {
  (target as Record<string, unknown>)[key] = value;
  return target;
}

const SECRET = 'sk-live-SECRET-0123456789';

describe('exportFlow', () => {
  it('gives identical bytes when exported twice, and does not change the flow', () => {
    const flow = sampleFlow();
    const before = structuredClone(flow);
    expect(exportFlow(flow)).toBe(exportFlow(flow));
    expect(flow).toEqual(before);
  });

  it('is a fixed point: export(import(export(x))) === export(x)', () => {
    const text = exportFlow(sampleFlow());
    const again = importFlow(text);
    expect(again.ok).toBe(true);
    if (again.ok) expect(exportFlow(again.flow)).toBe(text);
  });

  it('leaves out unknown fields on the document, settings, nodes, positions, edges and loops', () => {
    const flow = sampleFlow();
    withStray(flow, 'apiKey', SECRET);
    withStray(flow.settings, 'apiKey', SECRET);
    withStray(flow.nodes[0]!, 'apiKey', SECRET);
    withStray(flow.nodes[0]!.position, 'z', 3);
    withStray(flow.edges[0]!, 'token', SECRET);
    flow.edges[1]!.loop = withStray({ maxIterations: 2 }, 'secret', SECRET);
    const { json, dropped } = exportFlowWithReport(flow);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('"z"');
    expect(JSON.parse(json)).toMatchObject({ edges: [{}, { loop: { maxIterations: 2 } }] });
    expect(dropped.map((d) => d.path).sort()).toEqual(
      ['apiKey', 'edges[0].token', 'edges[1].loop.secret', 'nodes[0].apiKey', 'nodes[0].position.z', 'settings.apiKey'].sort(),
    );
    // the report names paths, never values
    expect(JSON.stringify(dropped)).not.toContain(SECRET);
  });

  it('keeps only the config fields a known kind declares, at every depth, without filling in defaults', () => {
    const flow = sampleFlow();
    flow.nodes[1]!.config = {
      model: 'm',
      prompt: 'p',
      apiKey: SECRET,
      output: { strict: true, schema: { type: 'object', properties: { password: { type: 'string' } } }, token: SECRET },
      headers: { 'X-Trace': 'on' },
      mode: { type: 'json', indent: 2, key: SECRET },
    };
    const { json, dropped } = exportFlowWithReport(flow);
    const config = (JSON.parse(json) as FlowDoc).nodes[1]!.config;
    expect(json).not.toContain(SECRET);
    expect(config).toEqual({
      model: 'm',
      prompt: 'p',
      // declared free-form JSON (an output schema) is data and survives, even a "password" property
      output: { strict: true, schema: { type: 'object', properties: { password: { type: 'string' } } } },
      headers: { 'X-Trace': 'on' },
      mode: { type: 'json', indent: 2 },
    });
    expect(config).not.toHaveProperty('temperature'); // the default (0.7) is not written in
    expect(dropped.map((d) => d.path).sort()).toEqual(['nodes[1].config.apiKey', 'nodes[1].config.mode.key', 'nodes[1].config.output.token']);
  });

  it('cuts an invalid config down to declared fields too (strict kind, wrong types)', () => {
    const flow = sampleFlow();
    flow.nodes[2]!.config = { text: 42, apiKey: SECRET, note: 'undeclared' };
    flow.nodes[1]!.config = { model: 7, apiKey: SECRET, note: 'undeclared' };
    const json = exportFlow(flow);
    expect(json).not.toContain(SECRET);
    const doc = JSON.parse(json) as FlowDoc;
    expect(doc.nodes[2]!.config).toEqual({ text: 42 });
    expect(doc.nodes[1]!.config).toEqual({ model: 7 });
    expect(doc.nodes[2]!.kind).toBe(TEST_STRICT);
    expect(doc.nodes[1]!.kind).toBe(TEST_LLM);
  });

  it('for a kind it does not know, keeps the config but leaves out secret-looking keys', () => {
    const flow = sampleFlow();
    flow.nodes[0]!.kind = 'not_installed_kind';
    flow.nodes[0]!.config = { prompt: 'hi', apiKey: SECRET, nested: { Authorization: `Bearer ${SECRET}`, keep: 1 } };
    const doc = JSON.parse(exportFlow(flow)) as FlowDoc;
    expect(doc.nodes[0]!.config).toEqual({ prompt: 'hi', nested: { keep: 1 } });
  });

  it('rounds positions to 0.1 and writes -0 as 0', () => {
    const flow = sampleFlow();
    flow.nodes[0]!.position = { x: 10.04999, y: -0.04 };
    flow.nodes[1]!.position = { x: 1e300, y: 33.35 };
    const doc = JSON.parse(exportFlow(flow)) as FlowDoc;
    expect(doc.nodes[0]!.position).toEqual({ x: 10, y: 0 });
    expect(Object.is(doc.nodes[0]!.position.y, -0)).toBe(false);
    expect(doc.nodes[1]!.position.x).toBe(1e300);
    expect(doc.nodes[1]!.position.y).toBeCloseTo(33.4, 10);
  });

  it('does not depend on key insertion order or on optional fields set to undefined', () => {
    const a = sampleFlow();
    const b = sampleFlow();
    b.settings = { concurrency: 4, model: 'gpt-4o-mini', providerId: 'offline' };
    b.edges[0] = { targetPort: 'in', target: 'classify', sourcePort: 'out', source: 'ticket', id: 'e1', loop: undefined };
    expect(exportFlow(b)).toBe(exportFlow(a));
  });
});
