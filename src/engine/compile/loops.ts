/**
 * Bounded revise loops: an edge marked `loop` runs from a later node back to an earlier one.
 * Its body (the nodes on a path from target to source) re-runs at most `maxIterations` times;
 * then the source's `exhausted` port carries the value instead. Nodes outside the body that read
 * from inside it wait for the loop's source, so they never see an output a later iteration replaces.
 */
import type { FlowDoc } from '../flow/schema';
import { EXHAUSTED_PORT, type RawBinding, type RawLoop } from './edges';
import { nodeName } from './nodes';
import type { Diagnostic } from './types';

export interface NodeLoop {
  raw: RawLoop;
  /** Node indices of the body, target and source included. */
  body: Set<number>;
}

function reach(start: number, next: (node: number) => Iterable<number>): Set<number> {
  const seen = new Set([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const m of next(queue[head] as number)) {
      if (!seen.has(m)) {
        seen.add(m);
        queue.push(m);
      }
    }
  }
  return seen;
}

export function analyzeLoops(
  flow: FlowDoc,
  successors: number[][],
  bindings: RawBinding[][],
  rawLoops: RawLoop[],
  diagnostics: Diagnostic[],
): { loops: NodeLoop[]; waitFor: Map<number, number[]> } {
  const loops: NodeLoop[] = [];
  const loopBySource = new Map<number, string>();
  const predecessors = (i: number) => (bindings[i] ?? []).map((b) => b.source);
  for (const raw of rawLoops) {
    const fail = (message: string) =>
      diagnostics.push({
        severity: 'error',
        code: 'invalid_loop',
        message: `Loop edge from ${nodeName(flow, raw.source)} to ${nodeName(flow, raw.target)} ${message}`,
        nodeId: flow.nodes[raw.source]?.id as string,
        edgeId: raw.edgeId,
        path: `edges[${raw.edgeIndex}].loop`,
      });
    if (raw.sourcePort === EXHAUSTED_PORT) {
      fail(`starts at the "${EXHAUSTED_PORT}" output, which only exists to leave the loop.`);
      continue;
    }
    const previous = loopBySource.get(raw.source);
    if (previous !== undefined) {
      fail(`leaves a node that already starts loop edge "${previous}"; a node can start one loop.`);
      continue;
    }
    const forward = reach(raw.target, (i) => successors[i] ?? []);
    if (!forward.has(raw.source)) {
      fail(`does not go back: ${nodeName(flow, raw.target)} does not lead to ${nodeName(flow, raw.source)}. A loop edge must run from a later step back to an earlier one that feeds it.`);
      continue;
    }
    loopBySource.set(raw.source, raw.edgeId);
    const backward = reach(raw.source, predecessors);
    loops.push({ raw, body: new Set([...forward].filter((i) => backward.has(i))) });
  }

  for (let a = 0; a < loops.length; a++) {
    for (let b = a + 1; b < loops.length; b++) {
      const A = (loops[a] as NodeLoop).body;
      const B = (loops[b] as NodeLoop).body;
      let shared = 0;
      for (const i of A) if (B.has(i)) shared++;
      if (shared > 0 && shared !== A.size && shared !== B.size) {
        const raw = (loops[b] as NodeLoop).raw;
        diagnostics.push({
          severity: 'error',
          code: 'invalid_loop',
          message: `Loop edges "${(loops[a] as NodeLoop).raw.edgeId}" and "${raw.edgeId}" overlap without one containing the other; nest them or keep them apart.`,
          nodeId: flow.nodes[raw.source]?.id as string,
          edgeId: raw.edgeId,
        });
      }
    }
  }

  const waitFor = new Map<number, number[]>();
  for (const loop of loops) {
    const source = loop.raw.source;
    bindings.forEach((list, node) => {
      if (loop.body.has(node) || !list.some((b) => loop.body.has(b.source))) return;
      const waits = waitFor.get(node) ?? [];
      if (!waits.includes(source)) waits.push(source);
      waitFor.set(node, waits);
    });
  }
  return { loops, waitFor };
}
