/**
 * The Trust page in words: tiers, rates, what a step needs for its next tier, its tier changes,
 * and a summary of its chart (the text alternative of the SVG).
 */
import { AUDIT_FLOOR, AUTONOMOUS, tierLabel, type Recommendation, type SeriesPoint, type Tier, type TrustEvent } from '../../engine/trust';

/** "100%", "50%", "2% (audit floor)", "Autonomous". */
export function tierText(tier: Tier): string {
  return tier === AUTONOMOUS ? 'Autonomous' : tierLabel(tier);
}

/** The classes of a tier's pill: full review, reduced, or autonomous. */
export function tierPillClass(tier: Tier): string {
  return `status-pill trust-tier-${tier === 1 ? 'full' : tier === AUTONOMOUS ? 'none' : 'reduced'}`;
}

/** A short tier name for buttons and pills: "50%", "2%", "autonomous". */
export function tierShort(tier: Tier): string {
  return tier === AUTONOMOUS ? 'autonomous' : `${Math.round(tier * 1000) / 10}%`;
}

/** A share as a percentage with one decimal at most: 0.8912 -> "89.1%", 1 -> "100%". */
export function percent(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}

/** A lower bound rounded down, never claiming more than the evidence shows: 0.8918 -> "89.1%". */
export function boundText(value: number): string {
  return `${(Math.floor(value * 1000 + 1e-9) / 10).toFixed(1)}%`;
}

/** What the step needs next, briefly, for the overview table. */
export function nextStepText(rec: Recommendation): string {
  if (rec.nextTier === null) return rec.tier === AUTONOMOUS ? 'Autonomous by a person’s choice' : 'At the audit floor';
  if (rec.eligible) return `Ready for ${tierShort(rec.nextTier)} review: a person can promote it`;
  return rec.needed.text.replace(/\.$/, '');
}

export function tierChangeText(event: TrustEvent): string {
  const from = event.from === undefined ? '' : tierText(event.from);
  const to = event.to === undefined ? '' : tierText(event.to);
  switch (event.kind) {
    case 'created':
      return `Started at ${to} review`;
    case 'promoted':
      return `Promoted from ${from} to ${to}`;
    case 'demoted':
      return `Demoted from ${from} to ${to}`;
    case 'set_by_hand':
      return `Set by hand from ${from} to ${to}`;
    case 'reset_fingerprint':
      return `Configuration changed: ${from} → ${to}`;
    default:
      return event.kind;
  }
}

/** Who made a tier change; automatic ones say what did. */
export function tierChangeWho(event: TrustEvent): string {
  if (event.by) return event.by;
  if (event.kind === 'demoted') return 'Automatic (a rejection)';
  if (event.kind === 'reset_fingerprint') return 'Automatic (configuration change)';
  return 'Automatic';
}

/** The chart in one paragraph: how many executions, the review rate now and at the start, the defect rate; `tier` is the step's tier now. */
export function chartSummary(points: readonly SeriesPoint[], window: number, tier: Tier): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'No executions yet: the chart starts with the step’s first output at its gate.';
  const defects = points.filter((p) => p.defectRate !== null);
  const lastDefect = defects.at(-1);
  const worst = defects.reduce((max, p) => Math.max(max, p.defectRate ?? 0), 0);
  const span = first.execution === last.execution ? `execution ${last.execution}` : `executions ${first.execution} to ${last.execution}`;
  const review =
    first.reviewRate === last.reviewRate ? `the review rate stayed at ${percent(last.reviewRate)}` : `the review rate went from ${percent(first.reviewRate)} to ${percent(last.reviewRate)}`;
  const parts = [
    `Over ${span}, each point covering the last ${window} executions or fewer: ${review} (the step is at ${tierText(tier)} now).`,
    lastDefect ? `The defect rate (edited or rejected among decisions) is ${percent(lastDefect.defectRate ?? 0)} in the latest window with decisions, at most ${percent(worst)}.` : 'No decisions yet, so no defect rate.',
  ];
  return parts.join(' ');
}

/** The tier a by-hand setting may choose, labelled for the select. */
export const HAND_TIERS: readonly { tier: Tier; label: string }[] = [
  { tier: 1, label: '100% (full review)' },
  { tier: 0.5, label: '50%' },
  { tier: 0.2, label: '20%' },
  { tier: 0.05, label: '5%' },
  { tier: AUDIT_FLOOR, label: '2% (audit floor)' },
  { tier: AUTONOMOUS, label: 'Autonomous (rules only)' },
];
