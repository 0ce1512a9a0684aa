import { describe, expect, it } from 'vitest';
import type { ReviewRequest } from '../run/ports';
import type { ReviewDecision } from '../run/types';
import { memoryTrustStore, recordReviewDecision, trustPolicy, type TrustVerdict } from './gatePolicy';
import { promote } from './record';

const agentConfig = (instructions: string) => ({ role: 'Support agent', goal: 'Draft a reply', instructions, model: 'gpt-4o-mini', temperature: 0.2 });

function request(runId: string, instructions = 'Reply politely.', extra: Partial<ReviewRequest> = {}): ReviewRequest {
  return {
    runId,
    flowId: 'triage',
    gateNodeId: 'gate',
    subjectNodeId: 'draft',
    subjectKind: 'agent',
    subjectConfig: agentConfig(instructions),
    output: { reply: 'Hello', priority: 'normal' },
    visit: 0,
    rules: [],
    ...extra,
  };
}

const approve = (at: number): ReviewDecision => ({ action: 'approve', by: 'Ada', at });

describe('trustPolicy', () => {
  it('puts a new step under full review and counts each execution on its record', async () => {
    const store = memoryTrustStore();
    const policy = trustPolicy(store, { now: () => 1000, newSeed: () => 'seed-1' });
    const verdict = (await policy(request('r1'))) as TrustVerdict;
    expect(verdict.review).toBe(true);
    expect(verdict.reason).toEqual({ kind: 'full' });
    expect(verdict.trustKey).toBe('triage/draft');
    const record = store.records.get('triage/draft')!;
    expect(record.tier).toBe(1);
    expect(record.seed).toBe('seed-1');
    expect(record.executions).toBe(1);
  });

  it('samples near the tier after a promotion, with the draw and seed recorded, and reproducibly', async () => {
    const store = memoryTrustStore();
    let t = 0;
    const policy = trustPolicy(store, { now: () => ++t, newSeed: () => 'seed-2' });
    for (let i = 0; i < 30; i++) {
      const verdict = (await policy(request(`warm-${i}`))) as TrustVerdict;
      await recordReviewDecision(store, { flowId: 'triage', gateNodeId: 'gate', subjectNodeId: 'draft', fingerprint: verdict.fingerprint }, approve(++t));
    }
    store.records.set('triage/draft', promote(store.records.get('triage/draft')!, { by: 'Ada', at: ++t }));
    expect(store.records.get('triage/draft')!.tier).toBe(0.5);

    let reviewed = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const verdict = await policy(request(`run-${i}`));
      if (verdict.review) reviewed++;
      expect(['sampled', 'skipped']).toContain(verdict.reason.kind);
      if (verdict.reason.kind === 'skipped') {
        expect(verdict.reason.seed).toBe('seed-2');
        expect(verdict.reason.draw).toBeGreaterThanOrEqual(0.5);
      }
    }
    expect(Math.abs(reviewed / n - 0.5)).toBeLessThan(0.04);
    // The same output asks again (e.g. after a crash) and gets the same answer.
    const again = [await policy(request('run-7')), await policy(request('run-7'))];
    expect(again[0]).toEqual(again[1]);
  });

  it('rules force review even at a reduced tier, naming the rule', async () => {
    const store = memoryTrustStore();
    const policy = trustPolicy(store, { now: () => 1, newSeed: () => 's' });
    await policy(request('r0'));
    store.records.set('triage/draft', { ...store.records.get('triage/draft')!, tier: 0.02 });
    const verdict = await policy(request('r1', 'Reply politely.', { rules: [{ path: 'priority', op: 'equals', value: 'urgent' }], output: { priority: 'urgent' } }));
    expect(verdict.review).toBe(true);
    expect(verdict.reason.kind).toBe('forced');
    expect(verdict.reason.kind === 'forced' && verdict.reason.rules.join()).toContain('priority');
  });

  it('a changed prompt puts the step back to full review and keeps the old record as history', async () => {
    const store = memoryTrustStore();
    const policy = trustPolicy(store, { now: () => 5, newSeed: () => 's' });
    const first = (await policy(request('r1'))) as TrustVerdict;
    store.records.set('triage/draft', { ...store.records.get('triage/draft')!, tier: 0.2 });
    const changed = (await policy(request('r2', 'Reply tersely.'))) as TrustVerdict;
    expect(changed.fingerprint).not.toBe(first.fingerprint);
    expect(changed.reason).toEqual({ kind: 'full' });
    const record = store.records.get('triage/draft')!;
    expect(record.tier).toBe(1);
    expect(record.previous.at(-1)?.fingerprint).toBe(first.fingerprint);
    expect(record.previous.at(-1)?.tier).toBe(0.2);
  });

  it('a rejection at a reduced tier demotes; a decision on an older configuration is not evidence', async () => {
    const store = memoryTrustStore();
    const policy = trustPolicy(store, { now: () => 9, newSeed: () => 's' });
    const old = (await policy(request('r1'))) as TrustVerdict;
    await policy(request('r2', 'Reply tersely.'));
    const item = { flowId: 'triage', gateNodeId: 'gate', subjectNodeId: 'draft' };
    await recordReviewDecision(store, { ...item, fingerprint: old.fingerprint }, { action: 'reject', reason: 'rude', by: 'Ada', at: 10 });
    expect(store.records.get('triage/draft')!.evidence.reviewed).toBe(0);

    store.records.set('triage/draft', { ...store.records.get('triage/draft')!, tier: 0.5 });
    const current = store.records.get('triage/draft')!.fingerprint;
    const after = await recordReviewDecision(store, { ...item, fingerprint: current }, { action: 'reject', reason: 'wrong', by: 'Grace', at: 11 });
    expect(after.tier).toBe(1);
    expect(after.evidence.rejected).toBe(1);
    expect(after.history.at(-1)?.kind).toBe('demoted');
  });

  it('refuses a decision for a step that never reached a gate', async () => {
    const store = memoryTrustStore();
    await expect(recordReviewDecision(store, { flowId: 'f', gateNodeId: 'g', subjectNodeId: 'x' }, approve(1))).rejects.toThrow(/never reached its gate/);
  });
});
