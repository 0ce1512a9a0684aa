import { describe, expect, it } from 'vitest';
import '../testing/kinds';
import { flowOf } from '../testing/flows';
import { compile } from './index';

const order = (flow: ReturnType<typeof flowOf>) => compile(flow).plan.steps.map((s) => s.nodeId);
const codes = (flow: ReturnType<typeof flowOf>) => compile(flow).diagnostics.map((d) => `${d.code}:${d.nodeId ?? ''}`);

describe('compile', () => {
  it('orders steps topologically, breaking ties by document order', () => {
    const flow = flowOf(
      [['out', 't_sink'], ['b', 't_step'], ['a', 't_step'], ['src', 't_source']],
      ['src.out -> a.in', 'src.out -> b.in', 'a.out -> out.value'],
    );
    expect(order(flow)).toEqual(['src', 'b', 'a', 'out']);
    const { plan, diagnostics } = compile(flow);
    expect(diagnostics).toEqual([]);
    expect(plan.steps[2]?.inputs).toEqual([{ port: 'in', sourceStep: 0, sourcePort: 'out', edgeId: 'e0' }]);
    expect(plan.steps[3]?.runOutputName).toBe('result');
  });

  it('reports a cycle naming every node on it, and what depends on it', () => {
    const flow = flowOf(
      [['s', 't_source'], ['m', 't_merge'], ['x', 't_step'], ['y', 't_step'], ['after', 't_step'], ['o', 't_sink']],
      ['s.out -> m.a', 'y.out -> m.b', 'm.out -> x.in', 'x.out -> y.in', 'y.out -> after.in', 'after.out -> o.value'],
    );
    const { diagnostics, plan } = compile(flow);
    const cycle = diagnostics.filter((d) => d.code === 'cycle');
    expect(cycle.map((d) => d.nodeId).sort()).toEqual(['m', 'x', 'y']);
    expect(cycle[0]?.message).toContain('"m" → "x" → "y" → "m"');
    expect(diagnostics.filter((d) => d.code === 'unreachable').map((d) => d.nodeId)).toEqual(['after', 'o']);
    expect(plan.steps.map((s) => s.nodeId)).toEqual(['s']);
  });

  it('reports a self loop as a cycle', () => {
    expect(codes(flowOf([['a', 't_merge']], ['a.out -> a.a']))).toContain('cycle:a');
  });

  it('reports dangling edges, unknown ports, unknown kinds, duplicates and missing inputs', () => {
    const flow = flowOf(
      [['s', 't_source'], ['a', 't_step'], ['a', 't_step'], ['k', 'no_such_kind'], ['b', 't_step'], ['c', 't_step']],
      ['s.out -> a.in', 's.out -> ghost.in', 's.nope -> b.in', 's.out -> c.in', 's.out -> c.in', { from: 's.out', to: 'k.in', id: 'e0' }],
    );
    const { diagnostics } = compile(flow);
    const byCode = (code: string) => diagnostics.filter((d) => d.code === code);
    expect(byCode('duplicate_node_id')[0]).toMatchObject({ nodeId: 'a', path: 'nodes[2].id' });
    expect(byCode('unknown_kind')[0]).toMatchObject({ nodeId: 'k', path: 'nodes[3].kind' });
    expect(byCode('dangling_edge')[0]).toMatchObject({ edgeId: 'e1', nodeId: 's', path: 'edges[1].target' });
    expect(byCode('dangling_edge')[0]?.message).toContain('"ghost"');
    expect(byCode('unknown_port')[0]).toMatchObject({ nodeId: 's', path: 'edges[2].sourcePort' });
    expect(byCode('unknown_port')[0]?.message).toContain('has no output "nope" (its outputs: out)');
    expect(byCode('duplicate_input')[0]).toMatchObject({ nodeId: 'c', path: 'edges[4]' });
    expect(byCode('duplicate_edge_id')[0]).toMatchObject({ path: 'edges[5].id' });
    expect(byCode('missing_input').map((d) => d.nodeId)).toEqual(['b']);
  });

  it('reports invalid configs with the JSON path of the field', () => {
    const flow = flowOf([['s', 't_source'], ['m', 't_merge', { mode: 'sometimes' }]], ['s.out -> m.a']);
    const diagnostic = compile(flow).diagnostics.find((d) => d.code === 'invalid_config');
    expect(diagnostic).toMatchObject({ nodeId: 'm', path: 'nodes[1].config.mode' });
  });

  it('sets guards for merges and reports a merge with nothing connected', () => {
    const flow = flowOf([['s', 't_source'], ['f', 't_merge', { mode: 'first' }], ['n', 't_merge']], ['s.out -> f.b']);
    const { plan, diagnostics } = compile(flow);
    expect(plan.steps.find((s) => s.nodeId === 'f')?.guard).toBe('merge-first');
    expect(diagnostics.filter((d) => d.code === 'missing_input').map((d) => d.nodeId)).toEqual(['n']);
  });

  it('plans a bounded revise loop with its body, exhausted port and waiting dependents', () => {
    const flow = flowOf(
      [['s', 't_source'], ['compose', 't_step', { optional: ['feedback'] }], ['check', 't_branch'], ['side', 't_step'], ['ok', 't_sink'], ['gave_up', 't_sink', { name: 'gave_up' }]],
      ['s.out -> compose.in', 'compose.out -> check.in', 'compose.out -> side.in', 'check.yes -> ok.value', { from: 'check.no', to: 'compose.feedback', loop: 3, id: 'revise' }, 'check.exhausted -> gave_up.value'],
    );
    const { plan, diagnostics } = compile(flow);
    expect(diagnostics).toEqual([]);
    const idx = (id: string) => plan.steps.findIndex((s) => s.nodeId === id);
    expect(plan.loops).toEqual([
      { id: 'revise', sourceStep: idx('check'), sourcePort: 'no', targetStep: idx('compose'), targetPort: 'feedback', maxIterations: 3, body: [idx('compose'), idx('check')], hasExhaustedBranch: true },
    ]);
    expect(plan.steps[idx('compose')]?.loopInputs).toEqual([{ port: 'feedback', sourceStep: idx('check'), sourcePort: 'no', edgeId: 'revise' }]);
    expect(plan.steps[idx('check')]?.outputs.map((p) => p.name)).toEqual(['yes', 'no', 'exhausted']);
    expect(plan.steps[idx('side')]?.waitFor).toEqual([idx('check')]);
  });

  it('refuses a loop edge that does not go back, and a required port fed only by a loop', () => {
    const forward = flowOf([['s', 't_source'], ['a', 't_step'], ['b', 't_step', { optional: ['f'] }]], ['s.out -> a.in', 's.out -> b.in', { from: 'a.out', to: 'b.f', loop: 2 }]);
    expect(codes(forward)).toContain('invalid_loop:a');
    const onlyLoop = flowOf([['s', 't_source'], ['a', 't_step', { inputs: ['in', 'g'] }], ['b', 't_step']], ['s.out -> a.in', 'a.out -> b.in', { from: 'b.out', to: 'a.g', loop: 2 }]);
    expect(compile(onlyLoop).diagnostics.find((d) => d.code === 'missing_input')?.message).toContain('fed only by a loop edge');
  });

  it('reports duplicate run input names and a missing Output node', () => {
    const flow = flowOf([['a', 't_source', { input: 'x' }], ['b', 't_source', { input: 'x' }]], []);
    expect(codes(flow)).toEqual(['duplicate_input_field:b', 'no_output:']);
  });
});
