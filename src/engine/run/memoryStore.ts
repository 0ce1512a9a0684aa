/**
 * The in-memory RunStore: what engine tests run against. Every write is durable at once, and
 * records are stored and returned as structured clones, so an executor that keeps mutating its
 * objects after a checkpoint can never change what was saved (the same guarantee IndexedDB gives).
 *
 * Semantics shared with the Dexie store (see `storeContract.ts`):
 * - writes apply in call order; a checkpoint's steps and run patch apply together or not at all;
 * - a run patch field whose value is `undefined` removes that field;
 * - a checkpoint for a run that does not exist is rejected ('not_found') and changes nothing;
 * - creating a run whose id is taken is rejected and keeps the stored run;
 * - saving a flow version whose hash is already stored keeps the first record (idempotent);
 * - reads see every write issued before them; `loadRun` lists steps by stepIndex, then visit;
 * - a rejected checkpoint also makes the next `flush()` reject (with the first such error), so an
 *   executor that does not await each checkpoint still learns of the failure. The promise returned
 *   by `checkpoint()` is marked handled: ignoring it never raises an unhandled rejection;
 * - a checkpoint with `expect` applies only while the stored run has those values; otherwise it is
 *   refused alone with a 'conflict' error, which flush does not report;
 * - a checkpoint's review item is stored with it, unless an item with its id exists (kept as is,
 *   unless it was withdrawn: a resumed run reaching the gate again reopens it);
 * - a checkpoint that ends the run (succeeded, failed, cancelled) withdraws its pending items;
 * - `decideReview` stores one decision per item and refuses a second (ReviewAlreadyDecidedError).
 */
import { TrellisError } from '../util/errors';
import { ENDED_STATUSES, checkComment, checkDecision, compareReviews, conflictError, isConflict, meetsExpectation, reviewNotFound, withComment, withDecision, withdrawn } from './reviewRecords';
import type { Checkpoint, FlowVersionRecord, ReviewItem, RunRecord, RunStore, StepRecord } from './types';

export interface MemoryStoreSnapshot {
  runs: RunRecord[];
  /** Every step record, sorted by runId, stepIndex, visit. */
  steps: StepRecord[];
  flowVersions: FlowVersionRecord[];
  /** Every review item, by run, step and visit. */
  reviews: ReviewItem[];
  /** Checkpoints applied so far (rejected ones not counted). */
  checkpoints: number;
}

export interface MemoryRunStore extends RunStore {
  /** A deep copy of everything stored (test helper). */
  snapshot(): MemoryStoreSnapshot;
  /**
   * Test helper: while set, every write (createRun, checkpoint, saveFlowVersion, review decisions
   * and comments) is rejected with this error and changes nothing, as a full disk would. Pass
   * undefined to clear.
   */
  failWrites(error: unknown): void;
}

/** Applies a run patch: fields replace the stored ones; an `undefined` value removes the field. */
export function applyRunPatch(run: RunRecord, patch: Checkpoint['run']): RunRecord {
  if (!patch) return run;
  const next: Record<string, unknown> = { ...run };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'id') continue;
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as unknown as RunRecord;
}

/** Compares step records the way loadRun orders them. */
export function compareSteps(a: StepRecord, b: StepRecord): number {
  return a.stepIndex - b.stepIndex || a.visit - b.visit;
}

/** Refuses a checkpoint holding another run's steps or review item; returns it unchanged. */
export function checkOwnership(checkpoint: Checkpoint): Checkpoint {
  for (const step of checkpoint.steps) {
    if (step.runId !== checkpoint.runId) {
      throw new TrellisError(
        'internal',
        `Checkpoint of run "${checkpoint.runId}" contains step ${step.stepIndex} of run "${step.runId}".`,
      );
    }
  }
  if (checkpoint.review && checkpoint.review.runId !== checkpoint.runId) {
    throw new TrellisError('internal', `Checkpoint of run "${checkpoint.runId}" contains review item "${checkpoint.review.id}" of run "${checkpoint.review.runId}".`);
  }
  return checkpoint;
}

/**
 * Checks a checkpoint before it is queued, and returns a private deep copy of it.
 * Throws a TrellisError when a step belongs to another run or a value cannot be stored.
 */
export function prepareCheckpoint(checkpoint: Checkpoint): Checkpoint {
  return cloneForStorage(checkOwnership(checkpoint), `checkpoint of run "${checkpoint.runId}"`);
}

/** structuredClone, with a clear error naming what could not be stored. */
export function cloneForStorage<T>(value: T, what: string): T {
  try {
    return structuredClone(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TrellisError('internal', `Could not save the ${what}: it holds a value that cannot be stored (${reason}).`, {
      cause: error,
    });
  }
}

export function missingRunError(runId: string): TrellisError {
  return new TrellisError('not_found', `Could not save a checkpoint: run "${runId}" does not exist (create it first).`);
}

export function duplicateRunError(runId: string): TrellisError {
  return new TrellisError('internal', `Could not create run "${runId}": a run with this id already exists.`);
}

export function createMemoryRunStore(): MemoryRunStore {
  const runs = new Map<string, RunRecord>();
  const steps = new Map<string, Map<string, StepRecord>>();
  const versions = new Map<string, FlowVersionRecord>();
  const reviews = new Map<string, ReviewItem>();
  let checkpoints = 0;
  let injected: { error: unknown } | undefined;
  let unreported: unknown[] = [];

  /** Runs a write; a thrown error becomes a handled rejection that the next flush reports. */
  const write = (apply: () => void): Promise<void> => {
    try {
      if (injected) throw injected.error;
      apply();
      return Promise.resolve();
    } catch (error) {
      if (!isConflict(error)) unreported.push(error);
      const rejected = Promise.reject(error);
      rejected.catch(() => undefined);
      return rejected;
    }
  };

  /** Changes a review item (a decision or a comment); resolves with a copy of the new item. */
  const update = async (id: string, change: (item: ReviewItem) => ReviewItem): Promise<ReviewItem> => {
    if (injected) throw injected.error;
    const item = reviews.get(id);
    if (!item) throw reviewNotFound(id);
    const next = change(item);
    reviews.set(id, next);
    return structuredClone(next);
  };

  return {
    saveFlowVersion(version) {
      return write(() => {
        if (versions.has(version.hash)) return;
        versions.set(version.hash, cloneForStorage(version, `flow version ${version.hash}`));
      });
    },
    loadFlowVersion(hash) {
      const found = versions.get(hash);
      return Promise.resolve(found && structuredClone(found));
    },
    createRun(run) {
      return write(() => {
        if (runs.has(run.id)) throw duplicateRunError(run.id);
        runs.set(run.id, cloneForStorage(run, `run "${run.id}"`));
        steps.set(run.id, new Map());
      });
    },
    loadRun(runId) {
      const run = runs.get(runId);
      if (!run) return Promise.resolve(undefined);
      const list = [...(steps.get(runId)?.values() ?? [])].sort(compareSteps);
      return Promise.resolve(structuredClone({ run, steps: list }));
    },
    checkpoint(checkpoint) {
      return write(() => {
        const copy = prepareCheckpoint(checkpoint);
        const run = runs.get(copy.runId);
        const runSteps = steps.get(copy.runId);
        if (!run || !runSteps) throw missingRunError(copy.runId);
        if (!meetsExpectation(run, copy.expect)) throw conflictError(copy.runId, copy.expect ?? {}, run);
        for (const step of copy.steps) runSteps.set(step.id, step);
        if (copy.review && (!reviews.has(copy.review.id) || reviews.get(copy.review.id)?.status === 'withdrawn')) reviews.set(copy.review.id, copy.review);
        runs.set(copy.runId, applyRunPatch(run, copy.run));
        if (copy.run?.status !== undefined && ENDED_STATUSES.has(copy.run.status)) {
          const at = copy.run.finishedAt ?? Date.now();
          for (const [id, item] of reviews) if (item.runId === copy.runId && item.status === 'pending') reviews.set(id, withdrawn(item, at));
        }
        checkpoints += 1;
      });
    },
    loadReview(id) {
      const found = reviews.get(id);
      return Promise.resolve(found && structuredClone(found));
    },
    loadRunReviews(runId) {
      const list = [...reviews.values()].filter((item) => item.runId === runId).sort(compareReviews);
      return Promise.resolve(structuredClone(list));
    },
    decideReview(id, decision) {
      return update(id, (item) => withDecision(item, cloneForStorage(checkDecision(decision), `decision on review "${id}"`)));
    },
    addReviewComment(id, comment) {
      return update(id, (item) => withComment(item, checkComment(comment)));
    },
    flush() {
      const failures = unreported;
      unreported = [];
      return failures.length === 0 ? Promise.resolve() : Promise.reject(failures[0]);
    },
    snapshot() {
      const allSteps = [...steps.values()]
        .flatMap((map) => [...map.values()])
        .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : compareSteps(a, b)));
      const allReviews = [...reviews.values()].sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : compareReviews(a, b)));
      return structuredClone({ runs: [...runs.values()], steps: allSteps, flowVersions: [...versions.values()], reviews: allReviews, checkpoints });
    },
    failWrites(error) {
      injected = error === undefined ? undefined : { error };
    },
  };
}
