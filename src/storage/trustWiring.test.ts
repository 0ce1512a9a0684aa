/**
 * The trust gradient wired as the app wires it, through the real executor, the Dexie run store
 * and the Dexie trust store on fake-indexeddb: 30 outputs reviewed at 100% and approved (each
 * decision stored with its evidence), the recommendation eligible, a person's promotion to 50%,
 * the next outputs sampled exactly as `seededUniform(seed, sampleKey(runId, gate, visit)) < 0.5`
 * predicts, a rejection at 50% demoting the step, and a saved prompt change resetting it at once.
 */
import { describe, expect, it } from 'vitest';
import type { FlowDoc } from '../engine/flow/schema';
import { createModelResolver } from '../engine/llm/resolver';
import { createScriptedProvider } from '../engine/llm/scripted';
import { resumeRun, startRun } from '../engine/run/executor';
import { flowOf } from '../engine/testing/flows';
import { offlineServices } from '../engine/testing/services';
import type { RunRecord } from '../engine/run/types';
import { flowDefaults, promote, recommendationFor, sampleKey, seededUniform, trustPolicy, type TrustRecord } from '../engine/trust';
import { createFlow, saveFlow } from './flowsRepo';
import { createDexieRunStore } from './runStore';
import { decideWithEvidence } from './trustDecisions';
import { testDatabases } from './testDatabases';
import { createDexieTrustStore } from './trustStore';

const SEED = 'wiring-seed';
const KEY = 'triage/draft';

function triage(instructions: string): FlowDoc {
  const doc = flowOf(
    [
      ['in', 'input', { fields: [{ name: 'ticket', type: 'string', required: true }] }],
      ['draft', 'agent', { role: 'Support agent', goal: 'Reply kindly', instructions, temperature: 0.2 }],
      ['gate', 'review_gate', { onReject: 'fail' }],
      ['out', 'output', { name: 'reply' }],
    ],
    ['in.ticket -> draft.ticket', 'draft.out -> gate.in', 'gate.approved -> out.value'],
    { model: 'demo-model' },
  );
  return { ...doc, id: 'triage' };
}

const open = testDatabases('trust-wiring');

function harness() {
  const db = open();
  const store = createDexieRunStore(db);
  const trust = createDexieTrustStore(db);
  let flow = triage('Reply to: {{ticket}}');
  const options = () => ({
    store,
    services: { ...offlineServices(), models: createModelResolver([createScriptedProvider()]) },
    reviewPolicy: trustPolicy(trust, { newSeed: () => SEED, defaults: () => flowDefaults(flow) }),
  });
  return {
    db,
    store,
    trust,
    setFlow: (next: FlowDoc) => (flow = next),
    run: async (runId: string): Promise<RunRecord> => (await startRun(flow, { ticket: `Ticket ${runId}` }, { ...options(), runId })).done,
    resume: async (runId: string): Promise<RunRecord> => (await resumeRun(runId, options())).done,
    record: async (): Promise<TrustRecord> => (await trust.load(KEY)) as TrustRecord,
  };
}

describe('trust, wired through the executor and IndexedDB', () => {
  it('30 approvals, a promotion, seeded sampling at 50%, a demoting rejection, and a prompt change resetting the step', async () => {
    const h = harness();
    await createFlow(h.db, triage('Reply to: {{ticket}}'), 0);

    for (let i = 0; i < 30; i++) {
      expect((await h.run(`a${i}`)).status).toBe('paused');
      await decideWithEvidence(h.db, h.store, `a${i}:2:0`, { action: 'approve', by: 'Ada', at: 1000 + i });
      expect((await h.resume(`a${i}`)).status).toBe('succeeded');
    }
    let record = await h.record();
    expect(record).toMatchObject({ tier: 1, seed: SEED, executions: 30, evidence: { reviewed: 30, approvedAsIs: 30, edited: 0, rejected: 0 } });
    expect(recommendationFor(record)).toMatchObject({ eligible: true, nextTier: 0.5 });
    record = await h.trust.update(KEY, (current) => promote(current as TrustRecord, { by: 'Lead', at: 2000 }));
    expect(record.tier).toBe(0.5);

    const predicted: string[] = [];
    for (let i = 0; i < 40; i++) {
      const runId = `b${i}`;
      const draw = seededUniform(SEED, sampleKey(runId, 'gate', 0));
      const run = await h.run(runId);
      if (draw < 0.5) predicted.push(runId);
      expect(run.status).toBe(draw < 0.5 ? 'paused' : 'succeeded');
      const gate = (await h.store.loadRun(runId))?.steps.find((s) => s.nodeId === 'gate');
      expect(gate?.review).toMatchObject({ reviewed: draw < 0.5, reason: { kind: draw < 0.5 ? 'sampled' : 'skipped', rate: 0.5, draw, seed: SEED }, trustKey: KEY, fingerprint: record.fingerprint });
    }
    expect(predicted.length).toBeGreaterThan(10);
    expect(predicted.length).toBeLessThan(30);
    expect(await h.db.reviews.where('[status+createdAt]').between(['pending', 0], ['pending', Infinity]).count()).toBe(predicted.length);

    // One rejection at 50%: back to full review in the same transaction as the decision.
    const rejected = predicted[0] as string;
    const item = await decideWithEvidence(h.db, h.store, `${rejected}:2:0`, { action: 'reject', reason: 'Wrong refund policy.', by: 'Grace', at: 3000 });
    expect(item.decision?.action).toBe('reject');
    record = await h.record();
    expect(record).toMatchObject({ tier: 1, executions: 70, evidence: { reviewed: 31, rejected: 1 } });
    expect(record.history.slice(-2).map((e) => e.kind)).toEqual(['decision', 'demoted']);
    expect((await h.resume(rejected)).status).toBe('failed');
    expect((await h.run('c0')).status).toBe('paused');

    // Approving the other sampled outputs (and new ones, at 100% again) earns 50% back; then a
    // saved prompt change resets the step at once.
    const kept = predicted[1] as string;
    const approve = async (runId: string, at: number) => {
      await decideWithEvidence(h.db, h.store, `${runId}:2:0`, { action: 'approve', by: 'Ada', at });
      expect((await h.resume(runId)).status).toBe('succeeded');
    };
    for (const runId of ['c0', ...predicted.slice(2)]) await approve(runId, 3500);
    for (let i = 1; !recommendationFor(await h.record()).eligible; i++) {
      expect((await h.run(`c${i}`)).status).toBe('paused');
      await approve(`c${i}`, 3600 + i);
    }
    record = await h.trust.update(KEY, (current) => promote(current as TrustRecord, { by: 'Lead', at: 4000 }));
    expect(record.tier).toBe(0.5);
    const edited = triage('Reply briefly to: {{ticket}}');
    expect(await saveFlow(h.db, edited, 1, 5000)).toMatchObject({ ok: true });
    record = await h.record();
    expect(record).toMatchObject({ tier: 1, executions: 0, evidence: { reviewed: 0 }, previous: [{ tier: 0.5, evidence: { rejected: 1, edited: 0 } }] });
    const ended = record.previous[0];
    expect(ended?.evidence.reviewed).toBe((ended?.evidence.approvedAsIs ?? 0) + 1);
    expect(ended?.executions).toBeGreaterThan(70);
    expect(record.history.at(-1)).toMatchObject({ kind: 'reset_fingerprint', from: 0.5, to: 1, at: 5000 });
    // The next run of the edited flow has that fingerprint already: no second reset.
    h.setFlow(edited);
    expect((await h.run('d0')).status).toBe('paused');
    const after = await h.record();
    expect(after.fingerprint).toBe(record.fingerprint);
    expect(after.previous).toHaveLength(1);
    expect(after.executions).toBe(1);
    // A decision on an output of the old configuration is kept, but is not evidence now.
    await decideWithEvidence(h.db, h.store, `${kept}:2:0`, { action: 'approve', by: 'Ada', at: 6000 });
    expect((await h.record()).evidence.reviewed).toBe(0);
    expect((await h.record()).history.at(-1)).toMatchObject({ kind: 'decision', counted: false });
  });
});
