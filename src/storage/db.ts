/**
 * Trellis's IndexedDB database (Dexie). The schema is a list of migrations: each later version
 * declares only the tables it adds or changes, plus an upgrade function for existing data, and
 * gets a case in `migrations.test.ts` that writes data with the previous version and checks it
 * after the upgrade (the test fails when a migration has no case).
 *
 * Index choices (DESIGN.md "Persistence", issues 3 and 4):
 * - runs: the runs list is newest first, optionally filtered by flow and/or status, over 10,000+
 *   runs: `createdAt`, `[flowId+createdAt]`, `[status+createdAt]`, `[flowId+status+createdAt]`
 *   let every filter combination walk an index in order with a limit (no scan, no sort).
 *   `where('flowId')` works through the first part of `[flowId+createdAt]`.
 * - stepLog: step records are written as a log, one row per run per write transaction holding
 *   every step record that transaction saved (`[runId+seq]`). IndexedDB's cost is mostly per row
 *   (about 45 us a row in Chromium, whatever its size), so a 1,000-step run costs a handful of
 *   rows instead of 1,000. Reading a run folds its rows in order: the last record of a step wins.
 * - flows: the library sorts by last edited or name; flowVersions: by hash, and a flow's versions
 *   newest first.
 * - reviews (version 2): the review queue lists pending items oldest first over 10,000+ items,
 *   optionally by flow, by flow and gate step, or by why they are there (reason.kind); each of
 *   those walks one compound index starting with `status`, in createdAt order, with a limit.
 *   `runId` finds a run's items (resume, run detail); `flowId` a flow's; `[flowId+subjectNodeId+
 *   createdAt]` the reviewed outputs of one step (trust evidence, JSONL export).
 * - trust (version 2): one row per step with a trust record (`trustKey(flowId, nodeId)`): its tier,
 *   evidence, seed and earlier fingerprints, but not its event history, which goes to
 *   - trustEvents: one row per event, `[key+seq]` with seq counted per step on its trust row, so an
 *   execution writes the small trust row and one event row instead of rewriting a history of
 *   thousands of events. `[key+kind+seq]` lists a step's tier changes without reading its
 *   executions; `&reviewId` (on decision events) marks a review item as counted, exactly once.
 *   See trustStore.ts.
 * - audit (version 3): the hash-chained audit trail, one row per entry keyed by its `seq` (so two
 *   writers can never store two entries at one place in the chain), `[type+seq]` for the Audit
 *   page's type filter, newest first; auditHead: one row (`id: 'head'`) naming the last entry's
 *   seq and hash, written with the entries it ends (entries cut from the end are then missing
 *   from the chain, not just gone). See auditLog.ts.
 * Coming tables (spans, llmCache) are added as version 4+ migrations.
 */
import { Dexie, type Table, type Transaction } from 'dexie';
import type { FlowDoc } from '../engine/flow/schema';
import type { FlowVersionRecord, ReviewItem, RunRecord, StepRecord } from '../engine/run/types';
import type { AuditEntry } from '../engine/audit/types';
import type { TrustEventRow, TrustRow } from './trustRows';

/** A flow in the library: its current (autosaved) document. */
export interface FlowRow {
  id: string;
  name: string;
  doc: FlowDoc;
  createdAt: number;
  updatedAt: number;
  /**
   * Bumped by every save. A tab saves only over the revision it loaded, so two tabs editing one
   * flow never overwrite each other silently (the second is told and chooses).
   */
  revision: number;
}

/** A named version of a flow (a snapshot the analyst can list and restore). */
export interface SnapshotRow {
  id: string;
  flowId: string;
  name: string;
  doc: FlowDoc;
  createdAt: number;
}

/** A flow run over a dataset: one run per row, grouped. */
export interface BatchRow {
  id: string;
  flowId: string;
  flowName: string;
  /** The dataset's file name, for display. */
  source: string;
  /** Dataset column (or JSONL key) per flow input name. */
  mapping: Record<string, string>;
  concurrency: number;
  total: number;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  createdAt: number;
  finishedAt?: number;
  /** Run id per dataset row (index = row number), filled as rows start. */
  runIds: (string | null)[];
}

/** One write transaction's step records for one run (see "stepLog" above). */
export interface StepLogRow {
  runId: string;
  /** 0, 1, 2, ... per run, in commit order. */
  seq: number;
  steps: StepRecord[];
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A remembered secret (an API key). Never exported, logged or shown back in full. */
export interface SecretRow {
  id: string;
  value: string;
  updatedAt: number;
}

/** Where the audit chain ends (see "audit" above). */
export interface AuditHeadRow {
  id: 'head';
  seq: number;
  hash: string;
}

export interface Migration {
  version: number;
  /** What changes, in words (shown nowhere; for the next reader). */
  description: string;
  /** Dexie store specs of the tables this version adds or changes; null deletes a table. */
  stores: Record<string, string | null>;
  /** Rewrites data written by the previous version. */
  upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'First cut: flows, snapshots, flow versions, runs, dataset batches, the step log, settings, secrets.',
    stores: {
      flows: 'id, updatedAt, name',
      flowVersions: 'hash, [flowId+createdAt]',
      runs: 'id, createdAt, [flowId+createdAt], [status+createdAt], [flowId+status+createdAt], batchId',
      stepLog: '[runId+seq]',
      settings: 'key',
      secrets: 'id',
      snapshots: 'id, [flowId+createdAt]',
      batches: 'id, [flowId+createdAt], createdAt',
    },
  },
  {
    version: 2,
    description: 'Review items of review gates (durable pauses), indexed for the review queue and trust evidence; trust records of steps and their event log.',
    stores: {
      reviews:
        'id, runId, flowId, [status+createdAt], [status+flowId+createdAt], [status+flowId+gateNodeId+createdAt], [status+reason.kind+createdAt], [status+flowId+reason.kind+createdAt], [flowId+subjectNodeId+createdAt]',
      trust: 'key, flowId',
      trustEvents: '[key+seq], [key+kind+seq], &reviewId',
    },
    // Version 1 had no review gates, so no run is paused and no step waits for review: existing
    // runs and steps are valid as they are. The function stays as the place for later fixes.
    upgrade: () => undefined,
  },
  {
    version: 3,
    description: 'The hash-chained audit trail and the row recording its head.',
    stores: {
      audit: 'seq, [type+seq]',
      auditHead: 'id',
    },
    // Nothing before version 3 was audited: the trail starts empty, with no head row.
    upgrade: () => undefined,
  },
];

export const SCHEMA_VERSION = Math.max(...migrations.map((m) => m.version));
export const DEFAULT_DB_NAME = 'trellis';

export interface TrellisDBOptions {
  /** Database name (default 'trellis'); tests use a fresh name each. */
  name?: string;
  /** IndexedDB implementation, e.g. fake-indexeddb's in Node tests. Default: the global one. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Open at this schema version instead of the newest (upgrade tests). */
  version?: number;
  /** The migration list (default: `migrations`); upgrade tests pass a synthetic one. */
  migrations?: readonly Migration[];
}

export class TrellisDB extends Dexie {
  declare flows: Table<FlowRow, string>;
  declare flowVersions: Table<FlowVersionRecord, string>;
  declare runs: Table<RunRecord, string>;
  declare stepLog: Table<StepLogRow, [string, number]>;
  declare settings: Table<SettingRow, string>;
  declare secrets: Table<SecretRow, string>;
  declare snapshots: Table<SnapshotRow, string>;
  declare batches: Table<BatchRow, string>;
  declare reviews: Table<ReviewItem, string>;
  declare trust: Table<TrustRow, string>;
  declare trustEvents: Table<TrustEventRow, [string, number]>;
  declare audit: Table<AuditEntry, number>;
  declare auditHead: Table<AuditHeadRow, string>;

  constructor(options: TrellisDBOptions = {}) {
    super(options.name ?? DEFAULT_DB_NAME, {
      // Commits are handed to the operating system without waiting for the disk (no fsync): they
      // survive a reload, a closed tab and a browser crash, which is what run checkpoints need;
      // only a power cut can lose the newest ones.
      chromeTransactionDurability: 'relaxed',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    const list = options.migrations ?? migrations;
    const upTo = options.version ?? Math.max(...list.map((m) => m.version));
    let previous = 0;
    for (const migration of list) {
      if (migration.version <= previous) {
        throw new Error(`Migrations must have increasing versions (${migration.version} after ${previous}).`);
      }
      previous = migration.version;
      if (migration.version > upTo) break;
      const version = this.version(migration.version).stores(migration.stores);
      if (migration.upgrade) version.upgrade(migration.upgrade);
    }
  }
}
