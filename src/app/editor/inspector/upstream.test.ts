import { describe, expect, it } from 'vitest';
import { compile } from '../../../engine/compile';
import { FLOW_FORMAT, FLOW_VERSION, type FlowDoc, type FlowEdge, type FlowNode } from '../../../engine/flow/schema';
import { supportTriageFlow } from '../../../engine/templates';
import { closesCycle, outputShape, toolArgumentVariables, upstreamCandidates, upstreamVariables } from './upstream';

function node(id: string, kind: string, config: Record<string, unknown>): FlowNode {
  return { id, kind, label: id.replace(/_/g, ' '), position: { x: 0, y: 0 }, config };
}

let edgeCount = 0;
function edge(from: string, to: string, loop?: number): FlowEdge {
  const [source = '', sourcePort = ''] = from.split('.');
  const [target = '', targetPort = ''] = to.split('.');
  edgeCount += 1;
  return { id: `e${edgeCount}`, source, sourcePort, target, targetPort, ...(loop ? { loop: { maxIterations: loop } } : {}) };
}

function flow(nodes: FlowNode[], edges: FlowEdge[]): FlowDoc {
  return { format: FLOW_FORMAT, version: FLOW_VERSION, id: 'f', name: 'Flow', description: '', nodes, edges, settings: { concurrency: 4 } };
}

const leadSchema = {
  type: 'object',
  properties: { summary: { type: 'string', description: 'Three sentences' }, score: { type: 'integer' }, contact: { type: 'object', properties: { email: { type: 'string' } } } },
  required: ['summary'],
};

const doc = flow(
  [
    node('lead', 'input', { fields: [{ name: 'company', type: 'string', required: true, description: 'Company name' }, { name: 'extra', type: 'json', required: false, default: '{"region": "EU"}' }] }),
    node('research', 'agent', { role: 'researcher', goal: 'Research', instructions: 'Research {{company}}', outputSchema: leadSchema }),
    node('score', 'code', { code: 'function main(i) { return 1; }', inputs: ['research'] }),
    node('route', 'router', { branches: [{ name: 'hot', condition: '$.score > 50' }] }),
    node('pick', 'llm_router', { instructions: 'Pick for {{lead}}', branches: [{ name: 'a' }, { name: 'b' }] }),
    node('join', 'merge', { mode: 'all', inputs: ['x', 'y'] }),
    node('write', 'template', { template: 'Hi {{research.summary}} from {{company}} {{unwired}}' }),
    node('out', 'output', { name: 'result' }),
  ],
  [
    edge('lead.company', 'research.company'),
    edge('research.out', 'score.research'),
    edge('research.out', 'route.in'),
    edge('route.hot', 'pick.lead'),
    edge('pick.a', 'join.x'),
    edge('score.out', 'join.y'),
    edge('research.out', 'write.research'),
    edge('lead.company', 'write.company'),
    edge('write.text', 'out.value'),
  ],
);

describe('upstream variables', () => {
  it('lists a template’s inputs with their sources and the fields known about each value', () => {
    const vars = upstreamVariables(doc, 'write', compile(doc));
    expect(vars.map((v) => [v.name, v.connected, v.declared])).toEqual([
      ['research', true, true],
      ['company', true, true],
      ['unwired', false, true],
    ]);
    const research = vars[0];
    expect(research?.sources).toEqual([{ nodeId: 'research', nodeLabel: 'research', kindTitle: 'Agent', port: 'out' }]);
    expect(Object.keys(research?.shape.fields ?? {})).toEqual(['summary', 'score', 'contact']);
    expect(research?.shape.fields?.contact?.fields?.email).toEqual({ type: 'string' });
    expect(research?.detail).toBe('from Agent “research” › out · object { summary, score, contact }');
    expect(vars[1]?.shape).toEqual({ type: 'string', description: 'Company name' });
    expect(vars[2]?.detail).toContain('not connected yet');
  });

  it('follows values through routers, LLM routers and merges', () => {
    const compiled = compile(doc);
    // A router branch carries its input on; an LLM router branch carries its single input on.
    expect(Object.keys(outputShape(doc, 'route', 'hot', compiled).fields ?? {})).toEqual(['summary', 'score', 'contact']);
    expect(Object.keys(outputShape(doc, 'pick', 'a', compiled).fields ?? {})).toEqual(['summary', 'score', 'contact']);
    expect(outputShape(doc, 'pick', 'decision', compiled).fields).toMatchObject({ branch: { type: 'string' }, reason: { type: 'string' } });
    const joined = outputShape(doc, 'join', 'out', compiled);
    expect(Object.keys(joined.fields ?? {})).toEqual(['x', 'y']);
    expect(joined.fields?.y).toMatchObject({ type: 'unknown', description: 'The value main() returned.' });
    // A JSON input field's default tells its fields.
    expect(outputShape(doc, 'lead', 'extra', compiled)).toMatchObject({ type: 'json', fields: { region: { type: 'string' } } });
  });

  it('works while the node’s own config is invalid, and without a compiled plan', () => {
    const broken = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'research' ? { ...n, config: { ...n.config, role: '' } } : n)) };
    const vars = upstreamVariables(broken, 'research');
    expect(vars.map((v) => v.name)).toEqual(['company', 'feedback']);
    expect(vars[0]?.shape.type).toBe('string');
    // Downstream of the broken agent, its output schema is still known from the raw config.
    expect(Object.keys(upstreamVariables(broken, 'write')[0]?.shape.fields ?? {})).toEqual(['summary', 'score', 'contact']);
  });

  it('offers outputs of nodes that could still be wired in, never downstream ones', () => {
    const names = upstreamCandidates(doc, 'research', compile(doc)).map((c) => c.name);
    expect(names).toContain('extra');
    expect(names).not.toContain('company'); // already an input
    expect(names).not.toContain('text'); // the template is downstream of research
    expect(names).not.toContain('out');
    const fromWrite = upstreamCandidates(doc, 'write', compile(doc));
    const out = fromWrite.find((c) => c.name === 'out');
    expect(out?.more).toBeGreaterThan(0);
    expect(upstreamCandidates(doc, 'missing')).toEqual([]);
  });

  it('gives an agent HTTP tool its arguments', () => {
    const vars = toolArgumentVariables({ type: 'object', properties: { query: { type: 'string', description: 'Search text' }, page: { type: 'integer' } }, required: ['query'] });
    expect(vars.map((v) => [v.name, v.required, v.shape.type])).toEqual([['query', true, 'string'], ['page', false, 'number']]);
    expect(toolArgumentVariables('not a schema')).toEqual([]);
  });

  it('handles the support triage template', () => {
    const triage = supportTriageFlow();
    const vars = upstreamVariables(triage, 'draft', compile(triage));
    expect(vars.find((v) => v.name === 'ticket')?.detail).toBe('from Merge “Billing or technical” › out · unknown');
  });

  it('tells a connection back to an earlier step from a forward one', () => {
    expect(closesCycle(doc, { source: 'write', target: 'research' })).toBe(true);
    expect(closesCycle(doc, { source: 'research', target: 'write' })).toBe(false);
    expect(closesCycle(doc, { source: 'out', target: 'out' })).toBe(true);
  });

  it('stops at cycles', () => {
    const looped = flow(
      [node('a', 'router', { branches: [{ name: 'y', condition: '$' }] }), node('b', 'router', { branches: [{ name: 'y', condition: '$' }] })],
      [edge('a.y', 'b.in'), edge('b.y', 'a.in', 3)],
    );
    expect(upstreamVariables(looped, 'a')[0]?.shape.type).toBe('unknown');
  });
});
