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
  /** Per node, per input port index: the edge bound to it, and whether that edge is a loop edge. */
  bound: ({ edgeId: string; loop: boolean } | undefined)[][];
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
  const bound: ({ edgeId: string; loop: boolean } | undefined)[][] = infos.map((info) => (info && info.inputs.length > 0 ? new Array(info.inputs.length) : []));

  // Loop sources get an extra `exhausted` output port, so find them first.
  const loopSources = new Set<number>();
  for (const edge of flow.edges) {
    const s = byId.get(edge.source);
    if (edge.loop && s !== undefined) loopSources.add(s);
  }

  flow.edges.forEach((edge, j) => {
    const first = edgeIds.get(edge.id);
    if (first !== undefined) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate_edge_id',
        message: `Two edges have the id "${edge.id}" (edges[${first}] and edges[${j}]).`,
        edgeId: edge.id,
        path: `edges[${j}].id`,
      });
      return;
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
      return;
    }
    const source = infos[s];
    const target = infos[t];
    if (!source || !target) return; // the node already has a diagnostic
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
      return;
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
      return;
    }
    const slots = bound[t] as ({ edgeId: string; loop: boolean } | undefined)[];
    const taken = slots[targetPortIndex]?.edgeId;
    if (taken !== undefined) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate_input',
        message: `Input "${edge.targetPort}" of ${nodeName(flow, t)} already has a connection (edge "${taken}"). An input takes one connection; use a Merge node to combine several.`,
        nodeId: edge.target,
        edgeId: edge.id,
        path: `edges[${j}]`,
      });
      return;
    }
    slots[targetPortIndex] = { edgeId: edge.id, loop: edge.loop !== undefined };
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
      return;
    }
    successors[s]?.push(t);
    bindings[t]?.push({ port: edge.targetPort, source: s, sourcePort: edge.sourcePort, edgeId: edge.id });
  });
  return { successors, bindings, loops, bound };
}
