/**
 * Dataset runs in this tab: creates the batch record, executes it under the batch's lease (one
 * tab runs a batch at a time; each row's run also has its own lease), and cancels or resumes it.
 */
import { create } from 'zustand';
import type { FlowDoc } from '../../engine/flow/schema';
import { createBatch, type StoredBatch } from '../../storage/batches';
import { db } from '../runtime/database';
import { executeBatch, type BatchHandle, type RowExecution } from './batchExecution';
import { onChannelMessage, postChannelMessage } from './channel';
import { isLeased, tryLease } from './lease';
import { cancelRun, launchRun, resumeLocalRun, type Launch } from './runController';

const handles = new Map<string, BatchHandle>();

export const useLocalBatches = create<{ ids: ReadonlySet<string> }>()(() => ({ ids: new Set<string>() }));

function setLocal(batchId: string, local: boolean): void {
  const ids = new Set(useLocalBatches.getState().ids);
  if (local) ids.add(batchId);
  else ids.delete(batchId);
  useLocalBatches.setState({ ids });
}

export function useIsLocalBatch(batchId: string): boolean {
  return useLocalBatches((state) => state.ids.has(batchId));
}

function row(launch: Launch): RowExecution {
  return {
    // A run another tab holds, or one already finished, is not this batch's to wait for.
    done: launch.done.then((outcome) => (typeof outcome === 'string' ? 'busy' : outcome)),
    cancel: () => void cancelRun(launch.runId),
  };
}

const deps = {
  db,
  start: (doc: FlowDoc, inputs: Record<string, unknown>, runId: string, batchId: string) => row(launchRun(doc, inputs, { runId, batchId })),
  resume: (runId: string) => row(resumeLocalRun(runId)),
};

/** Executes the batch here if no other tab does; resolves 'busy' when one does. */
function run(batchId: string, resume?: 'reload' | 'request'): Promise<StoredBatch['status'] | 'busy'> {
  setLocal(batchId, true);
  return tryLease('batch', batchId, async () => {
    const handle = executeBatch(batchId, deps, resume ? { resume } : {});
    handles.set(batchId, handle);
    try {
      return await handle.done;
    } finally {
      handles.delete(batchId);
    }
  }).finally(() => setLocal(batchId, false));
}

export function newBatchId(): string {
  return `batch_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export interface NewBatch {
  doc: FlowDoc;
  source: string;
  mapping: Record<string, string>;
  inputNames: string[];
  inputs: Record<string, unknown>[];
  sourceLines: number[];
  concurrency: number;
}

/** Saves a new dataset run and starts it; resolves with its id once it is saved. */
export async function startBatch(spec: NewBatch): Promise<string> {
  const id = newBatchId();
  // Marked as this tab's before it is saved, so no page takes it for an interrupted batch.
  setLocal(id, true);
  await createBatch(db, {
    id,
    flowId: spec.doc.id,
    flowName: spec.doc.name,
    source: spec.source,
    mapping: spec.mapping,
    concurrency: spec.concurrency,
    total: spec.inputs.length,
    status: 'running',
    createdAt: Date.now(),
    runIds: spec.inputs.map(() => null),
    doc: spec.doc,
    inputs: spec.inputs,
    inputNames: spec.inputNames,
    sourceLines: spec.sourceLines,
  }).catch((error: unknown) => {
    setLocal(id, false);
    throw error;
  });
  void run(id);
  return id;
}

/** Resumes a batch: after a reload (rows without a run start, interrupted runs resume), or on request (cancelled runs too). */
export function resumeBatch(batchId: string, mode: 'reload' | 'request'): Promise<StoredBatch['status'] | 'busy'> {
  return run(batchId, mode);
}

export async function cancelBatch(batchId: string): Promise<void> {
  const handle = handles.get(batchId);
  if (handle) {
    handle.cancel();
    return;
  }
  if (await isLeased('batch', batchId)) {
    postChannelMessage({ type: 'cancel-batch', batchId });
    return;
  }
  // Nobody runs it (its tab is gone): mark it cancelled, and cancel its interrupted runs.
  await tryLease('batch', batchId, async () => {
    const batch = await db.batches.get(batchId);
    if (!batch || batch.status !== 'running') return;
    const runs = await db.runs.where('batchId').equals(batchId).toArray();
    for (const r of runs) if (r.status === 'running') await cancelRun(r.id);
    await db.batches.update(batchId, { status: 'cancelled', finishedAt: Date.now() });
  });
}

onChannelMessage((message) => {
  if (message.type === 'cancel-batch') handles.get(message.batchId)?.cancel();
});
