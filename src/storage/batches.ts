/**
 * Dataset runs (batches) in `db.batches`. Besides the BatchRow fields, a stored batch keeps what
 * it needs to resume after a reload: the flow document it runs and every row's run inputs (after
 * the column mapping). Each row's run has a fixed id derived from the batch id and the row
 * number, so after a reload the rows that already have a run are found by id, whether or not the
 * `runIds` list was saved since they started.
 *
 * Note: the row inputs live inside the batch row, so a batch of many large rows makes each update
 * of the batch (progress of `runIds`, about once a second while it runs) rewrite them all; a table
 * of its own for row inputs would avoid that for very large datasets.
 */
import type { FlowDoc } from '../engine/flow/schema';
import type { RunRecord } from '../engine/run/types';
import type { ErrorInfo } from '../engine/util/errors';
import type { BatchRow, TrellisDB } from './db';

export interface StoredBatch extends BatchRow {
  /** The flow as it was when the batch started; every row runs this version. */
  doc: FlowDoc;
  /** Run inputs per dataset row (index = row number - 1). */
  inputs: Record<string, unknown>[];
  /** The flow's input names, in form order (columns of the results). */
  inputNames: string[];
  /** Line in the dataset file of each row, for messages. */
  sourceLines?: number[];
  /** Rows whose run could not even be created (e.g. storage full), by row index. */
  rowErrors?: Record<number, ErrorInfo>;
  /** Why the batch itself stopped (not a row's error). */
  error?: ErrorInfo;
  /** How many times the batch was resumed after an interruption or a cancel. */
  resumes?: number;
}

/** The id of the run for row `index` (0-based) of a batch. */
export function batchRunId(batchId: string, index: number): string {
  return `${batchId}_r${index + 1}`;
}

export function isStoredBatch(row: BatchRow | undefined): row is StoredBatch {
  const candidate = row as Partial<StoredBatch> | undefined;
  return !!candidate && typeof candidate.doc === 'object' && candidate.doc !== null && Array.isArray(candidate.inputs) && Array.isArray(candidate.inputNames);
}

export async function createBatch(db: TrellisDB, batch: StoredBatch): Promise<void> {
  await db.batches.add(batch);
}

export async function getBatch(db: TrellisDB, id: string): Promise<StoredBatch | undefined> {
  const row = await db.batches.get(id);
  return isStoredBatch(row) ? row : undefined;
}

/** Applies `patch` to the stored batch (fields set to undefined are removed). */
export async function updateBatch(db: TrellisDB, id: string, patch: Partial<Omit<StoredBatch, 'id'>>): Promise<void> {
  await db.transaction('rw', db.batches, async () => {
    const current = await db.batches.get(id);
    if (!current) return;
    const next: Record<string, unknown> = { ...current, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
    await db.batches.put(next as unknown as BatchRow);
  });
}

/** The runs of a batch (any order). */
export function batchRuns(db: TrellisDB, batchId: string): Promise<RunRecord[]> {
  return db.runs.where('batchId').equals(batchId).toArray();
}

/** Batches of a flow, newest first. */
export function flowBatches(db: TrellisDB, flowId: string, limit = 20): Promise<BatchRow[]> {
  return db.batches.where('[flowId+createdAt]').between([flowId, -Infinity], [flowId, Infinity]).reverse().limit(limit).toArray();
}
