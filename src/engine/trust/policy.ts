/**
 * The question a review gate asks: does a person see this output? (DESIGN.md, "Review and the
 * trust gradient".) The answer is a `ReviewReason`, kept with the step whether or not anyone
 * reviewed it, so every output that no human saw records why: its tier, the random draw, and the
 * seed that draw came from.
 *
 * Sampling is random so the evidence stays unbiased: the reviewed outputs at a reduced tier are a
 * fair sample of all outputs, not the ones someone found interesting. It is also reproducible:
 * the draw is a hash of the step's seed and a key unique to the output, so anyone can recompute a
 * logged draw and check that the skip was honest, and a resumed run draws the same again.
 */
import { seededUniform } from './hash';
import { tierLabel, type Tier } from './tiers';

/**
 * Why an output was or was not put in front of a person. The one definition: the executor's
 * `ReviewReason` (run/types.ts) re-exports it. Kinds:
 * - full: the step is under 100% review (`rules` lists rules that fired as well, for the card);
 * - forced: rules forced a review at a reduced tier; the draw is still made and kept, so an
 *   estimate can use only the randomly sampled outputs if forced ones would bias it;
 * - sampled / skipped: the draw against the tier's rate.
 */
export type ReviewReason =
  | { kind: 'full'; rules?: string[] }
  | { kind: 'forced'; rules: string[]; rate?: number; draw?: number; seed?: string }
  | { kind: 'sampled'; rate: number; draw: number; seed: string }
  | { kind: 'skipped'; rate: number; draw: number; seed: string };

export interface ReviewQuestion {
  /** The step's current tier: the share of outputs a person reviews. */
  tier: Tier;
  /** The step's sampling seed (kept on its trust record). */
  seed: string;
  /** Unique to this output, e.g. `sampleKey(runId, gateNodeId, visit)`. */
  key: string;
  /** Reasons of the rules that force review (`evaluateRules` and the gate's own checks). */
  forced?: readonly string[];
}

/** The key of one gate visit in one run: what makes an output's draw its own. */
export function sampleKey(runId: string, gateNodeId: string, visit: number): string {
  return `${runId}:${gateNodeId}:${visit}`;
}

/** The draw for an output: uniform in [0, 1), the same for the same seed and key. */
export function reviewDraw(seed: string, key: string): number {
  return seededUniform(seed, key);
}

/**
 * Decides whether a person reviews one output. Rules always force review, at every tier
 * (autonomous included); otherwise a draw below the tier's rate is sampled for review.
 */
export function decideReview(question: ReviewQuestion): ReviewReason {
  const { tier, seed, key } = question;
  if (!(tier >= 0 && tier <= 1)) throw new RangeError(`decideReview: the tier must be a rate between 0 and 1, got ${tier}`);
  const forced = [...(question.forced ?? [])];
  if (tier === 1) return forced.length > 0 ? { kind: 'full', rules: forced } : { kind: 'full' };
  const draw = reviewDraw(seed, key);
  if (forced.length > 0) return { kind: 'forced', rules: forced, rate: tier, draw, seed };
  return draw < tier ? { kind: 'sampled', rate: tier, draw, seed } : { kind: 'skipped', rate: tier, draw, seed };
}

/** Whether the reason puts the output in front of a person. */
export function needsReview(reason: ReviewReason): boolean {
  return reason.kind !== 'skipped';
}

function rate(value: number): string {
  return value === 0 ? 'autonomous' : `${tierLabel(value as Tier).replace(' (audit floor)', '')} review`;
}

/** The reason in plain English, for the review card and the step's record. */
export function reviewReasonText(reason: ReviewReason): string {
  switch (reason.kind) {
    case 'full':
      return reason.rules && reason.rules.length > 0 ? `Full review (100%); rules also fired: ${reason.rules.join('; ')}` : 'Full review (100%)';
    case 'forced':
      return `Forced by ${reason.rules.length === 1 ? 'a rule' : `${reason.rules.length} rules`}: ${reason.rules.join('; ')}`;
    case 'sampled':
      return `Sampled at ${rate(reason.rate)}: draw ${reason.draw.toFixed(4)} < ${reason.rate} (seed ${reason.seed})`;
    case 'skipped':
      return `Not reviewed: the step is at ${rate(reason.rate)} and the draw ${reason.draw.toFixed(4)} was not below ${reason.rate} (seed ${reason.seed})`;
  }
}
