import { describe, expect, it } from 'vitest';
import { applyDecision, newTrustRecord, promote, recordExecution, type TrustDecision, type TrustRecord } from './record';
import { series } from './series';

const T0 = 1_700_000_000_000;

/** Executions given as a string: "a" approved, "e" edited, "r" rejected (all reviewed), "." not reviewed. */
function play(record: TrustRecord, script: string): TrustRecord {
  const decisions: Record<string, TrustDecision> = { a: 'approved', e: 'edited', r: 'rejected' };
  let next = record;
  for (const [i, mark] of [...script].entries()) {
    next = recordExecution(next, { reviewed: mark !== '.', at: T0 + i });
    const decision = decisions[mark];
    if (decision) next = applyDecision(next, { decision, at: T0 + i, by: 'Ana' });
  }
  return next;
}

describe('series', () => {
  it('gives review and defect rates over a sliding window of executions', () => {
    const record = play(newTrustRecord('f', 'n', 'fp', 's', T0), 'aae.a.');
    const points = series(record, 2);
    expect(points.map((point) => point.execution)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(points.map((point) => point.reviewRate)).toEqual([1, 1, 1, 0.5, 0.5, 0.5]);
    expect(points.map((point) => point.defectRate)).toEqual([0, 0, 0.5, 1, 0, 0]);
    expect(points.map((point) => point.decisions)).toEqual([1, 2, 2, 1, 1, 1]);
    // Windows of 4: executions 3-6 have 2 reviewed, decisions e and a
    expect(series(record, 4).at(-1)).toMatchObject({ execution: 6, reviewRate: 0.5, defectRate: 0.5, decisions: 2 });
  });

  it('has a null defect rate where no decision was made, and thins with `every`', () => {
    const record = play(newTrustRecord('f', 'n', 'fp', 's', T0), '....a');
    expect(series(record, 2)[1]).toMatchObject({ reviewRate: 0, defectRate: null, decisions: 0 });
    expect(series(record, 2, 2).map((point) => point.execution)).toEqual([2, 4, 5]);
  });

  it('marks the tier of each execution, stepping down at a promotion and up at a demotion', () => {
    let record = play(newTrustRecord('f', 'n', 'fp', 's', T0), 'a'.repeat(25));
    record = promote(record, { by: 'Lead', at: T0 });
    record = play(record, '.a.r.');
    const tiers = series(record, 5).map((point) => point.tier);
    expect(tiers.slice(0, 25).every((tier) => tier === 1)).toBe(true);
    expect(tiers.slice(25)).toEqual([0.5, 0.5, 0.5, 0.5, 1]);
  });

  it('keeps counting executions from where a trimmed history starts', () => {
    const record = play(newTrustRecord('f', 'n', 'fp', 's', T0), '.'.repeat(5100));
    expect(record.trimmedExecutions).toBe(100); // 5,100 executions + created = 5,101 events; 101 dropped, the first being 'created'
    const points = series(record, 10);
    expect(points[0]?.execution).toBe(101);
    expect(points.at(-1)?.execution).toBe(5100);
    expect(points[0]?.tier).toBe(1);
  });

  it('refuses a window below 1', () => {
    expect(() => series(newTrustRecord('f', 'n', 'fp', 's', T0), 0)).toThrow(RangeError);
  });
});
