/**
 * Executes a dataset run: one flow run per row, at most `concurrency` at once, rows in order.
 * Resuming (after a reload or a cancel) starts the rows that have no run yet and resumes the runs
 * that were interrupted; finished runs are left as they are. Cancel stops starting rows and
 * cancels the runs in flight. The runner itself knows nothing of leases or the page: it gets a
 * way to start and resume runs.
 */
import type { RunRecord, RunStatus } from '../../engine/run/types';
import { toErrorInfo } from '../../engine/util/errors';
import type { FlowDoc } from '../../engine/flow/schema';
import type { TrellisDB } from '../../storage/db';
import { batchRunId, getBatch, updateBatch, type StoredBatch } from '../../storage/batches';

/** A run in flight; `done` resolves 'busy' when another tab holds the run. */
export interface RowExecution {
  done: Promise<RunRecord | 'busy'>;
  cancel(): void;
}

export interface BatchDeps {
  db: TrellisDB;
  start(doc: FlowDoc, inputs: Record<string, unknown>, runId: string, batchId: string): RowExecution;
  resume(runId: string): RowExecution;
  now?: () => number;
  /** How often the list of started runs is saved while the batch runs (default 1,000 ms). */
  saveEveryMs?: number;
}

export interface BatchHandle {
  batchId: string;
  /** Resolves with the batch's final status (it never rejects). */
  done: Promise<StoredBatch['status']>;
  cancel(): void;
}

/** Run statuses that a resume picks up again. */
const RESUMABLE_ON_RELOAD: readonly RunStatus[] = ['running', 'interrupted'];
const RESUMABLE_ON_REQUEST: readonly RunStatus[] = ['running', 'interrupted', 'cancelled', 'paused'];

export function executeBatch(batchId: string, deps: BatchDeps, options: { resume?: 'reload' | 'request' } = {}): BatchHandle {
  const now = deps.now ?? Date.now;
  const inFlight = new Map<number, RowExecution>();
  let cancelled = false;

  const done = (async (): Promise<StoredBatch['status']> => {
    const batch = await getBatch(deps.db, batchId);
    if (!batch) throw new Error(`There is no dataset run "${batchId}".`);
    // A reload resume only picks up a batch that is still marked running (checked under the lease,
    // so a batch that was cancelled or finished a moment ago is left alone).
    if (options.resume === 'reload' && batch.status !== 'running') return batch.status;
    const total = batch.inputs.length;
    const runIds = Array.from({ length: total }, (_, i) => batch.runIds[i] ?? null);
    const ids = Array.from({ length: total }, (_, i) => batchRunId(batchId, i));
    const existing = await deps.db.runs.bulkGet(ids);
    const resumable = options.resume === 'request' ? RESUMABLE_ON_REQUEST : RESUMABLE_ON_RELOAD;
    const rowErrors = { ...(batch.rowErrors ?? {}) };
    if (options.resume === 'request') for (const key of Object.keys(rowErrors)) delete rowErrors[Number(key)];
    const todo: number[] = [];
    existing.forEach((run, i) => {
      if (run) runIds[i] = run.id;
      if (!run ? rowErrors[i] === undefined : resumable.includes(run.status)) todo.push(i);
    });
    if (options.resume) {
      await updateBatch(deps.db, batchId, { status: 'running', finishedAt: undefined, error: undefined, resumes: (batch.resumes ?? 0) + 1, runIds, rowErrors });
    }

    let dirty = false;
    let saving: Promise<void> = Promise.resolve();
    const save = () => {
      if (!dirty) return saving;
      dirty = false;
      const snapshot = [...runIds];
      saving = saving.then(() => updateBatch(deps.db, batchId, { runIds: snapshot, rowErrors: { ...rowErrors } })).catch(() => undefined);
      return saving;
    };
    const timer = setInterval(() => void save(), deps.saveEveryMs ?? 1000);

    let next = 0;
    const worker = async () => {
      while (!cancelled && next < todo.length) {
        const index = todo[next++] as number;
        const id = ids[index] as string;
        const run = existing[index];
        let execution: RowExecution;
        try {
          execution = run ? deps.resume(id) : deps.start(batch.doc, batch.inputs[index] ?? {}, id, batchId);
        } catch (error) {
          rowErrors[index] = toErrorInfo(error);
          dirty = true;
          continue;
        }
        inFlight.set(index, execution);
        runIds[index] = id;
        dirty = true;
        try {
          await execution.done;
        } catch (error) {
          // The run could not be created or resumed at all.
          rowErrors[index] = toErrorInfo(error);
          dirty = true;
        } finally {
          inFlight.delete(index);
        }
      }
    };
    const concurrency = Math.max(1, Math.min(batch.concurrency, 64));
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(todo.length, 1)) }, worker));
    clearInterval(timer);
    dirty = true;
    await save();

    const runs = await deps.db.runs.bulkGet(ids);
    const allSucceeded = runs.every((r) => r?.status === 'succeeded');
    const status: StoredBatch['status'] = cancelled ? 'cancelled' : allSucceeded ? 'succeeded' : 'failed';
    await updateBatch(deps.db, batchId, { status, finishedAt: now() });
    return status;
  })().catch(async (error: unknown) => {
    // The batch itself could not go on (its record is gone, storage failed): say so on it if we can.
    await updateBatch(deps.db, batchId, { status: 'failed', finishedAt: now(), error: toErrorInfo(error) }).catch(() => undefined);
    return 'failed' as const;
  });

  return {
    batchId,
    done,
    cancel() {
      cancelled = true;
      for (const execution of inFlight.values()) execution.cancel();
    },
  };
}
