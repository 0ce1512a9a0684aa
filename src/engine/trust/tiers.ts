/**
 * Review tiers and what a step must show to move down one (DESIGN.md, "Review and the trust
 * gradient"). A tier is the share of a step's outputs a person reviews: 100% -> 50% -> 20% ->
 * 5% -> the 2% audit floor. Evidence only ever recommends; a person clicks to promote. 0
 * ("autonomous") is never recommended: only a person's explicit setting puts a step there.
 *
 * Evidence is what reviewers decided at the step's current configuration fingerprint. An output
 * approved as it was is a success; one edited before approval, or rejected, is a defect. A step
 * qualifies for the next tier when it has enough reviews, the one-sided 95% Wilson lower bound on
 * its as-is rate reaches the step's threshold, and an SPRT on its defects since it entered the
 * current tier has not decided that the defect rate is too high.
 */
import { sprt, wilsonLowerBound, type SprtResult } from './stats';

/** Review rates, from full review down to the audit floor, then autonomous (set by hand only). */
export type Tier = 1 | 0.5 | 0.2 | 0.05 | 0.02 | 0;

/** The tiers evidence can reach, in promotion order. */
export const REVIEW_TIERS: readonly Tier[] = [1, 0.5, 0.2, 0.05, 0.02];
export const FULL_REVIEW: Tier = 1;
/** The lowest rate evidence can earn: some outputs are always audited. */
export const AUDIT_FLOOR: Tier = 0.02;
/** No sampled review at all (rules still force review). Only a person sets it, and it is recorded. */
export const AUTONOMOUS: Tier = 0;

export const ALL_TIERS: readonly Tier[] = [...REVIEW_TIERS, AUTONOMOUS];

export function isTier(value: unknown): value is Tier {
  return typeof value === 'number' && (ALL_TIERS as readonly number[]).includes(value);
}

/** "100%", "5%", "2% (audit floor)", "autonomous". */
export function tierLabel(tier: Tier): string {
  if (tier === AUTONOMOUS) return 'autonomous';
  const percent = `${Math.round(tier * 1000) / 10}%`;
  return tier === AUDIT_FLOOR ? `${percent} (audit floor)` : percent;
}

/** What reviewers decided at the current fingerprint. reviewed = approvedAsIs + edited + rejected. */
export interface Evidence {
  reviewed: number;
  approvedAsIs: number;
  /** Edited, then approved: a defect (the step's output was not good enough as it was). */
  edited: number;
  rejected: number;
}

export const NO_EVIDENCE: Evidence = Object.freeze({ reviewed: 0, approvedAsIs: 0, edited: 0, rejected: 0 });

export function defectsOf(evidence: Evidence): number {
  return evidence.reviewed - evidence.approvedAsIs;
}

export interface PromotionStep {
  from: Tier;
  to: Tier;
  /** Reviews needed at the current fingerprint, whatever the bound says. */
  minReviewed: number;
  /** The one-sided lower confidence bound on the as-is rate must reach this. */
  minLowerBound: number;
  /** SPRT: a defect rate at or below p0 is fine... */
  p0: number;
  /** ...one at or above p1 is not; an SPRT 'reject' blocks the promotion. */
  p1: number;
}

/** Confidence of the Wilson bound; alpha and beta of the SPRT. */
export const PROMOTION_CONFIDENCE = 0.95;
export const SPRT_ALPHA = 0.05;
export const SPRT_BETA = 0.05;

function step(from: Tier, to: Tier, minReviewed: number, minLowerBound: number): PromotionStep {
  const defectRate = 1 - minLowerBound;
  return { from, to, minReviewed, minLowerBound, p0: defectRate / 2, p1: defectRate * 2 };
}

/**
 * The thresholds, one row per promotion. The SPRT brackets the defect rate the bound allows:
 * p0 = half of it, p1 = twice it.
 *
 * With no defects the bound alone needs 25, 52, 133 and 268 reviews (n >= z² L / (1 - L)).
 * The floors of the first two steps never bind at 95% (they keep the table sane if the confidence
 * is lowered); a mistaken promotion there is still seen soon, as 20-50% of outputs are reviewed.
 * The last two floors are the exact (Clopper–Pearson) zero-defect counts for the defect rate the
 * step allows (`reviewsForZeroDefects(0.02)` = 149, `(0.01)` = 299), because at 5% and 2% review
 * a bad promotion goes unnoticed longest: "about 300 reviews show a defect rate under 1%".
 */
export const PROMOTION_STEPS: readonly PromotionStep[] = [
  step(1, 0.5, 25, 0.9),
  step(0.5, 0.2, 50, 0.95),
  step(0.2, 0.05, 149, 0.98),
  step(0.05, 0.02, 299, 0.99),
];

export function promotionStepFrom(tier: Tier): PromotionStep | null {
  return PROMOTION_STEPS.find((candidate) => candidate.from === tier) ?? null;
}

export interface Recommendation {
  /** The tier the step is at. */
  tier: Tier;
  /** The tier evidence could earn next; null at the audit floor or when autonomous. */
  nextTier: Tier | null;
  /** The evidence meets every requirement of the next step: a person may promote. */
  eligible: boolean;
  /** One-sided 95% Wilson lower bound on the as-is approval rate (0 without evidence). */
  lowerBound: number;
  /** The SPRT on the defect rate since the current tier, for the next step; null when there is none. */
  sprt: SprtResult | null;
  /** The requirements of the next step; null when there is none. */
  step: PromotionStep | null;
  needed: {
    /** How many more reviews without a defect would meet every requirement (0 when eligible). */
    reviews?: number;
    /** The same in plain English, for the Trust page. */
    text: string;
  };
}

/** The most clean reviews `needed` will count to; beyond it the text says so instead. */
const MAX_COUNTED = 10_000_000;

/** The evidence a recommendation reads: cumulative at the fingerprint, and since the current tier. */
export interface TierEvidence {
  tier: Tier;
  /** Everything reviewed at the current fingerprint: the Wilson bound and the review floor read it. */
  evidence: Evidence;
  /**
   * Reviewed since the step entered its current tier (at this fingerprint); the SPRT reads it.
   * Absent: `evidence`. Why a second count: cumulative evidence dilutes a recent slip (a step
   * with 300 clean reviews at 100% still has a high bound after a run of edits at 20%), while a
   * sequential test on what happened since the last change is exactly the tool that notices it.
   * On cumulative evidence the SPRT could never block: with p0 = d/2 and p1 = 2d it only rejects
   * above a defect rate of about 1.08 d, and the bound passes only below d.
   */
  sinceTier?: Evidence;
}

function meets(stepRow: PromotionStep, evidence: Evidence, sinceTier: Evidence, clean = 0): { ok: boolean; bound: number; test: SprtResult } {
  const reviewed = evidence.reviewed + clean;
  const bound = wilsonLowerBound(evidence.approvedAsIs + clean, reviewed, PROMOTION_CONFIDENCE);
  const test = sprt({ defects: defectsOf(sinceTier), n: sinceTier.reviewed + clean, p0: stepRow.p0, p1: stepRow.p1, alpha: SPRT_ALPHA, beta: SPRT_BETA });
  const ok = reviewed >= stepRow.minReviewed && bound >= stepRow.minLowerBound && test.decision !== 'reject';
  return { ok, bound, test };
}

/**
 * The fewest further defect-free reviews after which every requirement holds, or null past
 * MAX_COUNTED. Each clean review raises the bound and lowers the SPRT statistic, so the
 * requirement is monotone in the count: a doubling search, then bisection.
 */
function cleanReviewsNeeded(stepRow: PromotionStep, evidence: Evidence, sinceTier: Evidence): number | null {
  const holds = (k: number) => meets(stepRow, evidence, sinceTier, k).ok;
  if (holds(0)) return 0;
  let hi = 1;
  while (!holds(hi)) {
    if (hi >= MAX_COUNTED) return null;
    hi = Math.min(hi * 2, MAX_COUNTED);
  }
  let lo = hi === 1 ? 0 : hi / 2; // holds(lo) is false
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** A bound rounded down (never claim more than shown), or a threshold as written. */
function percent(value: number, round: 'down' | 'nearest' = 'down'): string {
  const tenths = round === 'down' ? Math.floor(value * 1000 + 1e-9) : Math.round(value * 1000);
  return `${(tenths / 10).toFixed(1)}%`;
}

function neededText(stepRow: PromotionStep, evidence: Evidence, sinceTier: Evidence, reviews: number | null, now: { bound: number; test: SprtResult }): string {
  const target = tierLabel(stepRow.to);
  if (reviews === 0) {
    return `Ready for ${target} review: ${evidence.reviewed} reviewed, at least ${percent(now.bound)} approved as-is (95% confidence; ${percent(stepRow.minLowerBound, 'nearest')} needed).`;
  }
  if (reviews === null) {
    return `Too many defects for ${target} review: ${defectsOf(evidence)} of ${evidence.reviewed} reviews were edited or rejected.`;
  }
  const more = `${reviews} more review${reviews === 1 ? '' : 's'} without a defect for ${target} review`;
  if (now.test.decision !== 'reject') return `${more}.`;
  return `${more}: ${defectsOf(sinceTier)} of the ${sinceTier.reviewed} reviews since the step reached ${tierLabel(stepRow.from)} were edited or rejected, too many for the sequential test.`;
}

/**
 * What the evidence supports for a step at `tier`: the next tier, whether a person may promote
 * to it now, and if not, how far off it is.
 */
export function recommendation(record: TierEvidence): Recommendation {
  const { tier, evidence } = record;
  const sinceTier = record.sinceTier ?? evidence;
  const lowerBound = wilsonLowerBound(evidence.approvedAsIs, evidence.reviewed, PROMOTION_CONFIDENCE);
  const stepRow = promotionStepFrom(tier);
  if (!stepRow) {
    const text =
      tier === AUTONOMOUS
        ? 'Autonomous, by a person’s choice: outputs are reviewed only when a rule forces it.'
        : 'At the audit floor (2%): the lowest rate evidence can earn. Only a person can make the step autonomous.';
    return { tier, nextTier: null, eligible: false, lowerBound, sprt: null, step: null, needed: { text } };
  }
  const now = meets(stepRow, evidence, sinceTier);
  const reviews = now.ok ? 0 : cleanReviewsNeeded(stepRow, evidence, sinceTier);
  return {
    tier,
    nextTier: stepRow.to,
    eligible: now.ok,
    lowerBound,
    sprt: now.test,
    step: stepRow,
    needed: { ...(reviews === null ? {} : { reviews }), text: neededText(stepRow, evidence, sinceTier, reviews, now) },
  };
}
