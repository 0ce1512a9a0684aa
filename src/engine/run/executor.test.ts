import { beforeEach, describe, expect, it } from 'vitest';
import '../testing/kinds';
import { executions, resetTestKinds } from '../testing/kinds';
import { flowOf } from '../testing/flows';
import { offlineServices } from '../testing/services';
import { createMemoryRunStore } from './memoryStore';
import { FlowNotRunnableError, resumeRun, startRun, type RunOptions } from './executor';
import type { RunEvent } from './types';

function setup(extra: Partial<RunOptions> = {}) {
  const store = createMemoryRunStore();
  const events: RunEvent[] = [];
  const delays: number[] = [];
  const options: RunOptions = {
    store,
    services: offlineServices(),
    onEvent: (e) => events.push(e),
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...extra,
  };
  return { store, events, delays, options };
}

beforeEach(() => resetTestKinds());

describe('executor', () => {
  it('runs a linear flow, collects outputs and checkpoints every step', async () => {
    const { store, events, options } = setup();
    const flow = flowOf(
      [['in', 't_source', { input: 'topic' }], ['a', 't_step', { append: '!' }], ['b', 't_step', { append: '?' }], ['out', 't_sink']],
      ['in.out -> a.in', 'a.out -> b.in', 'b.out -> out.value'],
    );
    const handle = await startRun(flow, { topic: 'tides' }, options);
    const run = await handle.done;
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ result: 'tides!?' });
    const saved = store.snapshot();
    expect(saved.runs[0]).toMatchObject({ status: 'succeeded', outputs: { result: 'tides!?' }, flowVersion: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(saved.flowVersions.map((v) => v.hash)).toEqual([run.flowVersion]);
    expect(saved.steps.map((s) => [s.nodeId, s.status, s.outputs])).toEqual([
      ['in', 'succeeded', { out: 'tides' }],
      ['a', 'succeeded', { out: 'tides!' }],
      ['b', 'succeeded', { out: 'tides!?' }],
      ['out', 'succeeded', {}],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'run.started',
      ...Array(4).fill(['step.started', 'step.finished']).flat(),
      'run.finished',
    ]);
  });

  it('refuses to start a flow with errors, naming them', async () => {
    const { options } = setup();
    const flow = flowOf([['a', 't_step']], []);
    await expect(startRun(flow, {}, options)).rejects.toThrow(FlowNotRunnableError);
    await expect(startRun(flow, {}, options)).rejects.toThrow(/Input "in" of "a" is required but not connected/);
  });

  it('skips the branch not taken and everything fed only by it; merges pick what ran', async () => {
    const { store, options } = setup();
    const flow = flowOf(
      [
        ['in', 't_source', { input: 'n' }],
        ['check', 't_branch', { equals: 1 }],
        ['yes', 't_step', { append: ' yes' }],
        ['no', 't_step', { append: ' no' }],
        ['after_no', 't_step'],
        ['first', 't_merge', { mode: 'first' }],
        ['all', 't_merge', { mode: 'all' }],
        ['o1', 't_sink', { name: 'first' }],
        ['o2', 't_sink', { name: 'all' }],
      ],
      ['in.out -> check.in', 'check.yes -> yes.in', 'check.no -> no.in', 'no.out -> after_no.in', 'after_no.out -> first.a', 'yes.out -> first.b', 'after_no.out -> all.a', 'yes.out -> all.b', 'first.out -> o1.value', 'all.out -> o2.value'],
    );
    const run = await (await startRun(flow, { n: 1 }, options)).done;
    expect(run.outputs).toEqual({ first: '1 yes', all: { b: '1 yes' } });
    const steps = store.snapshot().steps;
    expect(steps.find((s) => s.nodeId === 'no')).toMatchObject({ status: 'skipped', skipReason: 'Skipped: input "in" comes from output "no" of "check", which was not taken.' });
    expect(steps.find((s) => s.nodeId === 'after_no')).toMatchObject({ status: 'skipped', skipReason: 'Skipped: input "in" comes from "no", which was skipped.' });
    expect(executions.has('no')).toBe(false);
  });

  it('runs ready steps concurrently up to the limit, in plan order', async () => {
    const { events, options } = setup({ concurrency: 2 });
    const nodes: [string, string, Record<string, unknown>?][] = [['in', 't_source', { value: 'x' }]];
    const edges: string[] = [];
    for (let i = 0; i < 6; i++) {
      nodes.push([`p${i}`, 't_step', { delayMs: 5 }]);
      edges.push(`in.out -> p${i}.in`);
    }
    await (await startRun(flowOf(nodes, edges), {}, options)).done;
    let inFlight = 0;
    let peak = 0;
    for (const e of events) {
      if (e.type === 'step.started') peak = Math.max(peak, ++inFlight);
      if (e.type === 'step.finished') inFlight--;
    }
    expect(peak).toBe(2);
    const started = events.filter((e) => e.type === 'step.started').map((e) => (e.type === 'step.started' ? e.nodeId : ''));
    expect(started).toEqual(['in', 'p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('retries retryable failures with backoff and jitter, honouring Retry-After', async () => {
    const { store, events, delays, options } = setup({ retry: { maxAttempts: 4, baseDelayMs: 1000 } });
    const flow = flowOf(
      [['in', 't_source', { value: 1 }], ['flaky', 't_step', { failTimes: 2 }], ['limited', 't_step', { failTimes: 1, failCode: 'rate_limit', retryAfterMs: 7000 }]],
      ['in.out -> flaky.in', 'flaky.out -> limited.in'],
    );
    const run = await (await startRun(flow, {}, options)).done;
    expect(run.status).toBe('succeeded');
    // equal jitter with random() = 0.5: 1000 * 2^(n-1) * 0.75
    expect(delays).toEqual([750, 1500, 7000]);
    expect(events.filter((e) => e.type === 'step.retrying')).toHaveLength(3);
    const flaky = store.snapshot().steps.find((s) => s.nodeId === 'flaky');
    expect(flaky?.attempts.map((a) => [a.attempt, a.error?.code ?? 'ok', a.retryDelayMs])).toEqual([
      [1, 'server', 750],
      [2, 'server', 1500],
      [3, 'ok', undefined],
    ]);
  });

  it('fails at once on a non-retryable error, and after the last attempt otherwise', async () => {
    const auth = setup();
    const flow = flowOf([['in', 't_source', { value: 1 }], ['bad', 't_step', { failTimes: 9, failCode: 'auth' }]], ['in.out -> bad.in']);
    const run = await (await startRun(flow, {}, auth.options)).done;
    expect(run).toMatchObject({ status: 'failed', failedStep: 1, error: { code: 'auth' } });
    expect(auth.delays).toEqual([]);

    const server = setup({ retry: { maxAttempts: 3 } });
    const flow2 = flowOf([['in', 't_source', { value: 1 }], ['bad', 't_step', { failTimes: 9 }], ['next', 't_step']], ['in.out -> bad.in', 'bad.out -> next.in']);
    const run2 = await (await startRun(flow2, {}, server.options)).done;
    expect(run2).toMatchObject({ status: 'failed', error: { code: 'server' } });
    expect(server.delays).toHaveLength(2);
    expect(executions.get('next')).toBeUndefined();
  });

  it('fails clearly when Retry-After asks for longer than the limit', async () => {
    const { options, delays } = setup({ retry: { maxRetryAfterMs: 60_000 } });
    const flow = flowOf([['in', 't_source', { value: 1 }], ['slow', 't_step', { failTimes: 1, failCode: 'rate_limit', retryAfterMs: 600_000 }]], ['in.out -> slow.in']);
    const run = await (await startRun(flow, {}, options)).done;
    expect(run.error?.message).toContain('asked to wait 600 s before retrying, longer than the 60 s limit');
    expect(delays).toEqual([]);
  });

  it('cancels in-flight steps; the cancelled run resumes to the same result', async () => {
    const { store, events, options } = setup({ sleep: undefined });
    const flow = flowOf([['in', 't_source', { value: 'v' }], ['slow', 't_step', { delayMs: 60_000, append: '.' }], ['out', 't_sink']], ['in.out -> slow.in', 'slow.out -> out.value']);
    const handle = await startRun(flow, {}, options);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (events.some((e) => e.type === 'step.started' && e.nodeId === 'slow')) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    handle.cancel();
    const cancelled = await handle.done;
    expect(cancelled.status).toBe('cancelled');
    expect(store.snapshot().steps.map((s) => s.nodeId)).toEqual(['in']);

    // Resuming does not run the finished step again; the slow one starts over (and is cancelled again).
    resetTestKinds();
    const resumed = await resumeRun(handle.runId, options);
    resumed.cancel();
    const again = await resumed.done;
    expect(again).toMatchObject({ status: 'cancelled', resumes: 1 });
    expect(executions.get('in')).toBeUndefined();
  });
});
