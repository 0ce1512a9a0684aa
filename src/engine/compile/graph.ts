/**
 * Graph algorithms over node indices: a deterministic topological order and the strongly
 * connected components of what is left when the graph has cycles.
 */
import { MinHeap } from '../util/minHeap';

/** Adjacency as arrays of successor indices. */
export type Adjacency = number[][];

/**
 * Kahn's algorithm with a priority queue: among the nodes that are ready, the one with the
 * smallest index (document order) comes first, so the order is the same on every compile.
 * Returns the order and the nodes that could not be ordered (on or behind a cycle).
 */
export function topologicalOrder(count: number, successors: Adjacency, include: (node: number) => boolean): { order: number[]; blocked: number[] } {
  const indegree = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    if (!include(n)) continue;
    for (const m of successors[n] ?? []) indegree[m] = (indegree[m] ?? 0) + 1;
  }
  const ready = new MinHeap();
  for (let n = 0; n < count; n++) if (include(n) && indegree[n] === 0) ready.push(n);
  const order: number[] = [];
  while (ready.size > 0) {
    const n = ready.pop() as number;
    order.push(n);
    for (const m of successors[n] ?? []) {
      indegree[m] = (indegree[m] ?? 0) - 1;
      if (indegree[m] === 0) ready.push(m);
    }
  }
  const blocked: number[] = [];
  if (order.length < count) {
    for (let n = 0; n < count; n++) if (include(n) && (indegree[n] ?? 0) > 0) blocked.push(n);
  }
  return { order, blocked };
}

/**
 * Strongly connected components among `nodes` (Tarjan, iterative). Returns only the components
 * that form a cycle: more than one node, or one node with an edge to itself.
 */
export function cyclicComponents(nodes: number[], successors: Adjacency): number[][] {
  const inSet = new Set(nodes);
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: number; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter++;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: number; next: number };
      const succ = (successors[frame.node] ?? []).filter((m) => inSet.has(m));
      if (frame.next < succ.length) {
        const m = succ[frame.next] as number;
        frame.next++;
        if (!index.has(m)) {
          index.set(m, counter);
          low.set(m, counter);
          counter++;
          stack.push(m);
          onStack.add(m);
          work.push({ node: m, next: 0 });
        } else if (onStack.has(m)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(m) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: number[] = [];
        for (;;) {
          const m = stack.pop() as number;
          onStack.delete(m);
          component.push(m);
          if (m === frame.node) break;
        }
        const selfLoop = component.length === 1 && (successors[frame.node] ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component.sort((a, b) => a - b));
      }
    }
  }
  return components;
}

/** The shortest cycle through the smallest node of a component, for a readable message. */
export function cyclePath(component: number[], successors: Adjacency): number[] {
  const members = new Set(component);
  const start = component[0] as number;
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (const next of successors[node] ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(parent.get(path[0] as number) as number);
        return [...path, start];
      }
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}
