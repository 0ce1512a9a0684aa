/**
 * Second compile pass: check every edge (both ends exist, ports exist, one connection per
 * input) and collect ordinary bindings and marked loop edges.
 */
import type { FlowDoc } from '../flow/schema';
import { nodeName, portIndex, type NodeInfo } from './nodes';
import type { Diagnostic } from './types';

export interface RawBinding {
  port: string;
  source: number;
  sourcePort: string;
  edgeId: string;
}

export interface RawLoop {
  edgeIndex: number;
  edgeId: string;
  source: number;
  sourcePort: string;
  target: number;
  targetPort: string;
  maxIterations: number;
}

export interface EdgeResult {
  successors: number[][];
  bindings: RawBinding[][];
  loops: RawLoop[];
  /**
   * The edge (index in flow.edges, or -1) bound to each input port: port k of node i is at
   * `bound[portBase[i] + k]`.
   */
  bound: Int32Array;
  portBase: Int32Array;
}

export const EXHAUSTED_PORT = 'exhausted';

function listNames(names: Iterable<string>): string {
  const all = [...names];
  return all.length ? all.join(', ') : 'none';
}

export function resolveEdges(flow: FlowDoc, infos: (NodeInfo | null)[], byId: Map<string, number>, diagnostics: Diagnostic[]): EdgeResult {
  const n = flow.nodes.length;
  const successors: number[][] = Array.from({ length: n }, () => []);
  const bindings: RawBinding[][] = Array.from({ length: n }, () => []);
  const loops: RawLoop[] = [];
  const edgeIds = new Map<string, number>();
  const portBase = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) portBase[i + 1] = (portBase[i] as number) + (infos[i]?.inputs.length ?? 0);
  const bound = new Int32Array(portBase[n] as number).fill(-1);

  // Loop sources get an extra `exhausted` output port, so find them first.
  const loopSources = new Set<number>();
  for (const edge of flow.edges) {
    if (!edge.loop) continue;
    const s = byId.get(edge.source);
    if (s !== undefined) loopSources.add(s);
  }

  const edges = flow.edges;
  for (let j = 0; j < edges.length; j++) {
    const edge = edges[j] as FlowDoc['edges'][number];
    const first = edgeIds.get(edge.id);
    if (first !== undefined) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate_edge_id',
        message: `Two edges have the id "${edge.id}" (edges[${first}] and edges[${j}]).`,
        edgeId: edge.id,
        path: `edges[${j}].id`,
      });
      continue;
    }
    edgeIds.set(edge.id, j);
    const s = byId.get(edge.source);
    const t = byId.get(edge.target);
    if (s === undefined || t === undefined) {
      const missingEnd = s === undefined ? 'source' : 'target';
      const otherIndex = s === undefined ? t : s;
      const diagnostic: Diagnostic = {
        severity: 'error',
        code: 'dangling_edge',
        message: `An edge points to node "${s === undefined ? edge.source : edge.target}", which does not exist${otherIndex !== undefined ? ` (it connects to ${nodeName(flow, otherIndex)})` : ''}.`,
        edgeId: edge.id,
        path: `edges[${j}].${missingEnd}`,
      };
      if (otherIndex !== undefined) diagnostic.nodeId = flow.nodes[otherIndex]?.id as string;
      diagnostics.push(diagnostic);
      continue;
    }
    const source = infos[s];
    const target = infos[t];
    if (!source || !target) continue; // the node already has a diagnostic
    const sourceHasPort = portIndex(source.outputs, edge.sourcePort) >= 0 || (edge.sourcePort === EXHAUSTED_PORT && loopSources.has(s));
    if (!sourceHasPort) {
      diagnostics.push({
        severity: 'error',
        code: 'unknown_port',
        message: `${nodeName(flow, s)} has no output "${edge.sourcePort}" (its outputs: ${listNames(source.outputs.map((port) => port.name))}).`,
        nodeId: edge.source,
        edgeId: edge.id,
        path: `edges[${j}].sourcePort`,
      });
      continue;
    }
    const targetPortIndex = portIndex(target.inputs, edge.targetPort);
    if (targetPortIndex < 0) {
      diagnostics.push({
        severity: 'error',
        code: 'unknown_port',
        message: `${nodeName(flow, t)} has no input "${edge.targetPort}" (its inputs: ${listNames(target.inputs.map((port) => port.name))}).`,
        nodeId: edge.target,
        edgeId: edge.id,
        path: `edges[${j}].targetPort`,
      });
      continue;
    }
    const slot = (portBase[t] as number) + targetPortIndex;
    const takenIndex = bound[slot] as number;
    if (takenIndex >= 0) {
      const taken = edges[takenIndex]?.id;
      diagnostics.push({
        severity: 'error',
        code: 'duplicate_input',
        message: `Input "${edge.targetPort}" of ${nodeName(flow, t)} already has a connection (edge "${taken}"). An input takes one connection; use a Merge node to combine several.`,
        nodeId: edge.target,
        edgeId: edge.id,
        path: `edges[${j}]`,
      });
      continue;
    }
    bound[slot] = j;
    if (edge.loop) {
      loops.push({
        edgeIndex: j,
        edgeId: edge.id,
        source: s,
        sourcePort: edge.sourcePort,
        target: t,
        targetPort: edge.targetPort,
        maxIterations: edge.loop.maxIterations,
      });
      continue;
    }
    successors[s]?.push(t);
    bindings[t]?.push({ port: edge.targetPort, source: s, sourcePort: edge.sourcePort, edgeId: edge.id });
  }
  return { successors, bindings, loops, bound, portBase };
}
