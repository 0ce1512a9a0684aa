import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewsForZeroDefects } from './stats';
import { PROMOTION_STEPS, isTier, recommendation, tierLabel, type Evidence, type Tier } from './tiers';

function clean(n: number): Evidence {
  return { reviewed: n, approvedAsIs: n, edited: 0, rejected: 0 };
}

function plus(evidence: Evidence, k: number): Evidence {
  return { ...evidence, reviewed: evidence.reviewed + k, approvedAsIs: evidence.approvedAsIs + k };
}

describe('the promotion table', () => {
  it('steps 100% -> 50% -> 20% -> 5% -> 2% with the agreed bounds', () => {
    expect(PROMOTION_STEPS.map((row) => [row.from, row.to, row.minLowerBound])).toEqual([
      [1, 0.5, 0.9],
      [0.5, 0.2, 0.95],
      [0.2, 0.05, 0.98],
      [0.05, 0.02, 0.99],
    ]);
  });

  it('brackets the allowed defect rate for the SPRT: p0 = half, p1 = twice', () => {
    for (const row of PROMOTION_STEPS) {
      expect(row.p0).toBeCloseTo((1 - row.minLowerBound) / 2, 12);
      expect(row.p1).toBeCloseTo((1 - row.minLowerBound) * 2, 12);
    }
  });

  it('sets the last two review floors to the exact zero-defect counts', () => {
    expect(PROMOTION_STEPS[2]?.minReviewed).toBe(reviewsForZeroDefects(0.02));
    expect(PROMOTION_STEPS[3]?.minReviewed).toBe(reviewsForZeroDefects(0.01));
    expect(PROMOTION_STEPS[3]?.minReviewed).toBe(299);
  });

  it('labels tiers', () => {
    expect(([1, 0.5, 0.2, 0.05, 0.02, 0] as Tier[]).map(tierLabel)).toEqual(['100%', '50%', '20%', '5%', '2% (audit floor)', 'autonomous']);
    expect(isTier(0.05)).toBe(true);
    expect(isTier(0.1)).toBe(false);
    expect(isTier('1')).toBe(false);
  });
});

describe('recommendation', () => {
  it('needs 25 clean reviews for the first promotion, and says how many are missing', () => {
    const none = recommendation({ tier: 1, evidence: clean(0) });
    expect(none).toMatchObject({ nextTier: 0.5, eligible: false, lowerBound: 0, needed: { reviews: 25, text: '25 more reviews without a defect for 50% review.' } });
    expect(recommendation({ tier: 1, evidence: clean(13) }).needed).toEqual({ reviews: 12, text: '12 more reviews without a defect for 50% review.' });
    expect(recommendation({ tier: 1, evidence: clean(24) }).needed.text).toBe('1 more review without a defect for 50% review.');
    const ready = recommendation({ tier: 1, evidence: clean(25) });
    expect(ready.eligible).toBe(true);
    expect(ready.needed.reviews).toBe(0);
    expect(ready.lowerBound).toBeCloseTo(0.9023465, 6);
    expect(ready.needed.text).toBe('Ready for 50% review: 25 reviewed, at least 90.2% approved as-is (95% confidence; 90.0% needed).');
  });

  it('counts cumulative evidence: from 50% the bound needs 52 clean, from 20% the floor needs 149, from 5% 299', () => {
    expect(recommendation({ tier: 0.5, evidence: clean(25), sinceTier: clean(0) }).needed.reviews).toBe(27);
    expect(recommendation({ tier: 0.5, evidence: clean(52), sinceTier: clean(27) }).eligible).toBe(true);
    expect(recommendation({ tier: 0.5, evidence: clean(51) }).eligible).toBe(false);
    expect(recommendation({ tier: 0.2, evidence: clean(52) }).needed.reviews).toBe(149 - 52);
    expect(recommendation({ tier: 0.2, evidence: clean(148) }).eligible).toBe(false);
    expect(recommendation({ tier: 0.2, evidence: clean(149) }).eligible).toBe(true);
    expect(recommendation({ tier: 0.05, evidence: clean(298) }).eligible).toBe(false);
    expect(recommendation({ tier: 0.05, evidence: clean(299) })).toMatchObject({ eligible: true, nextTier: 0.02 });
  });

  it('counts edits and rejections as defects', () => {
    const edited: Evidence = { reviewed: 25, approvedAsIs: 24, edited: 1, rejected: 0 };
    const rejected: Evidence = { reviewed: 25, approvedAsIs: 24, edited: 0, rejected: 1 };
    for (const evidence of [edited, rejected]) {
      const rec = recommendation({ tier: 1, evidence });
      expect(rec.eligible).toBe(false);
      expect(rec.lowerBound).toBeCloseTo(0.8391336, 6); // Wilson 24/25, see stats.test.ts
      expect(rec.needed.reviews).toBeGreaterThan(0);
    }
  });

  it('is blocked by the SPRT on a recent run of defects even when the cumulative bound is high', () => {
    const evidence: Evidence = { reviewed: 300, approvedAsIs: 297, edited: 3, rejected: 0 };
    const sinceTier: Evidence = { reviewed: 3, approvedAsIs: 0, edited: 3, rejected: 0 };
    const blocked = recommendation({ tier: 0.5, evidence, sinceTier });
    expect(blocked.lowerBound).toBeGreaterThan(0.95);
    expect(blocked.sprt?.decision).toBe('reject');
    expect(blocked.eligible).toBe(false);
    // LLR 3 ln 4 = 4.1589; each clean review subtracts ln(0.975/0.9) = 0.080043; below ln 19 = 2.9444 after 16
    expect(blocked.needed.reviews).toBe(16);
    expect(blocked.needed.text).toMatch(/^16 more reviews without a defect for 20% review: 3 of the 3 reviews since the step reached 50%/);
    expect(recommendation({ tier: 0.5, evidence: plus(evidence, 16), sinceTier: plus(sinceTier, 16) }).eligible).toBe(true);
    expect(recommendation({ tier: 0.5, evidence: plus(evidence, 15), sinceTier: plus(sinceTier, 15) }).eligible).toBe(false);
    // The same evidence read as all cumulative passes: the SPRT is what blocked it.
    expect(recommendation({ tier: 0.5, evidence }).eligible).toBe(true);
  });

  it("gives the exact count: that many clean reviews qualify, one fewer does not", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Tier>(1, 0.5, 0.2, 0.05),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (tier, approved, edited, rejected) => {
          const evidence: Evidence = { reviewed: approved + edited + rejected, approvedAsIs: approved, edited, rejected };
          const rec = recommendation({ tier, evidence });
          const k = rec.needed.reviews;
          expect(k).toBeDefined();
          if (k === undefined) return;
          expect(rec.eligible).toBe(k === 0);
          expect(recommendation({ tier, evidence: plus(evidence, k) }).eligible).toBe(true);
          if (k > 0) expect(recommendation({ tier, evidence: plus(evidence, k - 1) }).eligible).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('recommends nothing past the audit floor, and never autonomy', () => {
    const floor = recommendation({ tier: 0.02, evidence: clean(5000) });
    expect(floor).toMatchObject({ nextTier: null, eligible: false, step: null, sprt: null });
    expect(floor.needed.reviews).toBeUndefined();
    expect(floor.needed.text).toMatch(/audit floor/);
    expect(recommendation({ tier: 0, evidence: clean(5000) }).needed.text).toMatch(/^Autonomous/);
  });
});
