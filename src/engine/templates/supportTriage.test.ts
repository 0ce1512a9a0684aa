import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { importFlow } from '../flow/import';
import { exportFlow } from '../flow/canonical';
import { createScriptedProvider } from '../llm/scripted';
import { createModelResolver } from '../llm/resolver';
import { createMemoryRunStore } from '../run/memoryStore';
import { resumeRun, startRun } from '../run/executor';
import { createFetchHttpPort } from '../run/fetchHttp';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { SUPPORT_TRIAGE_MAX_REVISIONS, supportTriageFlow } from './supportTriage';

const services = () => ({
  models: createModelResolver([createScriptedProvider()]),
  http: createFetchHttpPort(),
  sandbox: createQuickJsSandbox(),
});

const BILLING = '  I have a billing question:   I was charged twice this month. ';

describe('support triage template', () => {
  it('compiles cleanly and survives an export/import round trip', () => {
    const flow = supportTriageFlow();
    const { plan, diagnostics } = compile(flow);
    expect(diagnostics).toEqual([]);
    expect(plan.loops).toMatchObject([{ id: 'revise', sourcePort: 'rejected', targetPort: 'feedback', maxIterations: SUPPORT_TRIAGE_MAX_REVISIONS }]);
    expect(plan.steps.filter((s) => s.category === 'human').map((s) => s.label)).toEqual(['Review reply']);
    const imported = importFlow(exportFlow(flow));
    expect(imported.ok).toBe(true);
    if (imported.ok) expect(exportFlow(imported.flow)).toBe(exportFlow(flow));
  });

  it('runs on the demo model: a billing ticket gets a drafted reply, which waits for a person, then goes out approved', async () => {
    const store = createMemoryRunStore();
    const paused = await (await startRun(supportTriageFlow(), { ticket: BILLING }, { store, services: services(), runId: 'r' })).done;
    expect(paused.status).toBe('paused');
    expect(paused.outputs.category).toMatchObject({ branch: 'billing' });
    const steps = store.snapshot().steps;
    expect(steps.filter((s) => s.status === 'skipped').map((s) => s.nodeId).sort()).toEqual(['other_reply']);
    expect(steps.find((s) => s.nodeId === 'normalize')?.outputs).toEqual({ out: { text: 'I have a billing question: I was charged twice this month.', words: 11 } });
    const [item] = store.snapshot().reviews;
    expect(item).toMatchObject({ gateLabel: 'Review reply', subjectLabel: 'Draft reply', subjectKind: 'agent', status: 'pending', reason: { kind: 'full' } });
    expect(String(item?.output)).toContain('[Demo model');

    await store.decideReview(item?.id ?? '', { action: 'approve', by: 'Ada', at: 1 });
    const run = await (await resumeRun('r', { store, services: services() })).done;
    expect(run.status).toBe('succeeded');
    expect(run.outputs.reply).toBe(item?.output);
    expect(run.totals.llmCalls).toBe(2);
  });

  it('a rejected draft goes back to the drafter with the feedback, at most twice, then out as "rejected"', async () => {
    const store = createMemoryRunStore();
    await (await startRun(supportTriageFlow(), { ticket: BILLING }, { store, services: services(), runId: 'r' })).done;
    for (let visit = 0; visit <= SUPPORT_TRIAGE_MAX_REVISIONS; visit++) {
      const id = (await store.loadRun('r'))?.run.waitingFor?.[0]?.reviewId ?? '';
      expect(id).toBe(`r:${store.snapshot().steps.find((s) => s.nodeId === 'review')?.stepIndex}:${visit}`);
      await store.decideReview(id, { action: 'reject', reason: `Mention the refund time (${visit}).`, by: 'Ada', at: visit });
      await (await resumeRun('r', { store, services: services() })).done;
    }
    const run = (await store.loadRun('r'))?.run;
    expect(run?.status).toBe('succeeded');
    expect(run?.outputs.rejected).toMatchObject({ feedback: 'Mention the refund time (2).', reviewer: 'Ada' });
    expect(run?.outputs.reply).toBeUndefined();
    const drafts = store.snapshot().steps.filter((s) => s.nodeId === 'draft');
    expect(drafts).toHaveLength(SUPPORT_TRIAGE_MAX_REVISIONS + 1);
    expect(drafts[1]?.llmCalls[0]?.request.messages.at(-1)?.content).toContain('A reviewer (Ada) rejected it: Mention the refund time (0).');
  });

  it('acknowledges other tickets without a review', async () => {
    const store = createMemoryRunStore();
    // The demo model picks the branch whose name the text mentions most.
    const run = await (await startRun(supportTriageFlow(), { ticket: 'Another thing, on some other matter: other offices?' }, { store, services: services() })).done;
    expect(run.outputs.category).toMatchObject({ branch: 'other' });
    expect(run.status).toBe('succeeded');
    expect(String(run.outputs.reply)).toContain('passed it to the right team');
    expect(store.snapshot().reviews).toEqual([]);
  });
});
