import { beforeEach, describe, expect, it } from 'vitest';
import '../testing/kinds';
import { executions, resetTestKinds } from '../testing/kinds';
import { flowOf } from '../testing/flows';
import { offlineServices } from '../testing/services';
import { createMemoryRunStore } from './memoryStore';
import { startRun } from './executor';
import type { RunEvent } from './types';

beforeEach(() => resetTestKinds());

/** compose -> check; check.no loops back to compose.feedback; check.yes -> ok; side reads compose. */
function reviseFlow(untilVisit: number, maxIterations: number, withExhausted = true) {
  return flowOf(
    [
      ['in', 't_source', { value: 'draft' }],
      ['compose', 't_step', { inputs: ['in'], optional: ['feedback'] }],
      ['check', 't_branch', { untilVisit }],
      ['side', 't_step'],
      ['ok', 't_sink', { name: 'ok' }],
      ...(withExhausted ? ([['gave_up', 't_sink', { name: 'gave_up' }]] as [string, string, Record<string, unknown>][]) : []),
    ],
    [
      'in.out -> compose.in',
      'compose.out -> check.in',
      'compose.out -> side.in',
      'check.yes -> ok.value',
      { from: 'check.no', to: 'compose.feedback', loop: maxIterations, id: 'revise' },
      ...(withExhausted ? ['check.exhausted -> gave_up.value'] : []),
    ],
  );
}

async function run(flow: ReturnType<typeof flowOf>) {
  const store = createMemoryRunStore();
  const events: RunEvent[] = [];
  const handle = await startRun(flow, {}, { store, services: offlineServices(), onEvent: (e) => events.push(e) });
  return { run: await handle.done, store, events };
}

describe('bounded revise loops', () => {
  it('sends the output back until the check passes, keeping every attempt', async () => {
    const { run: result, store, events } = await run(reviseFlow(2, 3));
    expect(result.status).toBe('succeeded');
    expect(result.outputs).toEqual({ ok: { in: 'draft', feedback: { in: 'draft', feedback: 'draft' } } });
    expect(executions.get('compose')).toBe(3);
    expect(executions.get('side')).toBe(1); // waited for the loop to settle
    expect(executions.get('gave_up')).toBeUndefined();
    const checks = store.snapshot().steps.filter((s) => s.nodeId === 'check');
    expect(checks.map((s) => [s.visit, s.loopOutcome ?? null])).toEqual([
      [0, 'looped'],
      [1, 'looped'],
      [2, null],
    ]);
    expect(events.filter((e) => e.type === 'loop.iterated').map((e) => (e.type === 'loop.iterated' ? e.iteration : 0))).toEqual([1, 2]);
    expect(result.state.loops.revise?.iterations).toBe(2);
  });

  it('ends in the exhausted branch after maxIterations, never hanging', async () => {
    const { run: result, store, events } = await run(reviseFlow(99, 2));
    expect(result.status).toBe('succeeded');
    expect(Object.keys(result.outputs)).toEqual(['gave_up']);
    expect(executions.get('compose')).toBe(3); // first pass + 2 iterations
    expect(store.snapshot().steps.filter((s) => s.nodeId === 'check').at(-1)).toMatchObject({ loopOutcome: 'exhausted', outputs: { exhausted: expect.anything() } });
    expect(store.snapshot().steps.find((s) => s.nodeId === 'ok')?.status).toBe('skipped');
    expect(events.some((e) => e.type === 'loop.exhausted')).toBe(true);
  });

  it('fails the run visibly when a loop runs out and nothing handles exhausted', async () => {
    const { run: result } = await run(reviseFlow(99, 1, false));
    expect(result).toMatchObject({ status: 'failed', error: { code: 'exhausted' } });
    expect(result.error?.message).toContain('"check" sent its output back 1 times');
  });

  it('restarts an inner loop when the outer loop iterates', async () => {
    // outer: start -> inner body (c <-> v) -> judge; judge.no loops to start.feedback
    const flow = flowOf(
      [
        ['in', 't_source', { value: 0 }],
        ['start', 't_step', { inputs: ['in'], optional: ['feedback'] }],
        ['c', 't_step', { inputs: ['in'], optional: ['feedback'] }],
        ['v', 't_branch', { untilVisit: 1 }],
        ['judge', 't_branch', { untilVisit: 1 }],
        ['out', 't_sink'],
      ],
      [
        'in.out -> start.in',
        'start.out -> c.in',
        'c.out -> v.in',
        { from: 'v.no', to: 'c.feedback', loop: 5, id: 'inner' },
        'v.yes -> judge.in',
        { from: 'judge.no', to: 'start.feedback', loop: 5, id: 'outer' },
        'judge.yes -> out.value',
      ],
    );
    const { run: result, store } = await run(flow);
    expect(result.status).toBe('succeeded');
    // v passes at visit >= 1. Outer pass 1: c twice (v visit 0 no, visit 1 yes); judge visit 0 -> no.
    // Outer pass 2 (visits advanced by 1): v visit 2 passes at once; judge visit 1 passes.
    expect(executions.get('c')).toBe(3);
    expect(executions.get('start')).toBe(2);
    expect(result.state.loops.inner).toBeUndefined();
    expect(result.state.loops.outer?.iterations).toBe(1);
    expect(store.snapshot().steps.filter((s) => s.nodeId === 'v').map((s) => s.visit)).toEqual([0, 1, 2]);
  });
});
