/**
 * The Dexie RunStore. Every write (flow version, new run, checkpoint) goes through one group-commit
 * queue (`writeQueue.ts`): writes commit in call order, a batch of them per transaction over
 * runs + stepLog + flowVersions (step records go into one log row per run per batch), so a checkpoint's steps and run patch are always saved together and
 * a burst of checkpoints costs a few transactions. Semantics match the memory store
 * (`../engine/run/memoryStore.ts`; both pass `../engine/run/storeContract.ts`):
 * - checkpoints take ownership of their records: they are serialised by IndexedDB when their batch
 *   commits, not copied at the call (copying 1,000 records cost as much as storing them), so the
 *   caller must not change them afterwards (the executor never does). New runs and flow versions
 *   are copied at the call. A record that cannot be stored (a function in an output, say) is
 *   rejected alone: its batch is retried one write at a time;
 * - a run patch field set to `undefined` removes the field;
 * - a checkpoint for an unknown run, or a createRun for a taken id, is rejected alone (the rest of
 *   its batch commits); a failed transaction rejects every write of its batch with one TrellisError
 *   ('quota' when storage is full) naming what was not saved, and later writes still commit in order;
 * - reads wait for the writes issued before them (read-your-writes);
 * - a checkpoint with `expect` is checked against the run as the batch has it so far: a mismatch
 *   rejects it alone with a 'conflict' error, which flush does not report;
 * - a checkpoint's review item is added in the same transaction unless its id is stored already;
 *   decisions and comments are read-check-write inside one transaction (see reviewStore.ts).
 */
import { Dexie } from 'dexie';
import {
  applyRunPatch,
  checkOwnership,
  compareSteps,
  cloneForStorage,
  duplicateRunError,
  missingRunError,
} from '../engine/run/memoryStore';
import { ENDED_STATUSES, conflictError, isConflict, meetsExpectation, withdrawn } from '../engine/run/reviewRecords';
import { TrellisError } from '../engine/util/errors';
import type { Checkpoint, FlowVersionRecord, ReviewItem, RunRecord, RunStore, StepRecord } from '../engine/run/types';
import type { StepLogRow, TrellisDB } from './db';
import { emptySummary, noteRun, storageWriteError } from './errors';
import { createDexieReviewStore } from './reviewStore';
import { createGroupCommitQueue, type GroupCommitStats } from './writeQueue';

type StoreWrite =
  | { kind: 'version'; version: FlowVersionRecord }
  | { kind: 'create'; run: RunRecord }
  | { kind: 'checkpoint'; checkpoint: Checkpoint };

export interface DexieRunStore extends RunStore {
  /** Transactions and writes so far (for benchmarks and diagnostics). */
  stats(): GroupCommitStats;
}

export interface DexieRunStoreOptions {
  /** Most writes per transaction (default 500). */
  maxBatch?: number;
}

export function createDexieRunStore(db: TrellisDB, options: DexieRunStoreOptions = {}): DexieRunStore {
  const queue = createGroupCommitQueue<StoreWrite>({
    commit: (batch) => commitIsolatingCloneErrors(db, batch),
    batchError: (error, batch) => storageWriteError(error, summarize(batch)),
    reported: (error) => !isConflict(error),
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
  });

  /** Queues a private copy of a write; one that cannot be copied is rejected alone, in order. */
  const enqueueCopy = (make: () => StoreWrite): Promise<void> => {
    let write: StoreWrite;
    try {
      write = make();
    } catch (error) {
      return queue.fail(error);
    }
    return queue.enqueue(write);
  };

  return {
    ...createDexieReviewStore(db, () => queue.settled()),
    saveFlowVersion(version) {
      return enqueueCopy(() => ({ kind: 'version', version: cloneForStorage(version, `flow version ${version.hash}`) }));
    },
    async loadFlowVersion(hash) {
      await queue.settled();
      return db.flowVersions.get(hash);
    },
    createRun(run) {
      return enqueueCopy(() => ({ kind: 'create', run: cloneForStorage(run, `run "${run.id}"`) }));
    },
    async loadRun(runId) {
      await queue.settled();
      return db.transaction('r', db.runs, db.stepLog, async () => {
        const run = await db.runs.get(runId);
        if (!run) return undefined;
        return { run, steps: foldStepLog(await runLog(db, runId).toArray()) };
      });
    },
    checkpoint(checkpoint) {
      return enqueueCopy(() => ({ kind: 'checkpoint', checkpoint: checkOwnership(checkpoint) }));
    },
    flush() {
      return queue.flush();
    },
    stats() {
      return queue.stats();
    },
  };
}

function isCloneError(error: unknown): boolean {
  const names = [error, (error as { inner?: unknown } | null)?.inner].map((e) => (e as { name?: unknown } | null)?.name);
  return names.includes('DataCloneError');
}

/**
 * Commits a batch; when a value in it cannot be stored, commits its writes one at a time (in
 * order) so only the write holding that value is rejected.
 */
async function commitIsolatingCloneErrors(db: TrellisDB, batch: readonly StoreWrite[]): Promise<Array<Error | undefined>> {
  try {
    return await commitBatch(db, batch);
  } catch (error) {
    if (!isCloneError(error)) throw error;
    if (batch.length === 1) return [unstorableError(batch[0] as StoreWrite, error)];
  }
  const results: Array<Error | undefined> = [];
  for (const write of batch) {
    try {
      results.push(...(await commitBatch(db, [write])));
    } catch (error) {
      results.push(isCloneError(error) ? unstorableError(write, error) : storageWriteError(error, summarize([write])));
    }
  }
  return results;
}

function unstorableError(write: StoreWrite, error: unknown): TrellisError {
  const what = write.kind === 'checkpoint' ? `checkpoint of run "${write.checkpoint.runId}"` : write.kind === 'create' ? `run "${write.run.id}"` : `flow version ${write.version.hash}`;
  const reason = error instanceof Error ? error.message : String(error);
  return new TrellisError('internal', `Could not save the ${what}: it holds a value that cannot be stored (${reason}).`);
}

/** Writes a batch in one transaction; returns a per-write error for writes rejected alone. */
async function commitBatch(db: TrellisDB, batch: readonly StoreWrite[]): Promise<Array<Error | undefined>> {
  const runIds = new Set<string>();
  const hashes = new Set<string>();
  const reviewIds = new Set<string>();
  /** Runs this batch ends, and when: their pending review items are withdrawn. */
  const ended = new Map<string, number>();
  for (const write of batch) {
    if (write.kind === 'version') hashes.add(write.version.hash);
    else runIds.add(write.kind === 'create' ? write.run.id : write.checkpoint.runId);
    if (write.kind === 'checkpoint' && write.checkpoint.review) reviewIds.add(write.checkpoint.review.id);
    if (write.kind === 'checkpoint' && write.checkpoint.run?.status !== undefined && ENDED_STATUSES.has(write.checkpoint.run.status)) ended.set(write.checkpoint.runId, write.checkpoint.run.finishedAt ?? Date.now());
  }
  // (A database opened at version 1, in upgrade tests, has no reviews table and nothing to withdraw.)
  if (!db.tables.some((table) => table.name === 'reviews')) ended.clear();
  const tables = reviewIds.size > 0 || ended.size > 0 ? [db.runs, db.stepLog, db.flowVersions, db.reviews] : [db.runs, db.stepLog, db.flowVersions];
  return db.transaction('rw', tables, async () => {
    const ids = [...runIds];
    const runs = new Map<string, RunRecord>();
    (await db.runs.bulkGet(ids)).forEach((run, i) => {
      if (run) runs.set(ids[i] as string, run);
    });
    const known = new Set<string>();
    if (hashes.size > 0) {
      const list = [...hashes];
      (await db.flowVersions.bulkGet(list)).forEach((found, i) => {
        if (found) known.add(list[i] as string);
      });
    }

    const storedReviews = new Set<string>();
    if (reviewIds.size > 0) {
      const list = [...reviewIds];
      // A withdrawn item counts as not stored: a resumed run reaching the gate again reopens it.
      (await db.reviews.bulkGet(list)).forEach((found, i) => {
        if (found && found.status !== 'withdrawn') storedReviews.add(list[i] as string);
      });
    }

    const dirtyRuns = new Set<string>();
    const newReviews: ReviewItem[] = [];
    const stepsByRun = new Map<string, Map<string, StepRecord>>();
    const versions: FlowVersionRecord[] = [];
    const results = batch.map((write): Error | undefined => {
      switch (write.kind) {
        case 'version':
          if (!known.has(write.version.hash)) {
            known.add(write.version.hash);
            versions.push(write.version);
          }
          return undefined;
        case 'create':
          if (runs.has(write.run.id)) return duplicateRunError(write.run.id);
          runs.set(write.run.id, write.run);
          dirtyRuns.add(write.run.id);
          return undefined;
        case 'checkpoint': {
          const { runId } = write.checkpoint;
          const run = runs.get(runId);
          if (!run) return missingRunError(runId);
          if (!meetsExpectation(run, write.checkpoint.expect)) return conflictError(runId, write.checkpoint.expect ?? {}, run);
          const review = write.checkpoint.review;
          if (review && !storedReviews.has(review.id)) {
            storedReviews.add(review.id);
            newReviews.push(review);
          }
          if (write.checkpoint.steps.length > 0) {
            let steps = stepsByRun.get(runId);
            if (!steps) stepsByRun.set(runId, (steps = new Map()));
            for (const step of write.checkpoint.steps) steps.set(step.id, step);
          }
          if (write.checkpoint.run) {
            runs.set(runId, applyRunPatch(run, write.checkpoint.run));
            dirtyRuns.add(runId);
          }
          return undefined;
        }
      }
    });

    if (versions.length > 0) await db.flowVersions.bulkAdd(versions);
    if (newReviews.length > 0) await db.reviews.bulkPut(newReviews);
    for (const [runId, at] of ended) {
      if (runs.get(runId)?.status === undefined || !ENDED_STATUSES.has(runs.get(runId)?.status as string)) continue;
      await db.reviews.where('runId').equals(runId).modify((item) => {
        if (item.status === 'pending') Object.assign(item, withdrawn(item, at));
      });
    }
    if (dirtyRuns.size > 0) await db.runs.bulkPut([...dirtyRuns].map((id) => runs.get(id) as RunRecord));
    if (stepsByRun.size > 0) {
      const rows: StepLogRow[] = [];
      for (const [runId, steps] of stepsByRun) {
        const last = await runLog(db, runId).last();
        rows.push({ runId, seq: last ? last.seq + 1 : 0, steps: [...steps.values()] });
      }
      await db.stepLog.bulkAdd(rows);
    }
    return results;
  });
}

/** A run's step-log rows, in commit order. */
export function runLog(db: TrellisDB, runId: string) {
  return db.stepLog.where('[runId+seq]').between([runId, Dexie.minKey], [runId, Dexie.maxKey], true, true);
}

/** The current step records of a run: the last record of each step, in plan order then visit. */
export function foldStepLog(rows: readonly StepLogRow[]): StepRecord[] {
  const latest = new Map<string, StepRecord>();
  for (const row of rows) for (const step of row.steps) latest.set(step.id, step);
  return [...latest.values()].sort(compareSteps);
}

function summarize(batch: readonly StoreWrite[]) {
  const summary = emptySummary();
  for (const write of batch) {
    if (write.kind === 'version') summary.flowVersions += 1;
    else if (write.kind === 'create') noteRun(summary, write.run.id).created = true;
    else {
      const entry = noteRun(summary, write.checkpoint.runId);
      for (const step of write.checkpoint.steps) entry.steps.add(step.stepIndex);
      if (write.checkpoint.run) entry.updated = true;
    }
  }
  return summary;
}
