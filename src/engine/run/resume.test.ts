/**
 * Resume: a run stopped at every checkpoint boundary of a multi-step flow (branches, a merge, a
 * revise loop, costly steps) resumes from its checkpoints, never re-runs a step that completed,
 * and ends with the same outputs and step results as an uninterrupted run.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import '../testing/kinds';
import { resetTestKinds } from '../testing/kinds';
import { flowOf } from '../testing/flows';
import { offlineServices } from '../testing/services';
import { TrellisError } from '../util/errors';
import { createMemoryRunStore, type MemoryRunStore } from './memoryStore';
import { resumeRun, startRun } from './executor';
import type { RunEvent, RunStore, StepRecord } from './types';

const flow = flowOf(
  [
    ['topic', 't_source', { input: 'topic' }],
    ['research', 't_costly', { append: ' +facts' }],
    ['route', 't_branch', { equals: 'skip' }],
    ['short', 't_step', { append: ' (short)' }],
    ['compose', 't_costly', { inputs: ['in'], optional: ['feedback'], append: ' +draft' }],
    ['validate', 't_branch', { untilVisit: 2 }],
    ['merge', 't_merge', { mode: 'first' }],
    ['polish', 't_step', { append: ' +polish' }],
    ['out', 't_sink'],
    ['gave_up', 't_sink', { name: 'gave_up' }],
  ],
  [
    'topic.out -> research.in',
    'research.out -> route.in',
    'route.yes -> short.in',
    'route.no -> compose.in',
    'compose.out -> validate.in',
    { from: 'validate.no', to: 'compose.feedback', loop: 3, id: 'revise' },
    'validate.yes -> merge.a',
    'short.out -> merge.b',
    'merge.out -> polish.in',
    'polish.out -> out.value',
    'validate.exhausted -> gave_up.value',
  ],
  { concurrency: 2 },
);

/** A store that passes the first `limit` checkpoints through, then loses every write: a crash. */
function crashingStore(inner: MemoryRunStore, limit: number): RunStore {
  let passed = 0;
  const dead = () => Promise.reject(new TrellisError('internal', 'the tab crashed'));
  return {
    saveFlowVersion: (v) => inner.saveFlowVersion(v),
    loadFlowVersion: (h) => inner.loadFlowVersion(h),
    createRun: (r) => inner.createRun(r),
    loadRun: (id) => inner.loadRun(id),
    checkpoint: (c) => (passed++ < limit ? inner.checkpoint(c) : dead()),
    flush: () => (passed <= limit ? inner.flush() : dead()),
    loadReview: (id) => inner.loadReview(id),
    loadRunReviews: (id) => inner.loadRunReviews(id),
    decideReview: (id, d) => inner.decideReview(id, d),
    addReviewComment: (id, c) => inner.addReviewComment(id, c),
  };
}

const started = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'step.started' ? [`${e.stepIndex}:${e.visit}`] : []));
const summary = (steps: StepRecord[]) => steps.map((s) => `${s.stepIndex}:${s.visit}:${s.nodeId}:${s.status}:${JSON.stringify(s.outputs)}`);

beforeEach(() => resetTestKinds());

describe('resume', () => {
  it('after a stop at every checkpoint boundary, never re-runs completed steps and ends the same', async () => {
    const reference = createMemoryRunStore();
    const refRun = await (await startRun(flow, { topic: 'tides' }, { store: reference, services: offlineServices() })).done;
    expect(refRun.status).toBe('succeeded');
    expect(refRun.outputs).toEqual({ result: 'tides +facts +draft (revision 2) +polish' });
    const total = reference.snapshot().checkpoints;
    expect(total).toBeGreaterThan(12);
    const refSteps = summary(reference.snapshot().steps.filter((s) => s.status !== 'running'));

    for (let limit = 0; limit < total; limit++) {
      resetTestKinds();
      const store = createMemoryRunStore();
      const first = await startRun(flow, { topic: 'tides' }, { store: crashingStore(store, limit), services: offlineServices(), runId: `run-${limit}` });
      const crashed = await first.done;
      expect(crashed.status).toBe('failed');

      const before = store.snapshot().steps.filter((s) => s.status === 'succeeded' || s.status === 'skipped');
      const events: RunEvent[] = [];
      const second = await resumeRun(`run-${limit}`, { store, services: offlineServices(), onEvent: (e) => events.push(e) });
      const finished = await second.done;

      expect(finished.status, `stopped after ${limit} checkpoints`).toBe('succeeded');
      expect(finished.outputs).toEqual(refRun.outputs);
      const rerun = started(events).filter((key) => before.some((s) => `${s.stepIndex}:${s.visit}` === key));
      expect(rerun, `stopped after ${limit}: completed steps ran again`).toEqual([]);
      const finalSteps = store.snapshot().steps.filter((s) => s.status !== 'running');
      expect(summary(finalSteps)).toEqual(refSteps);
      expect(finished.resumes).toBe(1);
    }
  });

  it('makes every earlier checkpoint durable before a costly step starts', async () => {
    const inner = createMemoryRunStore();
    const calls: string[] = [];
    const store: RunStore = {
      ...inner,
      saveFlowVersion: (v) => inner.saveFlowVersion(v),
      loadFlowVersion: (h) => inner.loadFlowVersion(h),
      createRun: (r) => inner.createRun(r),
      loadRun: (id) => inner.loadRun(id),
      checkpoint: (c) => {
        calls.push(c.steps.map((s) => `${s.nodeId}:${s.status}`).join(',') || 'run');
        return inner.checkpoint(c);
      },
      flush: () => {
        calls.push('flush');
        return inner.flush();
      },
    };
    await (await startRun(flow, { topic: 'x' }, { store, services: offlineServices() })).done;
    const firstCostly = calls.indexOf('research:running');
    expect(calls.slice(0, firstCostly)).toEqual(['topic:succeeded', 'flush']);
    for (let i = 0; i < calls.length; i++) if (calls[i]?.endsWith(':running')) expect(calls[i - 1]).toBe('flush');
  });
});
