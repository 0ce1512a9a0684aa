/**
 * How spans are named in the trace viewer: a word and a glyph per kind (colour is never the only
 * signal), a status in words (a check's pass/fail, a person's decision, an error, still open),
 * and one line per row for assistive technology.
 */
import type { SpanKind, TraceSpan } from '../../engine/trace/spans';
import { LAYER_TITLES } from '../../engine/validation';
import { formatCost, formatDuration, formatTokens } from '../runs/format';
import { STATUS_ICONS, STATUS_WORDS } from '../validation/layersView';

export const KIND_WORDS: Readonly<Record<SpanKind, string>> = { run: 'Run', step: 'Step', llm: 'Model', tool: 'Tool', validation: 'Check', review: 'Review' };
/** Glyphs beside the words (hidden from assistive technology, which reads the word). */
export const KIND_ICONS: Readonly<Record<SpanKind, string>> = { run: '▶', step: '■', llm: '✦', tool: '⚙\uFE0E', validation: '◇', review: '●' };
/** What the kinds mean, for the legend. */
export const KIND_MEANINGS: Readonly<Record<SpanKind, string>> = {
  run: 'the whole run',
  step: 'a step of the flow (each visit of a loop)',
  llm: 'a call to a model',
  tool: 'a tool an agent called',
  validation: 'a validation layer',
  review: 'an output waiting for a person',
};

export type StatusTone = 'ok' | 'error' | 'warn' | 'muted' | 'active';

export interface SpanStatusText {
  icon: string;
  word: string;
  tone: StatusTone;
}

const DECISIONS: Record<string, string> = { approve: 'Approved', reject: 'Rejected', edit: 'Edited and approved' };

/** The status of a span in words: a check says pass/fail, a review the decision; others ok/error/open. */
export function spanStatusText(span: TraceSpan): SpanStatusText {
  if (span.kind === 'validation' && span.check) {
    const status = span.check.status;
    return { icon: STATUS_ICONS[status], word: STATUS_WORDS[status], tone: status === 'pass' ? 'ok' : status === 'skipped' ? 'muted' : 'error' };
  }
  if (span.kind === 'review') {
    const decision = span.review?.decision;
    if (!decision) return { icon: '…', word: 'Waiting for a person', tone: 'warn' };
    return { icon: decision.action === 'reject' ? '✕' : '✓', word: DECISIONS[decision.action] ?? decision.action, tone: decision.action === 'reject' ? 'error' : 'ok' };
  }
  switch (span.status) {
    case 'ok':
      return { icon: '✓', word: 'OK', tone: 'ok' };
    case 'error':
      return { icon: '✕', word: 'Error', tone: 'error' };
    case 'skipped':
      return { icon: '–', word: 'Skipped', tone: 'muted' };
    case 'waiting':
      return { icon: '…', word: 'Waiting for review', tone: 'warn' };
    default:
      return { icon: '◌', word: 'Running', tone: 'active' };
  }
}

/** The span's duration in words; "3.2 s so far" while open (just "3.2 s" when `short`: the row says it runs). */
export function spanDurationText(span: TraceSpan, now: number, short = false): string {
  if (span.endMs === null) return `${formatDuration(Math.max(0, now - span.startMs))}${short ? '' : ' so far'}`;
  return formatDuration(span.endMs - span.startMs);
}

/** A count in a narrow cell: exact below 10,000, then "159.6k", "2.4M" (exact figures are in the row's name and the details). */
export function compactCount(n: number): string {
  if (n < 10_000) return formatTokens(n);
  if (n < 1_000_000) return `${Number((n / 1000).toFixed(n < 100_000 ? 1 : 0))}k`;
  return `${Number((n / 1_000_000).toFixed(1))}M`;
}

/** Tokens in / out for a row's cell; empty without tokens. */
export function tokensText(span: Pick<TraceSpan, 'inputTokens' | 'outputTokens'>): string {
  return span.inputTokens + span.outputTokens > 0 ? `${compactCount(span.inputTokens)} / ${compactCount(span.outputTokens)}` : '';
}

/** A cost for a row's cell: formatCost without trailing zeros ("$0.00004", "$0.032"). */
export function costCell(usd: number): string {
  const text = formatCost(usd);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** The models a row used: a model call's model; a step's or run's distinct models (from their calls below). */
export function spanModel(span: TraceSpan, childModels: ReadonlyMap<string, string[]>): string {
  if (span.llm) return span.llm.model;
  return (childModels.get(span.id) ?? []).join(', ');
}

/** The distinct models of the model calls under each span (run and steps), by span id. */
export function modelsBySpan(spans: readonly TraceSpan[]): Map<string, string[]> {
  const byId = new Map(spans.map((s) => [s.id, s]));
  const models = new Map<string, Set<string>>();
  for (const span of spans) {
    if (!span.llm) continue;
    for (let parent = span.parentId; parent !== null; parent = byId.get(parent)?.parentId ?? null) {
      const set = models.get(parent) ?? new Set<string>();
      set.add(span.llm.model);
      models.set(parent, set);
    }
  }
  return new Map([...models].map(([id, set]) => [id, [...set]]));
}

/**
 * A name that says which layer a check is and what a step's visit is. A check named after the
 * step it sits under ("Compose reply: output schema") drops the step's name (`parentName`).
 */
export function spanTitle(span: TraceSpan, parentName?: string): string {
  if (span.kind === 'validation' && span.check) {
    const validator = parentName && span.check.validator.startsWith(`${parentName}: `) ? span.check.validator.slice(parentName.length + 2) : span.check.validator;
    return `${LAYER_TITLES[span.check.layer]}: ${validator}`;
  }
  if (span.kind === 'step' && (span.visit ?? 0) > 0) return `${span.name} (visit ${(span.visit ?? 0) + 1})`;
  return span.name;
}

/** Every span's title (see spanTitle), by id. */
export function spanTitles(spans: readonly TraceSpan[]): Map<string, string> {
  const names = new Map(spans.map((s) => [s.id, s.name]));
  return new Map(spans.map((s) => [s.id, spanTitle(s, s.parentId !== null ? names.get(s.parentId) : undefined)]));
}

/** One line for a row, read by screen readers: kind, name, status, timing, tokens, cost, model. */
export function rowLabel(span: TraceSpan, title: string, originMs: number, now: number, model: string): string {
  const status = spanStatusText(span);
  const parts = [`${KIND_WORDS[span.kind]}: ${title}`, status.word, `${spanDurationText(span, now)}, starting at ${formatDuration(Math.max(0, span.startMs - originMs))}`];
  if (span.kind === 'llm' && span.llm?.ttftMs !== null && span.llm?.ttftMs !== undefined) parts.push(`first token after ${formatDuration(span.llm.ttftMs)}`);
  if (span.inputTokens + span.outputTokens > 0) parts.push(`${formatTokens(span.inputTokens)} tokens in, ${formatTokens(span.outputTokens)} out`);
  if (span.costUsd !== null && span.costUsd > 0) parts.push(formatCost(span.costUsd));
  if (model) parts.push(model);
  return parts.join(', ');
}
