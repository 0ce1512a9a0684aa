/** How runs show numbers and values: durations, tokens, cost, times, previews (always text). */
import type { RunRecord, RunStatus } from '../../engine/run/types';

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes} min ${seconds} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatTokens(n: number): string {
  return n.toLocaleString('en-US');
}

/** US dollars; tiny amounts keep their significant digits. Null: the price is unknown. */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const fullDateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

export function formatTime(ms: number): string {
  return dateTime.format(ms);
}

export function formatFullTime(ms: number): string {
  return fullDateTime.format(ms);
}

/** A value as text: strings as they are, anything else as JSON. */
export function valueText(value: unknown, indent = 2): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, indent) ?? String(value);
  } catch {
    return String(value);
  }
}

export function preview(value: unknown, max = 120): string {
  const text = valueText(value, 0).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line for a run's outputs: `name: value · name: value`. */
export function outputsPreview(outputs: Record<string, unknown>, max = 140): string {
  const entries = Object.entries(outputs);
  if (entries.length === 0) return '';
  return preview(entries.map(([name, value]) => `${name}: ${preview(value, max)}`).join(' · '), max);
}

export function runDuration(run: Pick<RunRecord, 'startedAt' | 'finishedAt' | 'status'>, now = Date.now()): number | undefined {
  if (run.finishedAt !== undefined) return run.finishedAt - run.startedAt;
  return run.status === 'running' ? now - run.startedAt : undefined;
}

/** Names the review gates a paused run waits at: `Waiting for review at “Review reply”`. */
export function waitingText(run: Pick<RunRecord, 'waitingFor'>): string {
  const labels = (run.waitingFor ?? []).map((gate) => `“${gate.label}”`);
  if (labels.length === 0) return 'Waiting for review';
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
  return `Waiting for review at ${list}`;
}

/** What a person calls the status: a run marked running that no tab executes is interrupted. */
export type ShownStatus = RunStatus;

export function shownStatus(status: RunStatus, leased: boolean | undefined): ShownStatus {
  return status === 'running' && leased === false ? 'interrupted' : status;
}

export const STATUS_LABELS: Record<string, string> = {
  running: 'Running',
  paused: 'Waiting for review',
  waiting_review: 'Waiting for review',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  queued: 'Queued',
  retrying: 'Retrying',
  skipped: 'Skipped',
  pending: 'Not started',
  not_run: 'Not run',
};

export const KIND_TITLES: Record<string, string> = {
  input: 'Input',
  template: 'Template',
  transform: 'Transform',
  code: 'Code',
  router: 'Router',
  merge: 'Merge',
  http: 'HTTP request',
  schema_check: 'Schema check',
  output: 'Output',
  agent: 'Agent',
  llm_router: 'LLM router',
  judge: 'Judge',
  grounding_check: 'Grounding check',
  quality_api: 'Quality API',
  review_gate: 'Review gate',
};

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}
