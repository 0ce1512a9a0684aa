/** A dataset run as the pages show it: each row's status, outputs and error, and the counts. */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { compile } from '../../engine/compile';
import type { RunRecord } from '../../engine/run/types';
import type { ErrorInfo } from '../../engine/util/errors';
import { batchRunId, batchRuns, getBatch, type StoredBatch } from '../../storage/batches';
import { db } from '../runtime/database';
import type { ResultRow } from './dataset/export';

export type RowStatus = 'pending' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface BatchRowView {
  /** 0-based. */
  index: number;
  status: RowStatus;
  runId: string | null;
  run: RunRecord | undefined;
  inputs: Record<string, unknown>;
  error: ErrorInfo | undefined;
  errorStep: string | undefined;
}

export interface BatchCounts {
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  running: number;
  /** Runs marked running that no tab executes (the batch is not running). */
  interrupted: number;
  /** Runs waiting for a person's review (they go on once it is decided). */
  paused: number;
  pending: number;
  /** Rows that have finished one way or another. */
  finished: number;
}

export interface BatchView {
  batch: StoredBatch;
  rows: BatchRowView[];
  counts: BatchCounts;
}

export function buildBatchView(batch: StoredBatch, runs: readonly RunRecord[], stepLabels: readonly string[], batchRunning: boolean): BatchView {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const counts: BatchCounts = { total: batch.total, succeeded: 0, failed: 0, cancelled: 0, running: 0, interrupted: 0, paused: 0, pending: 0, finished: 0 };
  const rows = batch.inputs.map((inputs, index): BatchRowView => {
    const id = batch.runIds[index] ?? batchRunId(batch.id, index);
    const run = byId.get(id);
    const rowError = batch.rowErrors?.[index];
    let status: RowStatus;
    if (run) status = run.status === 'running' && !batchRunning ? 'interrupted' : run.status === 'interrupted' ? 'interrupted' : run.status;
    else status = rowError ? 'failed' : 'pending';
    if (status === 'succeeded') counts.succeeded++;
    else if (status === 'failed') counts.failed++;
    else if (status === 'cancelled') counts.cancelled++;
    else if (status === 'running') counts.running++;
    else if (status === 'interrupted') counts.interrupted++;
    else if (status === 'paused') counts.paused++;
    else counts.pending++;
    const error = run?.error ?? rowError;
    const errorStep = run?.failedStep !== undefined ? stepLabels[run.failedStep] : undefined;
    return { index, status, runId: run ? run.id : null, run, inputs, error, errorStep };
  });
  counts.finished = counts.succeeded + counts.failed + counts.cancelled;
  return { batch, rows, counts };
}

export function resultRows(view: BatchView): ResultRow[] {
  return view.rows.map((row) => ({
    row: row.index + 1,
    status: row.status,
    runId: row.runId,
    inputs: row.inputs,
    outputs: row.run?.outputs ?? {},
    error: row.error && row.status !== 'cancelled' ? row.error.message : row.status === 'cancelled' ? 'Cancelled' : null,
    errorStep: row.errorStep ?? null,
  }));
}

/** Step labels of a batch's flow, by plan index (a batch's flow never changes, so they are kept). */
const labelCache = new Map<string, string[]>();
function stepLabels(batch: StoredBatch): string[] {
  let labels = labelCache.get(batch.id);
  if (!labels) {
    labels = compile(batch.doc).plan.steps.map((step) => step.label);
    labelCache.set(batch.id, labels);
  }
  return labels;
}

/**
 * The batch and its rows, live (undefined while loading, null when there is no such batch).
 * `batchRunning`: whether some tab executes the batch now (otherwise runs marked running are
 * shown as interrupted).
 */
export function useBatchView(batchId: string | null, batchRunning: boolean): BatchView | null | undefined {
  const data = useLiveQuery(async () => {
    if (!batchId) return null;
    const batch = await getBatch(db, batchId);
    if (!batch) return null;
    return { batch, runs: await batchRuns(db, batchId) };
  }, [batchId]);
  return useMemo(() => (data === undefined ? undefined : data === null ? null : buildBatchView(data.batch, data.runs, stepLabels(data.batch), batchRunning)), [data, batchRunning]);
}
