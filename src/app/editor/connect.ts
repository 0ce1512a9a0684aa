/**
 * Whether a new connection is one the plan can accept, and if not, why (in words the person can
 * act on). The canvas refuses what this refuses; a connection that would close a cycle can be
 * added as a bounded revise loop instead.
 */
import { EXHAUSTED_PORT } from '../../engine/compile';
import type { FlowDoc, FlowEdge } from '../../engine/flow/schema';
import { getNodeKind } from '../../engine/nodes/registry';
import { declaredPorts, portUse } from './ports';

export interface ConnectionRequest {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export type ConnectionCheck =
  | { ok: true }
  | {
      ok: false;
      reason: string;
      /** 'loop': the connection closes a cycle and can be added as a marked revise loop instead. */
      fix?: 'loop';
    };

function name(doc: FlowDoc, id: string): string {
  const node = doc.nodes.find((n) => n.id === id);
  return node ? `"${node.label || node.id}"` : `"${id}"`;
}

/** Ordinary (not loop) successors per node, cached per edges array. */
const successorsCache = new WeakMap<FlowEdge[], Map<string, string[]>>();
function successors(edges: FlowEdge[]): Map<string, string[]> {
  let map = successorsCache.get(edges);
  if (map) return map;
  map = new Map();
  for (const edge of edges) {
    if (edge.loop) continue;
    const list = map.get(edge.source);
    if (list) list.push(edge.target);
    else map.set(edge.source, [edge.target]);
  }
  successorsCache.set(edges, map);
  return map;
}

/** A path of node ids from `from` to `to` over ordinary edges, or null. */
export function findPath(edges: FlowEdge[], from: string, to: string): string[] | null {
  const next = successors(edges);
  const parent = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    if (node === to) {
      const path = [to];
      while (path[0] !== from) path.unshift(parent.get(path[0] as string) as string);
      return path;
    }
    for (const m of next.get(node) ?? []) {
      if (!parent.has(m)) {
        parent.set(m, node);
        queue.push(m);
      }
    }
  }
  return null;
}

export function checkConnection(doc: FlowDoc, request: ConnectionRequest): ConnectionCheck {
  const { source, sourcePort, target, targetPort } = request;
  const sourceNode = doc.nodes.find((n) => n.id === source);
  const targetNode = doc.nodes.find((n) => n.id === target);
  if (!sourceNode || !targetNode) return { ok: false, reason: 'That node no longer exists.' };
  if (source === target) return { ok: false, reason: `${name(doc, source)} cannot connect to itself. To repeat a step, connect a later step back to it and mark that edge as a revise loop.` };

  const sourceDef = getNodeKind(sourceNode.kind);
  const targetDef = getNodeKind(targetNode.kind);
  if (!sourceDef) return { ok: false, reason: `${name(doc, source)} is of unknown kind "${sourceNode.kind}".` };
  if (!targetDef) return { ok: false, reason: `${name(doc, target)} is of unknown kind "${targetNode.kind}".` };

  const use = portUse(doc.edges);
  const sourcePorts = declaredPorts(sourceNode.kind, sourceNode.config);
  const targetPorts = declaredPorts(targetNode.kind, targetNode.config);
  const isLoopSource = use.get(source)?.loopSource ?? false;
  if (!sourcePorts.valid) return { ok: false, reason: `${name(doc, source)} has an invalid configuration; fix it first (see Problems).` };
  if (!targetPorts.valid) return { ok: false, reason: `${name(doc, target)} has an invalid configuration; fix it first (see Problems).` };
  const hasOutput = sourcePorts.outputs.some((p) => p.name === sourcePort) || (sourcePort === EXHAUSTED_PORT && isLoopSource);
  if (!hasOutput) {
    return { ok: false, reason: `${name(doc, source)} has no output "${sourcePort}" (its outputs: ${sourcePorts.outputs.map((p) => p.name).join(', ') || 'none'}).` };
  }
  if (!targetPorts.inputs.some((p) => p.name === targetPort)) {
    return { ok: false, reason: `${name(doc, target)} has no input "${targetPort}" (its inputs: ${targetPorts.inputs.map((p) => p.name).join(', ') || 'none'}).` };
  }
  const taken = doc.edges.find((e) => e.target === target && e.targetPort === targetPort);
  if (taken) {
    if (taken.source === source && taken.sourcePort === sourcePort) return { ok: false, reason: 'These ports are already connected.' };
    return {
      ok: false,
      reason: `Input "${targetPort}" of ${name(doc, target)} already has a connection (from ${name(doc, taken.source)}). An input takes one connection: use a Merge node to combine several.`,
    };
  }
  const path = findPath(doc.edges, target, source);
  if (path) {
    const names = [...path, target].map((id) => name(doc, id)).join(' → ');
    if (isLoopSource) {
      return { ok: false, reason: `This connection would create a cycle (${names}), and ${name(doc, source)} already starts a revise loop (a node can start one).` };
    }
    return {
      ok: false,
      reason: `This connection would create a cycle (${names}). To let a later step send work back, mark it as a revise loop with a maximum number of iterations.`,
      fix: 'loop',
    };
  }
  return { ok: true };
}
