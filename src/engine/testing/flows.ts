/** Terse flow documents for engine tests: nodes as [id, kind, config], edges as "a.out -> b.in". */
import { FLOW_FORMAT, FLOW_VERSION, type FlowDoc, type FlowEdge, type FlowNode } from '../flow/schema';

export type NodeSpec = [id: string, kind: string, config?: Record<string, unknown>];
export type EdgeSpec = string | { from: string; to: string; loop?: number; id?: string };

export function edge(spec: EdgeSpec, index: number): FlowEdge {
  const text = typeof spec === 'string' ? spec : `${spec.from} -> ${spec.to}`;
  const match = /^\s*([\w-]+)\.(\w+)\s*->\s*([\w-]+)\.(\w+)\s*$/.exec(text);
  if (!match) throw new Error(`bad edge spec "${text}"`);
  const [, source, sourcePort, target, targetPort] = match as unknown as [string, string, string, string, string];
  const result: FlowEdge = { id: (typeof spec === 'object' && spec.id) || `e${index}`, source, sourcePort, target, targetPort };
  if (typeof spec === 'object' && spec.loop !== undefined) result.loop = { maxIterations: spec.loop };
  return result;
}

export function flowOf(nodes: NodeSpec[], edges: EdgeSpec[], settings: Partial<FlowDoc['settings']> = {}): FlowDoc {
  return {
    format: FLOW_FORMAT,
    version: FLOW_VERSION,
    id: 'test-flow',
    name: 'Test flow',
    description: '',
    nodes: nodes.map(([id, kind, config], i): FlowNode => ({ id, kind, label: id, position: { x: i * 200, y: 0 }, config: config ?? {} })),
    edges: edges.map(edge),
    settings: { concurrency: 4, ...settings },
  };
}
