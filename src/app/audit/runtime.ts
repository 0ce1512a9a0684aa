/**
 * The app's audit trail, fed from what happens in this tab: the run event stream (runs started
 * and finished with their flow version, step results as hashes of their inputs and outputs) and
 * flow imports. Everything else it records (review decisions, trust tier changes, named versions,
 * settings and API key changes) is captured from committed writes (storage/auditCapture.ts,
 * installed with the database in runtime/database.ts).
 *
 * Recording costs the run a push onto the writer's queue: hashing and writing happen later, in
 * batches (storage/auditLog.ts), never inside the executor or its checkpoints.
 */
import { hashValue } from '../../engine/audit/hash';
import type { AuditDraft } from '../../engine/audit/types';
import { flowVersionHash } from '../../engine/flow/hash';
import type { FlowDoc } from '../../engine/flow/schema';
import type { RunEvent, StepRecord } from '../../engine/run/types';
import { readReviewerName } from '../../storage/settingsRepo';
import { auditLog, db } from '../runtime/database';
import { subscribeRunEvents } from '../runs/runController';

function stepDraft(type: 'step.finished' | 'step.failed', at: number, record: StepRecord): () => Promise<AuditDraft> {
  return async () => ({
    at,
    type,
    subject: { runId: record.runId, stepId: record.id, nodeId: record.nodeId },
    data: {
      stepIndex: record.stepIndex,
      visit: record.visit,
      kind: record.kind,
      label: record.label,
      status: record.status,
      attempts: record.attempts.length,
      inputsHash: await hashValue(record.inputs),
      outputsHash: record.outputs === null ? null : await hashValue(record.outputs),
      ...(record.error ? { errorCode: record.error.code } : {}),
    },
  });
}

/** The entry a run event makes, if it makes one. */
export function auditDraftOf(event: RunEvent): (() => Promise<AuditDraft>) | null {
  switch (event.type) {
    case 'run.started':
      return async () => {
        const run = await db.runs.get(event.runId);
        return {
          at: event.at,
          type: 'run.started',
          subject: { runId: event.runId, ...(run ? { flowId: run.flowId } : {}) },
          data: {
            flowVersion: event.flowVersion,
            resumed: event.resumed,
            ...(run ? { flowName: run.flowName, inputsHash: await hashValue(run.inputs), ...(run.batchId ? { batchId: run.batchId } : {}) } : {}),
          },
        };
      };
    case 'run.finished':
      return async () => {
        const { run } = event;
        return {
          at: event.at,
          type: 'run.finished',
          subject: { runId: run.id, flowId: run.flowId },
          data: {
            flowVersion: run.flowVersion,
            flowName: run.flowName,
            status: run.status,
            outputsHash: await hashValue(run.outputs),
            ...(run.error ? { errorCode: run.error.code } : {}),
          },
        };
      };
    case 'step.finished':
    case 'step.failed':
      return stepDraft(event.type, event.at, event.record);
    default:
      return null;
  }
}

/** Records a run event of this tab (the events that make no entry cost nothing). */
export function auditRunEvent(event: RunEvent): void {
  const draft = auditDraftOf(event);
  if (draft) auditLog.record(draft);
}

/** Records that a flow file was imported: as a new flow, a copy beside one with its id, or in its place. */
export function auditFlowImport(doc: FlowDoc, fileName: string, mode: 'new' | 'copy' | 'replace'): void {
  const at = Date.now();
  const person = readReviewerName(db).then(
    (found) => found.name,
    () => undefined,
  );
  auditLog.record(async () => {
    const actor = await person;
    return {
      at,
      type: 'flow.imported',
      ...(actor ? { actor } : {}),
      subject: { flowId: doc.id },
      data: { name: doc.name, fileName, mode, versionHash: await flowVersionHash(doc) },
    };
  });
}

let started = false;

/** Starts recording this tab's runs (once, at start-up). */
export function initAudit(): void {
  if (started) return;
  started = true;
  subscribeRunEvents(auditRunEvent);
  // Entries wait a few milliseconds in memory to share a transaction; a tab being hidden (perhaps
  // about to close) writes them at once.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void auditLog.flush();
  });
}
