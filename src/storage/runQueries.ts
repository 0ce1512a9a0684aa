/**
 * Queries for the runs list and run housekeeping. Each filter combination walks one index in
 * createdAt order (see db.ts), so a page of the newest runs costs the same with 100 or 100,000 runs.
 */
import { Dexie, type Collection } from 'dexie';
import type { RunRecord, RunStatus } from '../engine/run/types';
import type { TrellisDB } from './db';
import { runLog } from './runStore';

export interface RunListQuery {
  flowId?: string;
  status?: RunStatus;
  /** Default 100. */
  limit?: number;
  offset?: number;
}

function newestFirst(db: TrellisDB, query: RunListQuery): Collection<RunRecord, string> {
  const { flowId, status } = query;
  const lo = Dexie.minKey;
  const hi = Dexie.maxKey;
  if (flowId !== undefined && status !== undefined) {
    return db.runs.where('[flowId+status+createdAt]').between([flowId, status, lo], [flowId, status, hi]).reverse();
  }
  if (flowId !== undefined) return db.runs.where('[flowId+createdAt]').between([flowId, lo], [flowId, hi]).reverse();
  if (status !== undefined) return db.runs.where('[status+createdAt]').between([status, lo], [status, hi]).reverse();
  return db.runs.orderBy('createdAt').reverse();
}

/** Runs matching the filters, newest first. */
export function listRuns(db: TrellisDB, query: RunListQuery = {}): Promise<RunRecord[]> {
  return newestFirst(db, query)
    .offset(query.offset ?? 0)
    .limit(query.limit ?? 100)
    .toArray();
}

export function countRuns(db: TrellisDB, query: Omit<RunListQuery, 'limit' | 'offset'> = {}): Promise<number> {
  return newestFirst(db, query).count();
}

/** Deletes runs with all their steps and review items, in one transaction. */
export function deleteRuns(db: TrellisDB, runIds: readonly string[]): Promise<void> {
  return db.transaction('rw', db.runs, db.stepLog, db.reviews, async () => {
    for (const runId of runIds) await runLog(db, runId).delete();
    await db.reviews.where('runId').anyOf([...runIds]).delete();
    await db.runs.bulkDelete([...runIds]);
  });
}
