/**
 * Totals over a flow's runs, for the runs list filtered by a flow:
 * - `flowRunTotals`: runs, tokens, cost, model calls and summed wall time, from the run records
 *   alone (one walk of the `[flowId+createdAt]` index; no step records);
 * - `flowTimeTotals`: model time against time spent waiting for people, which only the step
 *   records and review items hold. It derives each run's trace (the same `buildTrace` the trace
 *   viewer shows, so the figures agree) reading a batch of runs at a time, reports progress after
 *   each batch, yields between batches and stops when its signal aborts.
 */
import { Dexie } from 'dexie';
import type { RunRecord, RunStatus } from '../engine/run/types';
import { buildTrace } from '../engine/trace/spans';
import type { TrellisDB } from './db';
import { foldStepLog, runLog } from './runStore';

export interface FlowRunTotals {
  runs: number;
  /** Runs still running or waiting for review (their wall time counts up to `now`). */
  open: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  llmCalls: number;
  /** Summed over the runs: start to end (or to `now` while open). */
  wallMs: number;
}

export interface FlowTimeTotals {
  /** Runs counted so far. */
  counted: number;
  total: number;
  /** Summed time in model calls (parallel calls each count). */
  modelMs: number;
  /** Summed time outputs waited for a person (open waits up to `now`). */
  reviewWaitMs: number;
}

export interface FlowFilter {
  flowId: string;
  status?: RunStatus;
}

function flowRuns(db: TrellisDB, { flowId, status }: FlowFilter) {
  const lo = Dexie.minKey;
  const hi = Dexie.maxKey;
  return status === undefined
    ? db.runs.where('[flowId+createdAt]').between([flowId, lo], [flowId, hi])
    : db.runs.where('[flowId+status+createdAt]').between([flowId, status, lo], [flowId, status, hi]);
}

export async function flowRunTotals(db: TrellisDB, filter: FlowFilter, now = Date.now()): Promise<FlowRunTotals> {
  const totals: FlowRunTotals = { runs: 0, open: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0, wallMs: 0 };
  const add = (run: RunRecord) => {
    totals.runs += 1;
    if (run.finishedAt === undefined) totals.open += 1;
    totals.inputTokens += run.totals.inputTokens;
    totals.outputTokens += run.totals.outputTokens;
    totals.costUsd += run.totals.costUsd;
    totals.llmCalls += run.totals.llmCalls;
    totals.wallMs += Math.max(0, (run.finishedAt ?? now) - run.startedAt);
  };
  (await flowRuns(db, filter).toArray()).forEach(add);
  return totals;
}

export interface FlowTimeOptions {
  now?: number;
  /** Runs read per transaction (default 50). */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?(partial: FlowTimeTotals): void;
}

export async function flowTimeTotals(db: TrellisDB, filter: FlowFilter, options: FlowTimeOptions = {}): Promise<FlowTimeTotals> {
  const now = options.now ?? Date.now();
  const batchSize = Math.max(1, options.batchSize ?? 50);
  const ids = (await flowRuns(db, filter).primaryKeys()) as string[];
  const totals: FlowTimeTotals = { counted: 0, total: ids.length, modelMs: 0, reviewWaitMs: 0 };
  for (let from = 0; from < ids.length; from += batchSize) {
    if (options.signal?.aborted) break;
    const batch = ids.slice(from, from + batchSize);
    const loaded = await db.transaction('r', db.runs, db.stepLog, db.reviews, async () => {
      const [runs, reviews, logs] = await Promise.all([db.runs.bulkGet(batch), db.reviews.where('runId').anyOf(batch).toArray(), Promise.all(batch.map((id) => runLog(db, id).toArray()))]);
      return { runs, reviews, logs };
    });
    loaded.runs.forEach((run, i) => {
      if (!run) return;
      const trace = buildTrace(run, foldStepLog(loaded.logs[i] ?? []), loaded.reviews.filter((item) => item.runId === run.id), now);
      totals.modelMs += trace.totals.modelMs;
      totals.reviewWaitMs += trace.totals.reviewWaitMs;
      totals.counted += 1;
    });
    options.onProgress?.({ ...totals });
    // Let the page breathe between batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return totals;
}
