import { describe, expect, it } from 'vitest';
import { decideReview, needsReview, sampleKey } from './policy';
import {
  applyDecision,
  MAX_HISTORY,
  newTrustRecord,
  promote,
  PromotionRefusedError,
  recommendationFor,
  recordExecution,
  setTierByHand,
  trustDecisionFor,
  withFingerprint,
  type TrustDecision,
  type TrustRecord,
} from './record';

const T0 = 1_700_000_000_000;

function fresh(): TrustRecord {
  return newTrustRecord('flow-1', 'triage', 'fp-a', 'seed-1', T0);
}

/** n executions, each reviewed and decided as given. */
function reviewMany(record: TrustRecord, n: number, decision: TrustDecision = 'approved'): TrustRecord {
  let next = record;
  for (let i = 0; i < n; i += 1) {
    next = recordExecution(next, { reviewed: true, at: T0 + i });
    next = applyDecision(next, { decision, at: T0 + i, by: 'Ana' });
  }
  return next;
}

describe('a new record', () => {
  it('starts at full review with no evidence and a created event', () => {
    const record = fresh();
    expect(record).toMatchObject({ key: 'flow-1/triage', tier: 1, seed: 'seed-1', fingerprint: 'fp-a', executions: 0, previous: [] });
    expect(record.evidence).toEqual({ reviewed: 0, approvedAsIs: 0, edited: 0, rejected: 0 });
    expect(record.history).toEqual([{ at: T0, kind: 'created', to: 1, fingerprint: 'fp-a' }]);
  });
});

describe('decisions', () => {
  it('count approvals, edits and rejections, without touching the input record', () => {
    const record = fresh();
    const next = applyDecision(applyDecision(applyDecision(record, { decision: 'approved', at: T0, by: 'Ana' }), { decision: 'edited', at: T0, by: 'Ana' }), {
      decision: 'rejected',
      at: T0,
      by: 'Bo',
    });
    expect(next.evidence).toEqual({ reviewed: 3, approvedAsIs: 1, edited: 1, rejected: 1 });
    expect(record.evidence.reviewed).toBe(0);
    expect(next.history.filter((event) => event.kind === 'decision').map((event) => event.defect)).toEqual([false, true, true]);
  });

  it('a rejection at a reduced tier demotes to full review, saying who and why', () => {
    const at50 = promote(reviewMany(fresh(), 25), { by: 'Lead', at: T0 + 100 });
    expect(at50.tier).toBe(0.5);
    const demoted = applyDecision(at50, { decision: 'rejected', at: T0 + 200, by: 'Bo' });
    expect(demoted.tier).toBe(1);
    expect(demoted.history.at(-1)).toEqual({
      at: T0 + 200,
      kind: 'demoted',
      from: 0.5,
      to: 1,
      reason: 'Bo rejected an output while the step was at 50%: back to full review.',
    });
    expect(demoted.evidence.rejected).toBe(1);
  });

  it('a rejection at 100% does not demote (nothing lower), and an edit never does', () => {
    const rejected = applyDecision(fresh(), { decision: 'rejected', at: T0, by: 'Bo' });
    expect(rejected.tier).toBe(1);
    expect(rejected.history.some((event) => event.kind === 'demoted')).toBe(false);
    const at50 = promote(reviewMany(fresh(), 25), { by: 'Lead', at: T0 });
    expect(applyDecision(at50, { decision: 'edited', at: T0, by: 'Bo' }).tier).toBe(0.5);
  });

  it('a rejection demotes an autonomous step too', () => {
    const autonomous = setTierByHand(fresh(), { tier: 0, by: 'Lead', at: T0, reason: 'Deterministic enough' });
    expect(applyDecision(autonomous, { decision: 'rejected', at: T0, by: 'Bo' }).tier).toBe(1);
  });

  it('a decision about an earlier configuration is recorded but is not evidence', () => {
    const at50 = withFingerprint(promote(reviewMany(fresh(), 25), { by: 'Lead', at: T0 }), 'fp-b', T0 + 1);
    const late = applyDecision(at50, { decision: 'rejected', at: T0 + 2, by: 'Bo', fingerprint: 'fp-a' });
    expect(late.evidence.reviewed).toBe(0);
    expect(late.history.at(-1)).toMatchObject({ kind: 'decision', counted: false, defect: true });
  });

  it('maps reviewer actions', () => {
    expect(['approve', 'edit', 'reject'].map((action) => trustDecisionFor(action as 'approve'))).toEqual(['approved', 'edited', 'rejected']);
  });
});

describe('promotion', () => {
  it('is refused without the evidence, with a typed error saying what is missing', () => {
    const record = reviewMany(fresh(), 13);
    expect(() => promote(record, { by: 'Lead', at: T0 })).toThrow(PromotionRefusedError);
    try {
      promote(record, { by: 'Lead', at: T0 });
    } catch (error) {
      expect(error).toBeInstanceOf(PromotionRefusedError);
      expect((error as PromotionRefusedError).message).toBe('Step "triage" cannot move to 50% review yet: 12 more reviews without a defect for 50% review.');
      expect((error as PromotionRefusedError).recommendation.needed.reviews).toBe(12);
    }
    expect(() => promote(reviewMany(fresh(), 30, 'edited'), { by: 'Lead', at: T0 })).toThrow(/cannot move to 50% review yet/);
  });

  it('is refused at the audit floor', () => {
    const floor = setTierByHand(reviewMany(fresh(), 400), { tier: 0.02, by: 'Lead', at: T0 });
    expect(() => promote(floor, { by: 'Lead', at: T0 })).toThrow(/cannot move to a lower review rate yet: At the audit floor/);
  });

  it('records who promoted and on what evidence', () => {
    const promoted = promote(reviewMany(fresh(), 25), { by: 'Lead', at: T0 + 9 });
    expect(promoted.history.at(-1)).toMatchObject({ kind: 'promoted', from: 1, to: 0.5, by: 'Lead', at: T0 + 9 });
    expect(promoted.history.at(-1)?.reason).toMatch(/^Ready for 50% review: 25 reviewed/);
    expect(promoted.sinceTier.reviewed).toBe(0);
    expect(promoted.evidence.reviewed).toBe(25);
  });
});

describe('setTierByHand', () => {
  it('records the change with who and why; the same tier is a no-op; bad input throws', () => {
    const record = setTierByHand(fresh(), { tier: 0.2, by: 'Lead', at: T0 + 5, reason: 'Known-good prompt' });
    expect(record.tier).toBe(0.2);
    expect(record.history.at(-1)).toEqual({ at: T0 + 5, kind: 'set_by_hand', from: 1, to: 0.2, by: 'Lead', reason: 'Known-good prompt' });
    expect(setTierByHand(record, { tier: 0.2, by: 'Lead', at: T0 + 6 })).toBe(record);
    expect(() => setTierByHand(record, { tier: 0.3 as 0.2, by: 'Lead', at: T0 })).toThrow(RangeError);
    expect(() => setTierByHand(record, { tier: 0, by: ' ', at: T0 })).toThrow(/who/);
  });
});

describe('withFingerprint', () => {
  it('changes nothing for the same fingerprint', () => {
    const record = reviewMany(fresh(), 3);
    expect(withFingerprint(record, 'fp-a', T0)).toBe(record);
  });

  it('resets tier and evidence to full review, keeping the old ones as history', () => {
    const before = promote(reviewMany(fresh(), 30), { by: 'Lead', at: T0 + 50 });
    const after = withFingerprint(before, 'fp-b', T0 + 60);
    expect(after).toMatchObject({ fingerprint: 'fp-b', tier: 1, executions: 0, evidence: { reviewed: 0, approvedAsIs: 0, edited: 0, rejected: 0 } });
    expect(after.previous).toEqual([{ fingerprint: 'fp-a', tier: 0.5, evidence: before.evidence, executions: 30, endedAt: T0 + 60 }]);
    expect(after.history.slice(0, before.history.length)).toEqual(before.history);
    expect(after.history.at(-1)).toMatchObject({ kind: 'reset_fingerprint', from: 0.5, to: 1, fingerprint: 'fp-b' });
    expect(recommendationFor(after).needed.reviews).toBe(25);
    expect(after.seed).toBe(before.seed);
  });
});

describe('history', () => {
  it(`keeps the last ${MAX_HISTORY} events and counts the executions it dropped`, () => {
    let record = fresh();
    for (let i = 0; i < 3000; i += 1) record = reviewMany(record, 1);
    expect(record.history).toHaveLength(MAX_HISTORY);
    expect(record.executions).toBe(3000);
    expect(record.evidence.reviewed).toBe(3000);
    const kept = record.history.filter((event) => event.kind === 'execution').length;
    expect(record.trimmedExecutions + kept).toBe(3000);
  });
});

describe('a full walk 100% -> 50% -> 20%', () => {
  it('samples at each tier, is promoted on evidence, and a rejection sends it back', () => {
    let record = fresh();
    let run = 0;
    const reviewedAt = new Map<number, { executions: number; reviewed: number }>();
    const execute = (decision: TrustDecision = 'approved') => {
      const reason = decideReview({ tier: record.tier, seed: record.seed, key: sampleKey(`run-${run}`, 'gate', 0) });
      run += 1;
      const reviewed = needsReview(reason);
      const stats = reviewedAt.get(record.tier) ?? { executions: 0, reviewed: 0 };
      reviewedAt.set(record.tier, { executions: stats.executions + 1, reviewed: stats.reviewed + (reviewed ? 1 : 0) });
      record = recordExecution(record, { reviewed, at: T0 + run });
      if (reviewed) record = applyDecision(record, { decision, at: T0 + run, by: 'Ana' });
    };

    while (!recommendationFor(record).eligible) execute();
    expect(record.evidence.reviewed).toBe(25);
    expect(record.executions).toBe(25);
    record = promote(record, { by: 'Lead', at: T0 + run });
    expect(record.tier).toBe(0.5);

    while (!recommendationFor(record).eligible) execute();
    expect(record.evidence.reviewed).toBe(52);
    record = promote(record, { by: 'Lead', at: T0 + run });
    expect(record.tier).toBe(0.2);

    for (let i = 0; i < 1000; i += 1) execute();
    const at20 = reviewedAt.get(0.2);
    expect(at20).toBeDefined();
    expect(Math.abs((at20?.reviewed ?? 0) / (at20?.executions ?? 1) - 0.2)).toBeLessThan(0.04);
    const at50 = reviewedAt.get(0.5);
    expect(at50?.reviewed).toBe(27);
    expect(at50?.executions).toBeGreaterThan(27);

    // Keep executing until one is reviewed, and reject it.
    while (record.tier === 0.2) execute('rejected');
    expect(record.tier).toBe(1);
    expect(record.history.map((event) => event.kind).filter((kind) => kind !== 'execution' && kind !== 'decision')).toEqual([
      'created',
      'promoted',
      'promoted',
      'demoted',
    ]);
  });
});
