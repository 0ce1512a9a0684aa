/**
 * The Dexie TrustStore: the engine's trust records (`../engine/trust`) in IndexedDB.
 *
 * A record is stored in two parts (tables in db.ts, shapes in trustRows.ts): the `trust` row
 * (tier, evidence, seed, earlier fingerprints: a few hundred bytes) and its history in
 * `trustEvents`, one row per event. An execution of a step with 50,000 earlier executions
 * writes its small row and one event, not the whole history. The engine's functions append to
 * `record.history`, so `update` hands `change` the record with an empty history, and stores
 * whatever events `change` appended. Nothing in the engine's record functions reads the history
 * (only `series`, for charts, which `loadTrustRecord` feeds with the retained events).
 *
 * `update` reads, changes and writes in one read-write transaction: IndexedDB runs read-write
 * transactions over the same table one after another (also across tabs), so concurrent updates
 * never lose an increment. Called inside a transaction that includes both tables (see
 * trustDecisions.ts), it joins it.
 */
import { Dexie } from 'dexie';
import { MAX_HISTORY, type TrustRecord, type TrustStore } from '../engine/trust';
import type { TrellisDB } from './db';
import { recordOf, rowsOf, TIER_CHANGE_KINDS, type TrustEventRow, type TrustRow } from './trustRows';

export type TrustChange = (current: TrustRecord | undefined) => TrustRecord;

export interface DexieTrustStore extends TrustStore {
  /** The record with its last `limit` events (default MAX_HISTORY) as history; undefined when none. */
  load(key: string, limit?: number): Promise<TrustRecord | undefined>;
}

/**
 * Applies `change` to the record at `key` and stores the result in one transaction; returns the
 * record as stored, its `history` holding the events this update added. `tag.reviewId` marks the
 * decision event it adds as the count of that review item (unique: a second count fails).
 */
export function updateTrust(db: TrellisDB, key: string, change: TrustChange, tag: { reviewId?: string } = {}): Promise<TrustRecord> {
  return db.transaction('rw', db.trust, db.trustEvents, async () => {
    const row = await db.trust.get(key);
    const current = row ? recordOf(row, []) : undefined;
    const next = change(current);
    if (next === current) return next;
    if (next.key !== key) throw new Error(`A trust update for "${key}" returned the record of "${next.key}".`);
    const written = rowsOf(next, row, tag);
    await db.trust.put(written.row);
    if (written.events.length > 0) await db.trustEvents.bulkAdd(written.events);
    return next;
  });
}

/** `updateTrust` of a record that must exist (a missing one throws, rolling the transaction back). */
export function updateExistingTrust(db: TrellisDB, key: string, change: (current: TrustRecord) => TrustRecord, tag: { reviewId?: string } = {}): Promise<TrustRecord> {
  return updateTrust(
    db,
    key,
    (current) => {
      if (!current) throw new Error(`There is no trust record "${key}".`);
      return change(current);
    },
    tag,
  );
}

export function createDexieTrustStore(db: TrellisDB): DexieTrustStore {
  return {
    update: (key, change) => updateTrust(db, key, change),
    load: (key, limit) => loadTrustRecord(db, key, limit),
  };
}

/** A step's events, oldest first. */
function eventsOf(db: TrellisDB, key: string) {
  return db.trustEvents.where('[key+seq]').between([key, Dexie.minKey], [key, Dexie.maxKey], true, true);
}

/**
 * The record at `key` with its last `limit` events (MAX_HISTORY by default, as the engine keeps
 * in memory) as history; `trimmedExecutions` counts the executions before them.
 */
export async function loadTrustRecord(db: TrellisDB, key: string, limit = MAX_HISTORY): Promise<TrustRecord | undefined> {
  return db.transaction('r', db.trust, db.trustEvents, async () => {
    const row = await db.trust.get(key);
    if (!row) return undefined;
    const events = await eventsOf(db, key).reverse().limit(limit).toArray();
    return recordOf(row, events.reverse());
  });
}

/** Every tier change of a step (created, promoted, demoted, set by hand, fingerprint resets), oldest first. */
export async function loadTierChanges(db: TrellisDB, key: string): Promise<TrustEventRow[]> {
  const lists = await Promise.all(
    TIER_CHANGE_KINDS.map((kind) => db.trustEvents.where('[key+kind+seq]').between([key, kind, Dexie.minKey], [key, kind, Dexie.maxKey], true, true).toArray()),
  );
  return lists.flat().sort((a, b) => a.seq - b.seq);
}

/** The stored rows of a flow's steps (or of every step), without history. */
export function listTrustRows(db: TrellisDB, flowId?: string): Promise<TrustRow[]> {
  return flowId ? db.trust.where('flowId').equals(flowId).toArray() : db.trust.toArray();
}
