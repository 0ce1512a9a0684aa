/**
 * What tracing an output back needs from storage: a run, its step records, its review items and
 * the flow version it executed, read in one transaction so the four agree (engine/trace/lineage.ts
 * does the tracing).
 */
import type { FlowVersionRecord, ReviewItem, RunRecord, StepRecord } from '../engine/run/types';
import { compareReviews } from '../engine/run/reviewRecords';
import type { TrellisDB } from './db';
import { foldStepLog, runLog } from './runStore';

export interface RunLineageRecords {
  run: RunRecord;
  steps: StepRecord[];
  /** By step, then visit. */
  reviews: ReviewItem[];
  /** Null when the flow version is not stored here (then there is no plan to trace through). */
  version: FlowVersionRecord | null;
}

/** The run's records for lineage, or null when there is no such run. */
export function loadRunLineage(db: TrellisDB, runId: string): Promise<RunLineageRecords | null> {
  return db.transaction('r', [db.runs, db.stepLog, db.reviews, db.flowVersions], async () => {
    const run = await db.runs.get(runId);
    if (!run) return null;
    const [rows, reviews, version] = await Promise.all([runLog(db, runId).toArray(), db.reviews.where('runId').equals(runId).toArray(), db.flowVersions.get(run.flowVersion)]);
    return { run, steps: foldStepLog(rows), reviews: reviews.sort(compareReviews), version: version ?? null };
  });
}
