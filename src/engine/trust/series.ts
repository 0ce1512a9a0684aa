/**
 * The chart on the Trust page: how often a step's outputs were reviewed, and how often reviewed
 * outputs were defective, over its executions. Computed from the record's event history over a
 * sliding window of executions, so a step that slips shows a rising defect line, and the review
 * line steps down at each promotion and jumps back up at a demotion or reset.
 */
import type { TrustRecord } from './record';
import type { Tier } from './tiers';

export interface SeriesPoint {
  /** The execution the window ends at, counted over the step's whole life (1-based). */
  execution: number;
  /** Share of the window's executions that a person was asked to review. */
  reviewRate: number;
  /** Share of the decisions made during the window that were edits or rejections; null without decisions. */
  defectRate: number | null;
  /** Decisions made during the window (for weighting or hiding thin points). */
  decisions: number;
  /** The tier the step was at for the window's last execution. */
  tier: Tier;
}

const TIER_CHANGES = new Set(['created', 'promoted', 'demoted', 'set_by_hand', 'reset_fingerprint']);

/**
 * One point per execution in the retained history (every `every`-th, to thin a long history),
 * each over the window of the last `bucket` executions up to it (fewer at the start).
 * A decision counts in the window of the execution that was the latest when it was made;
 * decisions older than the first retained execution are left out.
 */
export function series(record: TrustRecord, bucket: number, every = 1): SeriesPoint[] {
  if (!Number.isInteger(bucket) || bucket < 1) throw new RangeError(`series: the window must be a whole number >= 1, got ${bucket}`);
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`series: every must be a whole number >= 1, got ${every}`);
  const firstChange = record.history.find((event) => TIER_CHANGES.has(event.kind) && event.from !== undefined);
  let tier: Tier = firstChange?.from ?? record.tier;
  // Prefix sums over executions: reviewed outputs, decisions and defects up to each one.
  const reviewed = [0];
  const decisions = [0];
  const defects = [0];
  const tiers: Tier[] = [];
  for (const event of record.history) {
    if (TIER_CHANGES.has(event.kind) && event.to !== undefined) tier = event.to;
    const last = reviewed.length - 1;
    if (event.kind === 'execution') {
      reviewed.push((reviewed[last] as number) + (event.reviewed ? 1 : 0));
      decisions.push(decisions[last] as number);
      defects.push(defects[last] as number);
      tiers.push(tier);
    } else if (event.kind === 'decision' && last > 0) {
      decisions[last] = (decisions[last] as number) + 1;
      if (event.defect) defects[last] = (defects[last] as number) + 1;
    }
  }
  const points: SeriesPoint[] = [];
  const count = tiers.length;
  for (let i = 1; i <= count; i += 1) {
    if (i % every !== 0 && i !== count) continue;
    const start = Math.max(0, i - bucket);
    const windowDecisions = (decisions[i] as number) - (decisions[start] as number);
    points.push({
      execution: record.trimmedExecutions + i,
      reviewRate: ((reviewed[i] as number) - (reviewed[start] as number)) / (i - start),
      defectRate: windowDecisions === 0 ? null : ((defects[i] as number) - (defects[start] as number)) / windowDecisions,
      decisions: windowDecisions,
      tier: tiers[i - 1] as Tier,
    });
  }
  return points;
}
