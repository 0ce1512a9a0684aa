/**
 * What the Trust page reads (through liveQuery, so it follows runs and decisions live): one row
 * per step with a trust record, named after its flow and node as they are now, and one step's
 * record with its recent history and every tier change.
 */
import type { FlowDoc } from '../engine/flow/schema';
import type { TrustRecord } from '../engine/trust';
import type { TrellisDB } from './db';
import type { TrustEventRow, TrustRow } from './trustRows';
import { listTrustRows, loadTierChanges, loadTrustRecord } from './trustStore';

export interface StepNames {
  flowName: string;
  stepLabel: string;
  /** The node's kind, when it is still in the flow. */
  stepKind?: string;
  /** False when the flow or the node is gone (the record stays as history). */
  inFlow: boolean;
}

export interface TrustOverviewRow extends StepNames {
  row: TrustRow;
}

function namesOf(row: Pick<TrustRow, 'flowId' | 'nodeId'>, doc: FlowDoc | undefined): StepNames {
  const node = doc?.nodes.find((n) => n.id === row.nodeId);
  return {
    flowName: doc?.name ?? row.flowId,
    stepLabel: node?.label ?? row.nodeId,
    ...(node ? { stepKind: node.kind } : {}),
    inFlow: node !== undefined,
  };
}

async function docsOf(db: TrellisDB, flowIds: readonly string[]): Promise<Map<string, FlowDoc>> {
  const ids = [...new Set(flowIds)];
  const rows = await db.flows.bulkGet(ids);
  const docs = new Map<string, FlowDoc>();
  rows.forEach((row, i) => {
    if (row) docs.set(ids[i] as string, row.doc);
  });
  return docs;
}

/** Steps with a trust record (of one flow, or all), by flow name then step label. */
export async function trustOverview(db: TrellisDB, flowId?: string): Promise<TrustOverviewRow[]> {
  return db.transaction('r', db.trust, db.flows, async () => {
    const rows = await listTrustRows(db, flowId);
    const docs = await docsOf(db, rows.map((row) => row.flowId));
    return rows
      .map((row) => ({ row, ...namesOf(row, docs.get(row.flowId)) }))
      .sort((a, b) => a.flowName.localeCompare(b.flowName) || a.stepLabel.localeCompare(b.stepLabel) || a.row.key.localeCompare(b.row.key));
  });
}

/** The flows that have steps with trust records, for the page's filter: id and current name. */
export async function trustFlows(db: TrellisDB): Promise<{ id: string; name: string }[]> {
  return db.transaction('r', db.trust, db.flows, async () => {
    const ids = [...new Set((await db.trust.toArray()).map((row) => row.flowId))];
    const docs = await docsOf(db, ids);
    return ids.map((id) => ({ id, name: docs.get(id)?.name ?? id })).sort((a, b) => a.name.localeCompare(b.name));
  });
}

export interface TrustDetail extends StepNames {
  /** The record, with its recent events (see loadTrustRecord) as history. */
  record: TrustRecord;
  /** Every tier change, oldest first: created, promoted, demoted, set by hand, fingerprint resets. */
  tierChanges: TrustEventRow[];
}

/** One step's record, names and tier history; undefined when it has no record. */
export async function trustDetail(db: TrellisDB, key: string): Promise<TrustDetail | undefined> {
  return db.transaction('r', db.trust, db.trustEvents, db.flows, async () => {
    const record = await loadTrustRecord(db, key);
    if (!record) return undefined;
    const doc = (await db.flows.get(record.flowId))?.doc;
    return { record, tierChanges: await loadTierChanges(db, key), ...namesOf(record, doc) };
  });
}
