/**
 * Storage failures as clear TrellisErrors: what could not be saved, and what the person can do.
 */
import { TrellisError } from '../engine/util/errors';

/** True when the error (or one it wraps: Dexie's `inner`, `cause`, a BulkError's failures) is a quota error. */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 6) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
  return Array.isArray(e.failures) && e.failures.some((f) => isQuotaError(f, depth + 1));
}

/** What a set of writes would have saved, as a short phrase. */
export interface WriteSummary {
  /** Per run id: step indices it would have written, and whether the run record itself changed. */
  runs: Map<string, { steps: Set<number>; created: boolean; updated: boolean }>;
  flowVersions: number;
}

export function emptySummary(): WriteSummary {
  return { runs: new Map(), flowVersions: 0 };
}

export function noteRun(summary: WriteSummary, runId: string): { steps: Set<number>; created: boolean; updated: boolean } {
  let entry = summary.runs.get(runId);
  if (!entry) {
    entry = { steps: new Set(), created: false, updated: false };
    summary.runs.set(runId, entry);
  }
  return entry;
}

const MAX_RUNS_NAMED = 5;
const MAX_STEPS_NAMED = 8;

export function describeSummary(summary: WriteSummary): string {
  const parts: string[] = [];
  const runs = [...summary.runs.entries()];
  for (const [runId, entry] of runs.slice(0, MAX_RUNS_NAMED)) {
    const steps = [...entry.steps].sort((a, b) => a - b);
    const what: string[] = [];
    if (entry.created) what.push('new run');
    if (steps.length > 0) {
      const shown = steps.slice(0, MAX_STEPS_NAMED).join(', ');
      const more = steps.length > MAX_STEPS_NAMED ? ` and ${steps.length - MAX_STEPS_NAMED} more` : '';
      what.push(`${steps.length === 1 ? 'step' : 'steps'} ${shown}${more}`);
    }
    if (entry.updated && !entry.created) what.push('run status');
    parts.push(`run "${runId}"${what.length ? ` (${what.join('; ')})` : ''}`);
  }
  if (runs.length > MAX_RUNS_NAMED) parts.push(`${runs.length - MAX_RUNS_NAMED} more runs`);
  if (summary.flowVersions > 0) parts.push(summary.flowVersions === 1 ? '1 flow version' : `${summary.flowVersions} flow versions`);
  return parts.length === 0 ? 'the pending changes' : parts.join(', ');
}

/** The error every write of a failed transaction is rejected with. */
export function storageWriteError(error: unknown, summary: WriteSummary): TrellisError {
  const what = describeSummary(summary);
  const details = { runIds: [...summary.runs.keys()], flowVersions: summary.flowVersions };
  if (isQuotaError(error)) {
    return new TrellisError(
      'quota',
      `Browser storage is full: could not save ${what}. Free space (delete old runs, or allow persistent storage in the browser), then run again.`,
      { cause: error, details },
    );
  }
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new TrellisError('internal', `Could not save ${what} to browser storage (${reason}).`, { cause: error, details });
}
