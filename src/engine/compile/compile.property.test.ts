/**
 * Property tests over random graphs: compile never throws; every step comes after all it
 * depends on; compiling is deterministic; a graph an independent oracle finds invalid always
 * gets an error diagnostic, and a valid one gets none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../testing/kinds';
import { flowOf, type NodeSpec } from '../testing/flows';
import { compile } from './index';
import type { FlowDoc } from '../flow/schema';

const PORTS: Record<string, { in: string[]; required: string[]; out: string[]; merge?: boolean }> = {
  t_source: { in: [], required: [], out: ['out'] },
  t_step: { in: ['in'], required: ['in'], out: ['out'] },
  t_branch: { in: ['in'], required: ['in'], out: ['yes', 'no'] },
  t_merge: { in: ['a', 'b'], required: [], out: ['out'], merge: true },
  t_sink: { in: ['value'], required: ['value'], out: [] },
};
const KINDS = [...Object.keys(PORTS), 'mystery_kind'];
const ALL_PORTS = ['in', 'out', 'yes', 'no', 'a', 'b', 'value', 'bogus'];

const graphArb = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.record({
      kinds: fc.array(fc.constantFrom(...KINDS), { minLength: n, maxLength: n }),
      dupOf: fc.array(fc.option(fc.nat(n - 1), { freq: 12 }), { minLength: n, maxLength: n }),
      edges: fc.array(
        fc.record({ s: fc.nat(n), t: fc.nat(n), sp: fc.constantFrom(...ALL_PORTS), tp: fc.constantFrom(...ALL_PORTS) }),
        { maxLength: n * 2 },
      ),
    }),
  )
  .map(({ kinds, dupOf, edges }) => {
    const ids = kinds.map((_, i) => {
      const d = dupOf[i];
      return d !== null && d !== undefined && d < i ? `n${d}` : `n${i}`;
    });
    const nodes: NodeSpec[] = kinds.map((kind, i) => [ids[i] as string, kind]);
    const idOf = (i: number) => (i < ids.length ? (ids[i] as string) : 'ghost');
    const flow = flowOf(nodes, edges.map((e, k) => ({ from: `${idOf(e.s)}.${e.sp}`, to: `${idOf(e.t)}.${e.tp}`, id: `e${k}` })));
    return flow;
  });

/** Mostly valid DAGs: every required input wired from an earlier node; some get one mutation. */
const dagArb = fc
  .integer({ min: 2, max: 16 })
  .chain((n) =>
    fc.record({
      kinds: fc.array(fc.constantFrom('t_step', 't_branch', 't_merge', 't_sink'), { minLength: n - 1, maxLength: n - 1 }),
      picks: fc.array(fc.nat(1000), { minLength: 4 * n, maxLength: 4 * n }),
      mutation: fc.constantFrom('none', 'none', 'none', 'back-edge', 'drop-edge', 'dangle', 'bad-port', 'dup-id', 'unknown-kind'),
    }),
  )
  .map(({ kinds, picks, mutation }) => {
    let p = 0;
    const pick = (k: number) => (picks[p++ % picks.length] as number) % k;
    const all = ['t_source', ...kinds];
    const nodes: NodeSpec[] = all.map((kind, i) => [`n${i}`, kind]);
    const edges: { from: string; to: string; id: string }[] = [];
    all.forEach((kind, i) => {
      if (i === 0) return;
      const spec = PORTS[kind]!;
      const wire = spec.merge ? spec.in.slice(0, 1 + pick(2)) : spec.required;
      for (const port of wire) {
        const candidates = all.slice(0, i).map((k, j) => [j, PORTS[k]!.out] as const).filter(([, outs]) => outs.length > 0);
        const [j, outs] = candidates[pick(candidates.length)]!;
        edges.push({ from: `n${j}.${outs[pick(outs.length)]}`, to: `n${i}.${port}`, id: `e${edges.length}` });
      }
    });
    const last = edges[edges.length - 1];
    if (mutation === 'back-edge' && last) {
      const target = Number(last.to.split('.')[0]!.slice(1));
      const sources = all.map((k, j) => [j, PORTS[k]!] as const).filter(([j, sp]) => j >= target && sp.out.length > 0);
      const merges = all.map((k, j) => [j, k] as const).filter(([j, k]) => k === 't_merge' && j <= target);
      const src = sources[0];
      const merge = merges[0];
      if (src && merge) edges.push({ from: `n${src[0]}.${src[1].out[0]}`, to: `n${merge[0]}.b`, id: 'back' });
    }
    if (mutation === 'drop-edge') edges.splice(pick(edges.length), 1);
    if (mutation === 'dangle' && last) last.to = `ghost.${last.to.split('.')[1]}`;
    if (mutation === 'bad-port' && last) last.from = `${last.from.split('.')[0]}.bogus`;
    if (mutation === 'dup-id') (nodes[nodes.length - 1] as NodeSpec)[0] = 'n0';
    if (mutation === 'unknown-kind') (nodes[pick(nodes.length)] as NodeSpec)[1] = 'mystery_kind';
    return flowOf(nodes, edges);
  });

const anyGraph = fc.oneof(graphArb, dagArb);

/** An independent, simple judgement of whether a graph of test kinds is valid. */
function oracleValid(flow: FlowDoc): boolean {
  const first = new Map<string, number>();
  let valid = true;
  flow.nodes.forEach((node, i) => {
    if (first.has(node.id)) valid = false;
    else first.set(node.id, i);
    if (!PORTS[node.kind]) valid = false;
  });
  const ok = (i: number | undefined) => i !== undefined && PORTS[(flow.nodes[i] as FlowDoc['nodes'][number]).kind] !== undefined;
  const bound = new Set<string>();
  const adj = new Map<number, number[]>();
  for (const e of flow.edges) {
    const s = first.get(e.source);
    const t = first.get(e.target);
    if (s === undefined || t === undefined) {
      valid = false;
      continue;
    }
    if (!ok(s) || !ok(t)) continue;
    const sk = PORTS[(flow.nodes[s] as FlowDoc['nodes'][number]).kind]!;
    const tk = PORTS[(flow.nodes[t] as FlowDoc['nodes'][number]).kind]!;
    if (!sk.out.includes(e.sourcePort) || !tk.in.includes(e.targetPort)) {
      valid = false;
      continue;
    }
    const key = `${t}:${e.targetPort}`;
    if (bound.has(key)) {
      valid = false;
      continue;
    }
    bound.add(key);
    adj.set(s, [...(adj.get(s) ?? []), t]);
  }
  for (const [id, i] of first) {
    void id;
    if (!ok(i)) continue;
    const spec = PORTS[(flow.nodes[i] as FlowDoc['nodes'][number]).kind]!;
    if (spec.required.some((p) => !bound.has(`${i}:${p}`))) valid = false;
    if (spec.merge && !spec.in.some((p) => bound.has(`${i}:${p}`))) valid = false;
  }
  // cycle check by depth-first search
  const state = new Map<number, number>();
  const visit = (n: number): boolean => {
    state.set(n, 1);
    for (const m of adj.get(n) ?? []) {
      if (state.get(m) === 1) return true;
      if (!state.has(m) && visit(m)) return true;
    }
    state.set(n, 2);
    return false;
  };
  for (const i of first.values()) if (!state.has(i) && visit(i)) valid = false;
  return valid;
}

describe('compile (properties)', () => {
  it('never throws, orders every step after its inputs, and is deterministic', () => {
    fc.assert(
      fc.property(anyGraph, (flow) => {
        const a = compile(flow);
        const b = compile(structuredClone(flow));
        expect(b).toEqual(a);
        for (const step of a.plan.steps) {
          for (const binding of step.inputs) expect(binding.sourceStep).toBeLessThan(step.index);
          for (const wait of step.waitFor) expect(wait).toBeLessThan(step.index);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives an error diagnostic exactly when the graph is invalid', () => {
    fc.assert(
      fc.property(anyGraph, (flow) => {
        const errors = compile(flow).diagnostics.filter((d) => d.severity === 'error');
        if (oracleValid(flow)) {
          expect(errors).toEqual([]);
          expect(compile(flow).plan.steps).toHaveLength(flow.nodes.length);
        } else {
          expect(errors.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds valid graphs often enough for the property to mean something', () => {
    const samples = fc.sample(anyGraph, { numRuns: 2000, seed: 42 });
    const valid = samples.filter(oracleValid).length;
    expect(valid).toBeGreaterThan(400);
  });
});
