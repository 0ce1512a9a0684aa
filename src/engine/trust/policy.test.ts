import { describe, expect, it } from 'vitest';
import { decideReview, needsReview, reviewDraw, reviewReasonText, sampleKey, type ReviewReason } from './policy';
import type { Tier } from './tiers';

function sampleRate(tier: Tier, seed: string, n: number): number {
  let reviewed = 0;
  for (let i = 0; i < n; i += 1) if (needsReview(decideReview({ tier, seed, key: sampleKey(`run-${i}`, 'gate', 0) }))) reviewed += 1;
  return reviewed / n;
}

describe('decideReview', () => {
  it('reviews everything at 100%, saying so', () => {
    for (let i = 0; i < 100; i += 1) expect(decideReview({ tier: 1, seed: 's', key: `k${i}` })).toEqual({ kind: 'full' });
    expect(decideReview({ tier: 1, seed: 's', key: 'k', forced: ['priority equals "urgent"'] })).toEqual({ kind: 'full', rules: ['priority equals "urgent"'] });
  });

  it('samples 10,000 outputs at 20% within 1.5 percentage points, for several seeds', () => {
    for (const seed of ['a1b2c3', 'seed-2', '0']) {
      expect(Math.abs(sampleRate(0.2, seed, 10_000) - 0.2)).toBeLessThan(0.015);
    }
    expect(Math.abs(sampleRate(0.05, 'a1b2c3', 10_000) - 0.05)).toBeLessThan(0.01);
    expect(Math.abs(sampleRate(0.5, 'a1b2c3', 10_000) - 0.5)).toBeLessThan(0.015);
  });

  it('never samples when autonomous', () => {
    expect(sampleRate(0, 'a1b2c3', 2_000)).toBe(0);
  });

  it('gives the same draw and decision for the same seed and key, and a logged draw can be checked', () => {
    const first = decideReview({ tier: 0.2, seed: 'abc', key: 'run-7:gate:1' });
    expect(decideReview({ tier: 0.2, seed: 'abc', key: 'run-7:gate:1' })).toEqual(first);
    if (first.kind !== 'sampled' && first.kind !== 'skipped') throw new Error(`expected a draw, got ${first.kind}`);
    expect(first.draw).toBe(reviewDraw('abc', 'run-7:gate:1'));
    expect(first.kind).toBe(first.draw < 0.2 ? 'sampled' : 'skipped');
    expect(first).toMatchObject({ rate: 0.2, seed: 'abc' });
  });

  it('selects different outputs under different seeds', () => {
    const picks = (seed: string) => Array.from({ length: 200 }, (_, i) => needsReview(decideReview({ tier: 0.5, seed, key: `k${i}` })));
    expect(picks('one')).not.toEqual(picks('two'));
  });

  it('always reviews when a rule forced it, at every tier, and keeps the draw', () => {
    for (const tier of [0.5, 0.2, 0.05, 0.02, 0] as Tier[]) {
      for (let i = 0; i < 200; i += 1) {
        const reason = decideReview({ tier, seed: 's', key: `k${i}`, forced: ['score lt 0.5'] });
        expect(reason).toMatchObject({ kind: 'forced', rules: ['score lt 0.5'], rate: tier, seed: 's', draw: reviewDraw('s', `k${i}`) });
        expect(needsReview(reason)).toBe(true);
      }
    }
  });

  it('refuses a rate outside [0, 1]', () => {
    expect(() => decideReview({ tier: 1.5 as Tier, seed: 's', key: 'k' })).toThrow(RangeError);
  });
});

describe('needsReview and reviewReasonText', () => {
  const reasons: [ReviewReason, boolean, string][] = [
    [{ kind: 'full' }, true, 'Full review (100%)'],
    [{ kind: 'forced', rules: ['priority equals "urgent"'] }, true, 'Forced by a rule: priority equals "urgent"'],
    [{ kind: 'sampled', rate: 0.2, draw: 0.1, seed: 'x' }, true, 'Sampled at 20% review: draw 0.1000 < 0.2 (seed x)'],
    [{ kind: 'skipped', rate: 0.02, draw: 0.5, seed: 'x' }, false, 'Not reviewed: the step is at 2% review and the draw 0.5000 was not below 0.02 (seed x)'],
  ];
  it.each(reasons)('%j -> review %s, "%s"', (reason, review, text) => {
    expect(needsReview(reason)).toBe(review);
    expect(reviewReasonText(reason)).toBe(text);
  });
});
