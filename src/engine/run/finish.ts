/**
 * How a run's execution ends: cancelled, failed (a step, or storage), paused at review gates, or
 * succeeded. The end is saved with a last checkpoint and a flush, so `done` resolves only once
 * everything the run did is durable; then `run.paused` or `run.finished` is emitted.
 */
import { TrellisError, toErrorInfo, type ErrorInfo } from '../util/errors';
import type { ExecutionEnv } from './execution';
import type { RunRecord, RunStatus, WaitingGate } from './types';

export interface RunEnding {
  cancelled: boolean;
  failure: { error: ErrorInfo; step: number | undefined } | null;
  /** The first failed checkpoint, if any (null: every write succeeded). */
  storageError: unknown;
  /** Gates waiting for a person's decision. */
  waitingFor: WaitingGate[];
  /** Labels of the steps neither done nor waiting. */
  unfinished: string[];
}

export function storageErrorInfo(error: unknown): ErrorInfo {
  const info = toErrorInfo(error);
  if (error instanceof TrellisError) return info;
  return { ...info, message: `Could not save the run's progress: ${info.message}` };
}

function outcome(ending: RunEnding): { status: RunStatus; error?: ErrorInfo } {
  if (ending.cancelled) return { status: 'cancelled' };
  if (ending.failure) return { status: 'failed', error: ending.failure.error };
  if (ending.waitingFor.length > 0) return { status: 'paused' };
  if (ending.unfinished.length === 0) return { status: 'succeeded' };
  const stuck = ending.unfinished.map((label) => `"${label}"`).join(', ');
  return { status: 'failed', error: { code: 'internal', message: `The run stopped with steps that never became ready: ${stuck}.`, retryable: false } };
}

/** Saves the run's end and emits it; resolves with the final run record. */
export async function finishRun(env: ExecutionEnv, current: RunRecord, ending: RunEnding): Promise<RunRecord> {
  const { status, error } = outcome(ending);
  const at = env.now();
  const patch: Partial<RunRecord> = status === 'paused' ? { status, waitingFor: ending.waitingFor } : { status, finishedAt: at };
  if (error) patch.error = error;
  if (ending.failure?.step !== undefined) patch.failedStep = ending.failure.step;
  let run: RunRecord = { ...current, ...patch };
  if (ending.storageError === null) {
    try {
      await env.store.checkpoint({ runId: run.id, steps: [], run: patch });
      await env.store.flush();
    } catch (storageError) {
      run = { ...run, status: 'failed', error: storageErrorInfo(storageError) };
    }
  } else {
    run = { ...run, status: 'failed', error: storageErrorInfo(ending.storageError) };
  }
  const event = { runId: run.id, at, run };
  try {
    env.onEvent?.(run.status === 'paused' ? { type: 'run.paused', ...event } : { type: 'run.finished', ...event });
  } catch {
    // A listener's failure must not break the run.
  }
  return run;
}
