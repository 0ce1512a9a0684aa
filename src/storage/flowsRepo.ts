/**
 * The flows library in IndexedDB: flows with their current document, saved only over the
 * revision the saver loaded (so two tabs never overwrite each other silently), named versions
 * (snapshots), and soft facts the library shows (last run status). A save that changes a
 * reviewed step's configuration resets its trust in the same transaction (trustReset.ts).
 */
import type { FlowDoc } from '../engine/flow/schema';
import type { RunRecord } from '../engine/run/types';
import { TrellisError } from '../engine/util/errors';
import type { FlowRow, SnapshotRow, TrellisDB } from './db';
import { listRuns } from './runQueries';
import { resetChangedTrust } from './trustReset';

export type SaveResult = { ok: true; revision: number; updatedAt: number } | { ok: false; conflict: FlowRow };

export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  nodeCount: number;
  createdAt: number;
  updatedAt: number;
  lastRun: Pick<RunRecord, 'id' | 'status' | 'createdAt'> | null;
}

export async function getFlow(db: TrellisDB, id: string): Promise<FlowRow | undefined> {
  return db.flows.get(id);
}

/** Adds a new flow; its id must be free (an import with a taken id gets a new one from the caller). */
export async function createFlow(db: TrellisDB, doc: FlowDoc, now = Date.now()): Promise<FlowRow> {
  const row: FlowRow = { id: doc.id, name: doc.name, doc, createdAt: now, updatedAt: now, revision: 1 };
  await db.transaction('rw', db.flows, async () => {
    if (await db.flows.get(doc.id)) throw new TrellisError('input', `A flow with the id "${doc.id}" already exists.`);
    await db.flows.add(row);
  });
  return row;
}

/**
 * Saves `doc` over revision `baseRevision`. When the stored flow has moved on (another tab saved),
 * nothing is written and the stored row is returned so the caller can let the person choose.
 */
export async function saveFlow(db: TrellisDB, doc: FlowDoc, baseRevision: number, now = Date.now()): Promise<SaveResult> {
  return db.transaction('rw', db.flows, db.trust, db.trustEvents, async () => {
    const current = await db.flows.get(doc.id);
    if (!current) throw new TrellisError('not_found', `The flow "${doc.name}" no longer exists; it may have been deleted in another tab.`);
    if (current.revision !== baseRevision) return { ok: false, conflict: current };
    const revision = current.revision + 1;
    await db.flows.put({ ...current, doc, name: doc.name, updatedAt: now, revision });
    await resetChangedTrust(db, doc, now);
    return { ok: true, revision, updatedAt: now };
  });
}

/** Overwrites whatever is stored (the person chose to keep their version in a conflict). */
export async function forceSaveFlow(db: TrellisDB, doc: FlowDoc, now = Date.now()): Promise<{ revision: number }> {
  return db.transaction('rw', db.flows, db.trust, db.trustEvents, async () => {
    const current = await db.flows.get(doc.id);
    const revision = (current?.revision ?? 0) + 1;
    await db.flows.put({ id: doc.id, name: doc.name, doc, createdAt: current?.createdAt ?? now, updatedAt: now, revision });
    await resetChangedTrust(db, doc, now);
    return { revision };
  });
}

/** Longest flow name (the flow schema's limit). */
const MAX_NAME = 200;

/**
 * Changes a flow's name and description (the library's rename), over whatever revision is stored:
 * an editor open in another tab is then told its copy is out of date when it next saves.
 */
export async function renameFlow(db: TrellisDB, id: string, change: { name: string; description?: string }, now = Date.now()): Promise<FlowRow> {
  const name = change.name.trim();
  if (name === '') throw new TrellisError('input', 'A flow needs a name.');
  if (name.length > MAX_NAME) throw new TrellisError('input', `A flow name can be at most ${MAX_NAME} characters (this one has ${name.length}).`);
  return db.transaction('rw', db.flows, async () => {
    const current = await db.flows.get(id);
    if (!current) throw new TrellisError('not_found', 'This flow no longer exists; it may have been deleted in another tab.');
    const doc: FlowDoc = { ...current.doc, name, ...(change.description !== undefined ? { description: change.description } : {}) };
    const row: FlowRow = { ...current, doc, name, updatedAt: now, revision: current.revision + 1 };
    await db.flows.put(row);
    return row;
  });
}

/** "Copy of X", or "Copy of X (2)", "(3)", ... when that name is taken; at most 200 characters. */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = `Copy of ${name}`.slice(0, MAX_NAME);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Copies a flow under a new id and the name "Copy of ..."; snapshots and runs stay with the original. */
export async function duplicateFlow(db: TrellisDB, id: string, newId: string, now = Date.now()): Promise<FlowRow> {
  return db.transaction('rw', db.flows, async () => {
    const source = await db.flows.get(id);
    if (!source) throw new TrellisError('not_found', 'This flow no longer exists; it may have been deleted in another tab.');
    if (await db.flows.get(newId)) throw new TrellisError('input', `A flow with the id "${newId}" already exists.`);
    const taken = new Set((await db.flows.orderBy('name').keys()).map(String));
    const name = copyName(source.name, taken);
    const doc: FlowDoc = { ...structuredClone(source.doc), id: newId, name };
    const row: FlowRow = { id: newId, name, doc, createdAt: now, updatedAt: now, revision: 1 };
    await db.flows.add(row);
    return row;
  });
}

/**
 * Puts an imported document in place of the stored flow with the same id (the person chose
 * "Replace"). Returns the row it replaced, so the replacement can be undone with forceSaveFlow.
 */
export async function replaceFlow(db: TrellisDB, doc: FlowDoc, now = Date.now()): Promise<{ previous: FlowRow | undefined; row: FlowRow }> {
  return db.transaction('rw', db.flows, db.trust, db.trustEvents, async () => {
    const previous = await db.flows.get(doc.id);
    const row: FlowRow = { id: doc.id, name: doc.name, doc, createdAt: previous?.createdAt ?? now, updatedAt: now, revision: (previous?.revision ?? 0) + 1 };
    await db.flows.put(row);
    await resetChangedTrust(db, doc, now);
    return { previous, row };
  });
}

/** Deletes a flow and its snapshots; returns what was deleted so it can be restored (undo). */
export async function deleteFlow(db: TrellisDB, id: string): Promise<{ flow: FlowRow; snapshots: SnapshotRow[] } | undefined> {
  return db.transaction('rw', db.flows, db.snapshots, async () => {
    const flow = await db.flows.get(id);
    if (!flow) return undefined;
    const snapshots = await db.snapshots.where('[flowId+createdAt]').between([id, -Infinity], [id, Infinity]).toArray();
    await db.snapshots.bulkDelete(snapshots.map((s) => s.id));
    await db.flows.delete(id);
    return { flow, snapshots };
  });
}

/** Puts back what deleteFlow removed. */
export async function restoreFlow(db: TrellisDB, deleted: { flow: FlowRow; snapshots: SnapshotRow[] }): Promise<void> {
  await db.transaction('rw', db.flows, db.snapshots, async () => {
    await db.flows.put(deleted.flow);
    await db.snapshots.bulkPut(deleted.snapshots);
  });
}

/** Flows for the library, most recently edited first, with their last run. */
export async function listFlowSummaries(db: TrellisDB): Promise<FlowSummary[]> {
  const rows = await db.flows.orderBy('updatedAt').reverse().toArray();
  return Promise.all(
    rows.map(async (row) => {
      const [last] = await listRuns(db, { flowId: row.id, limit: 1 });
      return {
        id: row.id,
        name: row.name,
        description: row.doc.description,
        nodeCount: row.doc.nodes.length,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        lastRun: last ? { id: last.id, status: last.status, createdAt: last.createdAt } : null,
      };
    }),
  );
}

export async function createSnapshot(db: TrellisDB, doc: FlowDoc, name: string, id: string, now = Date.now()): Promise<SnapshotRow> {
  const row: SnapshotRow = { id, flowId: doc.id, name, doc, createdAt: now };
  await db.snapshots.add(row);
  return row;
}

/** A flow's named versions, newest first. */
export async function listSnapshots(db: TrellisDB, flowId: string): Promise<SnapshotRow[]> {
  return db.snapshots.where('[flowId+createdAt]').between([flowId, -Infinity], [flowId, Infinity]).reverse().toArray();
}

export async function deleteSnapshot(db: TrellisDB, id: string): Promise<void> {
  await db.snapshots.delete(id);
}
