/**
 * How validation results are shown, as plain data: the attempts of an output (a revise loop makes
 * several), each with its layers in order (structure, privacy, judge, grounding, quality, human), the layer
 * that caught it, and short words for outcomes, scores and costs. The components in this folder
 * render what these return.
 */
import { LAYER_TITLES, VERDICT_LAYERS, caughtBy, latestVerdicts, verdictsByAttempt, type Verdict, type VerdictFinding, type VerdictStatus } from '../../engine/validation';
import { formatCost, formatDuration, formatTokens } from '../runs/format';

/** One row of an attempt: a verdict, or a validator that checked another attempt but not this one. */
export type LayerRow = { kind: 'verdict'; verdict: Verdict; caught: boolean } | { kind: 'not_reached'; template: Verdict };

export interface AttemptView {
  attempt: number;
  /** The rows in layer order (then step order, then the order given). */
  rows: LayerRow[];
  /** The verdict that caught this attempt (first failing among each validator's latest), or null. */
  caught: Verdict | null;
  /** "Caught by Grounding: 1 unsupported claim", "Passed every layer (3 checks)". */
  summary: string;
}

const LAYER_ORDER = new Map<string, number>(VERDICT_LAYERS.map((layer, i) => [layer, i]));
const validatorKey = (v: Pick<Verdict, 'nodeId' | 'validator'>) => `${v.nodeId}|${v.validator}`;

function byLayer(a: Verdict, b: Verdict): number {
  return (LAYER_ORDER.get(a.layer) ?? 99) - (LAYER_ORDER.get(b.layer) ?? 99) || a.stepIndex - b.stepIndex || (a.iteration ?? 0) - (b.iteration ?? 0) || a.at - b.at;
}

export const STATUS_WORDS: Readonly<Record<VerdictStatus, string>> = { pass: 'Pass', fail: 'Fail', error: 'Error', skipped: 'Skipped' };
/** Shapes as well as colours tell statuses apart. */
export const STATUS_ICONS: Readonly<Record<VerdictStatus | 'not_reached', string>> = { pass: '✓', fail: '✕', error: '!', skipped: '–', not_reached: '·' };

/** What a verdict found, in a few words: its label, else its explanation. */
export function verdictDetail(verdict: Pick<Verdict, 'label' | 'explanation'>): string {
  return verdict.label ?? verdict.explanation;
}

/** "Caught by Grounding: 1 unsupported claim" (an error: "Caught by Quality API (could not check): HTTP 503"). */
export function caughtText(verdict: Verdict): string {
  const detail = verdictDetail(verdict);
  return `Caught by ${LAYER_TITLES[verdict.layer]}${verdict.status === 'error' ? ' (could not check)' : ''}${detail ? `: ${detail}` : ''}`;
}

function passedText(verdicts: readonly Verdict[]): string {
  const latest = latestVerdicts(verdicts);
  const checked = latest.filter((v) => v.status === 'pass').length;
  const skipped = latest.length - checked;
  if (checked === 0) return 'No layer checked it';
  return `Passed every layer (${checked} check${checked === 1 ? '' : 's'}${skipped > 0 ? `, ${skipped} skipped` : ''})`;
}

/** The attempts of an output, oldest first, each with its layers in order and what caught it. */
export function attemptViews(verdicts: readonly Verdict[]): AttemptView[] {
  const groups = verdictsByAttempt(verdicts);
  // Every validator seen in any attempt, so an attempt shows the layers it never reached.
  const validators = new Map<string, Verdict>();
  for (const group of groups) for (const verdict of group.verdicts) if (!validators.has(validatorKey(verdict))) validators.set(validatorKey(verdict), verdict);
  return groups.map(({ attempt, verdicts: list }) => {
    const caught = caughtBy(latestVerdicts(list));
    const seen = new Set(list.map(validatorKey));
    const missing = [...validators.values()].filter((v) => !seen.has(validatorKey(v)));
    const rows: LayerRow[] = [
      ...list.map((verdict): LayerRow => ({ kind: 'verdict', verdict, caught: verdict === caught })),
      ...missing.map((template): LayerRow => ({ kind: 'not_reached', template })),
    ].sort((a, b) => byLayer(rowVerdict(a), rowVerdict(b)));
    return { attempt, rows, caught, summary: caught ? caughtText(caught) : passedText(list) };
  });
}

export function rowVerdict(row: LayerRow): Verdict {
  return row.kind === 'verdict' ? row.verdict : row.template;
}

/** A score as people write it: integers as they are, fractions with at most two decimals. */
export function formatScore(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/**
 * "score 4 · threshold 7", "score 0.67", or null without a score, or when the label already
 * says both ("score 8 of 10 (needs 7)").
 */
export function scoreText(verdict: Pick<Verdict, 'score' | 'threshold' | 'label'>): string | null {
  const said = (n: number | null) => n === null || new RegExp(`(^|[^\\d.])${formatScore(n).replace('.', '\\.')}($|[^\\d.])`).test(verdict.label ?? '');
  if (verdict.label && verdict.score !== null && said(verdict.score) && said(verdict.threshold)) return null;
  if (verdict.score === null) return verdict.threshold === null ? null : `threshold ${formatScore(verdict.threshold)}`;
  return `score ${formatScore(verdict.score)}${verdict.threshold !== null ? ` · threshold ${formatScore(verdict.threshold)}` : ''}`;
}

/** "1.2 s · 340 tokens · $0.0004": what the check took (tokens and cost only when a model was called). */
export function metricsText(verdict: Pick<Verdict, 'latencyMs' | 'inputTokens' | 'outputTokens' | 'costUsd'>): string {
  const tokens = verdict.inputTokens + verdict.outputTokens;
  return [formatDuration(verdict.latencyMs), tokens > 0 ? `${formatTokens(tokens)} tokens` : null, verdict.costUsd !== null ? formatCost(verdict.costUsd) : null].filter(Boolean).join(' · ');
}

/** A step's chip: "Judge: fail · 4 vs 7", "Grounding: pass", "Structure: fail (reply 2)". */
export function chipText(verdict: Verdict): string {
  const score = verdict.score !== null ? ` · ${formatScore(verdict.score)}${verdict.threshold !== null ? ` vs ${formatScore(verdict.threshold)}` : ''}` : '';
  const reply = verdict.iteration !== undefined && verdict.iteration > 1 ? ` (reply ${verdict.iteration})` : '';
  return `${LAYER_TITLES[verdict.layer]}: ${STATUS_WORDS[verdict.status].toLowerCase()}${score}${reply}`;
}

/** The verdicts a step's chips show: each validator's latest in the step's latest visit, people's decisions left out. */
export function chipVerdicts(verdicts: readonly Verdict[] | undefined): Verdict[] {
  if (!verdicts?.length) return [];
  return latestVerdicts(verdicts).filter((v) => v.layer !== 'human');
}

/**
 * One line on a run's validation for the editor's run panel: what caught the latest attempt, or
 * what caught the earlier ones and that the latest passed. Null when the run has no verdicts.
 */
export function runValidationLine(verdicts: readonly Verdict[]): string | null {
  const attempts = attemptViews(verdicts);
  const latest = attempts.at(-1);
  if (!latest) return null;
  const many = attempts.length > 1;
  if (latest.caught) return many ? `Attempt ${latest.attempt} of ${attempts.length}: ${lowerFirst(latest.summary)}.` : `${latest.summary}.`;
  const earlier = attempts.filter((a) => a.caught);
  if (earlier.length === 0) return `${latest.summary}.`;
  const caught = earlier.map((a) => `${LAYER_TITLES[(a.caught as Verdict).layer]} on attempt ${a.attempt}`).join(', ');
  return `Caught by ${caught}; attempt ${latest.attempt} ${lowerFirst(latest.summary)}.`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The failing findings of a verdict that point into the checked text. */
export function spanFindings(verdict: Verdict): VerdictFinding[] {
  return verdict.findings.filter((f) => f.severity === 'fail' && f.span);
}

/** The newest attempt's failing verdicts (each validator's latest) that flagged text: what to mark in the output a person reviews. */
export function newestFlagging(verdicts: readonly Verdict[] | undefined): Verdict[] {
  const newest = verdictsByAttempt(verdicts ?? []).at(-1);
  if (!newest) return [];
  return latestVerdicts(newest.verdicts).filter((v) => v.status !== 'pass' && spanFindings(v).length > 0);
}
