/**
 * Review gates in the executor: a gate that needs review pauses the run with a persisted review
 * item; resuming applies the decision (approve, edit, reject to a branch or a failure) without
 * re-running any step before the gate; a rejection looped back revises the step with the
 * reviewer's feedback, bounded; two resumes at once go on once; an output the policy lets
 * through records why nobody saw it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import '../testing/kinds';
import { executions, resetTestKinds } from '../testing/kinds';
import { flowOf, type EdgeSpec, type NodeSpec } from '../testing/flows';
import { offlineServices } from '../testing/services';
import { ResumeConflictError, resumeRun, startRun } from './executor';
import { createMemoryRunStore, type MemoryRunStore } from './memoryStore';
import type { ReviewPolicy, ReviewRequest } from './ports';
import type { ReviewDecision, RunEvent } from './types';

beforeEach(() => resetTestKinds());

/** in -> draft (costly, optional feedback) -> gate -> out; `loop` wires gate.rejected back to draft.feedback. */
function gateFlow(options: { onReject?: 'branch' | 'fail'; loop?: number; exhausted?: boolean } = {}) {
  const nodes: NodeSpec[] = [
    ['in', 't_source', { value: 'topic' }],
    ['draft', 't_costly', { inputs: ['in'], optional: ['feedback'], append: ' +draft' }],
    ['gate', 'review_gate', { instructions: 'Is the draft right?', onReject: options.onReject ?? 'branch', rules: [{ path: 'tone', op: 'exists' }] }],
    ['out', 't_sink'],
  ];
  const edges: EdgeSpec[] = ['in.out -> draft.in', 'draft.out -> gate.in', 'gate.approved -> out.value'];
  if (options.loop !== undefined) edges.push({ from: 'gate.rejected', to: 'draft.feedback', loop: options.loop, id: 'revise' });
  if (options.exhausted) {
    nodes.push(['gave_up', 't_sink', { name: 'gave_up' }]);
    edges.push('gate.exhausted -> gave_up.value');
  }
  return flowOf(nodes, edges);
}

async function pausedRun(flow = gateFlow(), store: MemoryRunStore = createMemoryRunStore(), reviewPolicy?: ReviewPolicy) {
  const events: RunEvent[] = [];
  const handle = await startRun(flow, {}, { store, services: offlineServices(), onEvent: (e) => events.push(e), runId: 'r1', ...(reviewPolicy ? { reviewPolicy } : {}) });
  return { run: await handle.done, store, events };
}

async function resume(store: MemoryRunStore) {
  const events: RunEvent[] = [];
  const handle = await resumeRun('r1', { store, services: offlineServices(), onEvent: (e) => events.push(e) });
  return { run: await handle.done, events };
}

const decide = (store: MemoryRunStore, id: string, decision: Omit<ReviewDecision, 'by' | 'at'>) => store.decideReview(id, { by: 'Ada', at: 42, ...decision });
const startedSteps = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'step.started' ? [e.nodeId] : []));

describe('review gate: pausing', () => {
  it('pauses the run at the gate with a persisted review item, and returns', async () => {
    const { run, store, events } = await pausedRun();
    expect(run.status).toBe('paused');
    expect(run.finishedAt).toBeUndefined();
    expect(run.waitingFor).toEqual([{ stepIndex: 2, nodeId: 'gate', label: 'gate', reviewId: 'r1:2:0' }]);
    const snap = store.snapshot();
    expect(snap.runs[0]).toMatchObject({ status: 'paused', waitingFor: run.waitingFor });
    const gate = snap.steps.find((s) => s.nodeId === 'gate');
    expect(gate).toMatchObject({ status: 'waiting_review', outputs: null, review: { reviewed: true, reason: { kind: 'full' }, itemId: 'r1:2:0' } });
    expect(snap.steps.find((s) => s.nodeId === 'out')).toBeUndefined();
    expect(snap.reviews).toEqual([
      {
        id: 'r1:2:0',
        runId: 'r1',
        flowId: 'test-flow',
        flowName: 'Test flow',
        flowVersion: run.flowVersion,
        stepIndex: 2,
        visit: 0,
        gateNodeId: 'gate',
        gateLabel: 'gate',
        subjectNodeId: 'draft',
        subjectLabel: 'draft',
        subjectKind: 't_costly',
        input: { in: 'topic' },
        output: 'topic +draft',
        instructions: 'Is the draft right?',
        reason: { kind: 'full' },
        status: 'pending',
        createdAt: expect.any(Number),
        comments: [],
      },
    ]);
    expect(events.map((e) => e.type).filter((t) => t.startsWith('review') || t.startsWith('run.'))).toEqual(['run.started', 'review.requested', 'run.paused']);
  });

  it('stays paused when resumed before a decision, writing nothing and running nothing', async () => {
    const { store } = await pausedRun();
    const before = store.snapshot();
    const { run, events } = await resume(store);
    expect(run.status).toBe('paused');
    expect(run.resumes).toBe(0);
    expect(events).toEqual([]);
    expect(store.snapshot()).toEqual(before);
    expect([executions.get('in'), executions.get('draft')]).toEqual([1, 1]);
  });
});

describe('review gate: decisions', () => {
  it('approve: the output goes on and the run succeeds, with no step before the gate run again', async () => {
    const { store } = await pausedRun();
    await decide(store, 'r1:2:0', { action: 'approve' });
    const { run, events } = await resume(store);
    expect(run).toMatchObject({ status: 'succeeded', outputs: { result: 'topic +draft' }, resumes: 1 });
    expect(run.waitingFor).toBeUndefined();
    expect(startedSteps(events)).toEqual(['out']);
    expect([executions.get('in'), executions.get('draft'), executions.get('out')]).toEqual([1, 1, 1]);
    const gate = store.snapshot().steps.find((s) => s.nodeId === 'gate');
    expect(gate).toMatchObject({ status: 'succeeded', outputs: { approved: 'topic +draft' }, review: { reviewed: true, decision: { action: 'approve', by: 'Ada', at: 42 } } });
    expect(events.filter((e) => e.type === 'review.decided')).toHaveLength(1);
  });

  it('edit: the edited output goes on instead', async () => {
    const { store } = await pausedRun();
    await decide(store, 'r1:2:0', { action: 'edit', editedOutput: { text: 'a better draft' } });
    const { run } = await resume(store);
    expect(run).toMatchObject({ status: 'succeeded', outputs: { result: { text: 'a better draft' } } });
    expect(executions.get('draft')).toBe(1);
  });

  it('reject with onReject "branch": the rejection leaves by "rejected", with the output and the feedback', async () => {
    const flow = gateFlow();
    flow.nodes.push({ id: 'redo', kind: 't_sink', label: 'redo', position: { x: 0, y: 0 }, config: { name: 'redo' } });
    flow.edges.push({ id: 'er', source: 'gate', sourcePort: 'rejected', target: 'redo', targetPort: 'value' });
    const { store } = await pausedRun(flow);
    await decide(store, 'r1:2:0', { action: 'reject', reason: 'Too vague.' });
    const { run } = await resume(store);
    expect(run).toMatchObject({ status: 'succeeded', outputs: { redo: { output: 'topic +draft', feedback: 'Too vague.', reviewer: 'Ada' } } });
    expect(store.snapshot().steps.find((s) => s.nodeId === 'out')?.status).toBe('skipped');
    expect(executions.get('draft')).toBe(1);
  });

  it('reject with onReject "fail": the run fails with the reviewer\'s reason', async () => {
    const { store } = await pausedRun(gateFlow({ onReject: 'fail' }));
    await decide(store, 'r1:2:0', { action: 'reject', reason: 'Makes up a refund policy.' });
    const { run } = await resume(store);
    expect(run).toMatchObject({ status: 'failed', failedStep: 2, error: { code: 'rejected', details: { reviewer: 'Ada', reason: 'Makes up a refund policy.' } } });
    expect(run.error?.message).toBe('Review gate "gate": Ada rejected the output: Makes up a refund policy.');
    expect(executions.get('out')).toBeUndefined();
    // Retrying the failed run does not ask again: the decision for that visit stands.
    const again = await resume(store);
    expect(again.run).toMatchObject({ status: 'failed', error: { code: 'rejected' } });
    expect(executions.get('draft')).toBe(1);
  });
});

describe('review gate: resuming once', () => {
  it('of two resumes at the same time, only one goes on', async () => {
    const { store } = await pausedRun();
    await decide(store, 'r1:2:0', { action: 'approve' });
    const options = { store, services: offlineServices() };
    const results = await Promise.allSettled([resumeRun('r1', options), resumeRun('r1', options)]);
    const handles = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(handles).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(ResumeConflictError);
    expect((await handles[0]?.done)?.status).toBe('succeeded');
    expect(executions.get('out')).toBe(1);
    expect(store.snapshot().runs[0]?.resumes).toBe(1);
  });
});

describe('review gate: revise loop', () => {
  it('a rejection loops back to the step before with the feedback; the next visit asks again', async () => {
    const { store } = await pausedRun(gateFlow({ loop: 2, exhausted: true }));
    await decide(store, 'r1:2:0', { action: 'reject', reason: 'Shorter, please.' });
    const second = await resume(store);
    expect(second.run.status).toBe('paused');
    expect(second.run.waitingFor?.map((w) => w.reviewId)).toEqual(['r1:2:1']);
    expect(executions.get('draft')).toBe(2);
    expect(executions.get('in')).toBe(1);
    const draft = store.snapshot().steps.find((s) => s.nodeId === 'draft' && s.visit === 1);
    expect(draft?.inputs).toEqual({ in: 'topic', feedback: { output: 'topic +draft', feedback: 'Shorter, please.', reviewer: 'Ada' } });
    const item = await store.loadReview('r1:2:1');
    expect(item).toMatchObject({ visit: 1, status: 'pending', output: 'topic +draft (revision 1)', input: draft?.inputs });

    await decide(store, 'r1:2:1', { action: 'approve' });
    const third = await resume(store);
    expect(third.run).toMatchObject({ status: 'succeeded', outputs: { result: 'topic +draft (revision 1)' } });
    expect(store.snapshot().reviews.map((r) => [r.id, r.decision?.action])).toEqual([
      ['r1:2:0', 'reject'],
      ['r1:2:1', 'approve'],
    ]);
  });

  it('is bounded by the loop: past maxIterations the rejection leaves by "exhausted"', async () => {
    const { store } = await pausedRun(gateFlow({ loop: 2, exhausted: true }));
    for (const visit of [0, 1, 2]) {
      await decide(store, `r1:2:${visit}`, { action: 'reject', reason: `No (${visit}).` });
      const { run } = await resume(store);
      expect(run.status).toBe(visit < 2 ? 'paused' : 'succeeded');
    }
    const run = store.snapshot().runs[0];
    expect(run?.outputs).toEqual({ gave_up: { output: 'topic +draft (revision 2)', feedback: 'No (2).', reviewer: 'Ada' } });
    expect(executions.get('draft')).toBe(3);
    expect(store.snapshot().steps.filter((s) => s.nodeId === 'gate').map((s) => s.loopOutcome)).toEqual(['looped', 'looped', 'exhausted']);
  });
});

describe('review gate: policy', () => {
  it('an output the policy skips goes on as approved, and its step records why nobody saw it', async () => {
    const requests: ReviewRequest[] = [];
    const policy: ReviewPolicy = async (request) => {
      requests.push(request);
      return { review: false, reason: { kind: 'skipped', rate: 0.2, draw: 0.73, seed: 'seed-1' } };
    };
    const { run, store } = await pausedRun(gateFlow(), createMemoryRunStore(), policy);
    expect(run).toMatchObject({ status: 'succeeded', outputs: { result: 'topic +draft' } });
    expect(store.snapshot().reviews).toEqual([]);
    expect(store.snapshot().steps.find((s) => s.nodeId === 'gate')).toMatchObject({
      status: 'succeeded',
      outputs: { approved: 'topic +draft' },
      review: { reviewed: false, reason: { kind: 'skipped', rate: 0.2, draw: 0.73, seed: 'seed-1' } },
    });
    expect(requests).toEqual([
      { runId: 'r1', flowId: 'test-flow', gateNodeId: 'gate', subjectNodeId: 'draft', subjectKind: 't_costly', subjectConfig: expect.objectContaining({ append: ' +draft' }), output: 'topic +draft', visit: 0, rules: [{ path: 'tone', op: 'exists' }] },
    ]);
  });

  it('a sampled or forced output is reviewed, and the item says why', async () => {
    const policy: ReviewPolicy = async () => ({ review: true, reason: { kind: 'forced', rules: ['tone'] } });
    const { run, store } = await pausedRun(gateFlow(), createMemoryRunStore(), policy);
    expect(run.status).toBe('paused');
    expect(store.snapshot().reviews[0]?.reason).toEqual({ kind: 'forced', rules: ['tone'] });
  });
});

describe('review gate: a run that ends while it waits', () => {
  it('withdraws the item when the paused run is cancelled; resuming the run asks for it again, with nothing before the gate re-run', async () => {
    const { store } = await pausedRun();
    await store.checkpoint({ runId: 'r1', steps: [], run: { status: 'cancelled', finishedAt: 77 }, expect: { status: 'paused', resumes: 0 } });
    expect(await store.loadReview('r1:2:0')).toMatchObject({ status: 'withdrawn', withdrawnAt: 77 });
    await expect(decide(store, 'r1:2:0', { action: 'approve' })).rejects.toThrow(/no longer waits for review/);

    const { run } = await resume(store);
    expect(run.status).toBe('paused');
    expect(await store.loadReview('r1:2:0')).toMatchObject({ status: 'pending', output: 'topic +draft' });
    expect((await store.loadReview('r1:2:0'))?.withdrawnAt).toBeUndefined();
    expect([executions.get('in'), executions.get('draft')]).toEqual([1, 1]);

    await decide(store, 'r1:2:0', { action: 'approve' });
    expect((await resume(store)).run).toMatchObject({ status: 'succeeded', outputs: { result: 'topic +draft' } });
  });
});
