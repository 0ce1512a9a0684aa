/**
 * What the audit trail learns from the database itself: a Dexie middleware that watches the
 * writes of a few tables and, once their transaction has committed (never for one that aborted),
 * records what changed:
 * - trustEvents: tier changes (created, promoted, demoted, set by hand, reset by a configuration
 *   change), with who made them;
 * - reviews: a decision stored on an item that had none (who, action, item; a rejection's reason);
 * - snapshots: a named version of a flow saved (with its content hash);
 * - settings: providers added, changed or removed, the default provider, the reviewer's name;
 * - secrets: that the API key of a provider (or another secret, by its id) was set, replaced or
 *   removed. Never the key: nothing of a secret's value goes into an entry, not even masked.
 * Whichever code path writes them (review queue, Trust page, flow saves, Settings, another
 * helper), they are recorded; other tables pass through untouched, so run checkpoints pay nothing.
 * Register before the database opens (Dexie builds its middleware stack then).
 */
import { Dexie, type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type Middleware } from 'dexie';
import type { AuditDraft } from '../engine/audit/types';
import { hashValue } from '../engine/audit/hash';
import { flowVersionHash } from '../engine/flow/hash';
import type { FlowDoc } from '../engine/flow/schema';
import type { ReviewItem } from '../engine/run/types';
import type { JsonValue } from '../engine/util/json';
import type { SettingRow, SnapshotRow, TrellisDB } from './db';
import type { AuditLog, PendingDraft } from './auditLog';
import { DEFAULT_PROVIDER_KEY, DEMO_PROVIDER, PROVIDER_PREFIX, REVIEWER_NAME_KEY, readReviewerName, secretIdFor } from './settingsRepo';
import { TIER_CHANGE_KINDS, type TrustEventRow } from './trustRows';

/** What a committed write to one table means for the audit trail. */
type Capture = (req: DBCoreMutateRequest, before: ReadonlyMap<unknown, unknown>, res: DBCoreMutateResponse) => PendingDraft[];

interface Watch {
  /** Whether the values a request replaces or deletes must be read first (in its transaction). */
  readsBefore: (req: DBCoreMutateRequest) => unknown[];
  capture: Capture;
}

const TIER_CHANGES: ReadonlySet<string> = new Set(TIER_CHANGE_KINDS);
const API_KEY_PREFIX = secretIdFor('');

/** Values written by an add or put, without those that failed. */
function written<T>(req: DBCoreMutateRequest, res: DBCoreMutateResponse): T[] {
  if (req.type !== 'add' && req.type !== 'put') return [];
  return req.values.filter((_, i) => !res.failures[i]) as T[];
}

const compact = (data: Record<string, JsonValue | undefined>): Record<string, JsonValue> =>
  Object.fromEntries(Object.entries(data).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined));

function trustDraft(event: TrustEventRow): AuditDraft {
  const slash = event.key.indexOf('/');
  return {
    at: event.at,
    type: 'trust.changed',
    ...(event.by ? { actor: event.by } : {}),
    subject: { trustKey: event.key, flowId: event.key.slice(0, slash), nodeId: event.key.slice(slash + 1) },
    data: compact({ change: event.kind, from: event.from, to: event.to, reason: event.reason, fingerprint: event.fingerprint }),
  };
}

function decisionDraft(item: ReviewItem): PendingDraft | null {
  const decision = item.decision;
  if (!decision) return null;
  return async () => ({
    at: decision.at,
    type: 'review.decided',
    actor: decision.by,
    subject: { reviewId: item.id, runId: item.runId, flowId: item.flowId, gateNodeId: item.gateNodeId, ...(item.subjectNodeId ? { nodeId: item.subjectNodeId } : {}) },
    data: compact({
      action: decision.action,
      flowName: item.flowName,
      step: item.subjectLabel ?? item.gateLabel,
      reason: decision.action === 'reject' ? decision.reason : undefined,
      editedOutputHash: decision.action === 'edit' ? await hashValue(decision.editedOutput) : undefined,
    }),
  });
}

/** An http(s) address without user name, password, query or fragment. */
function endpointOf(baseURL: unknown): string | undefined {
  if (typeof baseURL !== 'string') return undefined;
  try {
    const url = new URL(baseURL);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return undefined;
  }
}

interface ProviderValue {
  config?: { id?: unknown; kind?: unknown; label?: unknown; baseURL?: unknown; defaultModel?: unknown };
  keyStorage?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What a settings row's change says, by its key; values only from an allowlist of fields. */
function settingData(key: string, value: unknown, previous: unknown, removed: boolean): Record<string, JsonValue> {
  if (key.startsWith(PROVIDER_PREFIX)) {
    const provider = key.slice(PROVIDER_PREFIX.length);
    const stored = (removed ? previous : value) as ProviderValue | undefined;
    const config = stored?.config;
    return compact({
      change: removed ? 'provider_removed' : previous === undefined ? 'provider_added' : 'provider_changed',
      provider,
      label: text(config?.label),
      kind: text(config?.kind),
      model: removed ? undefined : text(config?.defaultModel),
      endpoint: removed ? undefined : endpointOf(config?.baseURL),
      keyStorage: removed ? undefined : text(stored?.keyStorage),
    });
  }
  if (key === DEFAULT_PROVIDER_KEY) {
    const id = removed ? DEMO_PROVIDER.id : text((value as { id?: unknown } | undefined)?.id);
    return compact({ change: 'default_provider', provider: id });
  }
  if (key === REVIEWER_NAME_KEY) return { change: 'reviewer_name', name: removed ? null : (text(value) ?? null) };
  return { change: removed ? 'removed' : 'set', key };
}

/** Whether a settings value changed, not counting when it was last saved. */
function same(a: unknown, b: unknown): boolean {
  const strip = (value: unknown) => (value && typeof value === 'object' && 'updatedAt' in value ? { ...value, updatedAt: 0 } : value);
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** Marks a draft as made by the person using this browser (Settings' reviewer name). */
const BY_PERSON = Symbol('by the person using this browser');
type PersonDraft = PendingDraft & { [BY_PERSON]?: true };

function byPerson(make: () => Promise<AuditDraft> | AuditDraft): PendingDraft {
  const draft: PersonDraft = () => make();
  draft[BY_PERSON] = true;
  return draft;
}

function keysOf(req: DBCoreMutateRequest, table: DBCoreTable): unknown[] {
  if (req.type === 'delete') return req.keys;
  if (req.type === 'put' || req.type === 'add') return req.values.map((value) => table.schema.primaryKey.extractKey?.(value) ?? null);
  return [];
}

function watches(db: TrellisDB, table: DBCoreTable): Watch | null {
  const now = () => Date.now();
  switch (table.name) {
    case 'trustEvents':
      return {
        readsBefore: () => [],
        capture: (req, _before, res) => written<TrustEventRow>(req, res).filter((event) => TIER_CHANGES.has(event.kind)).map(trustDraft),
      };
    case 'reviews':
      return {
        // Only items written with a decision need their stored version (checkpoints write none).
        readsBefore: (req) => (req.type === 'put' || req.type === 'add' ? (req.values as ReviewItem[]).filter((item) => item.decision).map((item) => item.id) : []),
        capture: (req, before, res) =>
          written<ReviewItem>(req, res)
            .filter((item) => item.decision && !(before.get(item.id) as ReviewItem | undefined)?.decision)
            .map(decisionDraft)
            .filter((draft): draft is PendingDraft => draft !== null),
      };
    case 'snapshots':
      return {
        readsBefore: () => [],
        capture: (req, _before, res) =>
          req.type !== 'add'
            ? []
            : written<SnapshotRow>(req, res).map((row) =>
                byPerson(async () => ({
                  at: row.createdAt,
                  type: 'flow.version_saved',
                  subject: { flowId: row.flowId, snapshotId: row.id },
                  data: { name: row.name, flowName: (row.doc as FlowDoc).name, versionHash: await flowVersionHash(row.doc) },
                })),
              ),
      };
    case 'settings':
      return {
        readsBefore: (req) => keysOf(req, table),
        capture: (req, before, res) => {
          const at = now();
          if (req.type === 'deleteRange') return [byPerson(() => ({ at, type: 'settings.changed', subject: {}, data: { change: 'cleared' } }))];
          if (req.type === 'delete') {
            return req.keys
              .filter((key) => before.get(key) !== undefined)
              .map((key) => byPerson(() => ({ at, type: 'settings.changed', subject: { setting: String(key) }, data: settingData(String(key), undefined, (before.get(key) as SettingRow).value, true) })));
          }
          return written<SettingRow>(req, res)
            .filter((row) => !same((before.get(row.key) as SettingRow | undefined)?.value, row.value))
            .map((row) => byPerson(() => ({ at, type: 'settings.changed', subject: { setting: row.key }, data: settingData(row.key, row.value, (before.get(row.key) as SettingRow | undefined)?.value, false) })));
        },
      };
    case 'secrets':
      return {
        readsBefore: (req) => keysOf(req, table),
        // Values are compared here and never copied into an entry.
        capture: (req, before, res) => {
          const at = now();
          // A provider's API key, or another secret (e.g. a trace collector's header), by its id.
          const entry = (id: unknown, change: string) =>
            byPerson((): AuditDraft =>
              String(id).startsWith(API_KEY_PREFIX)
                ? { at, type: 'api_key.changed', subject: { provider: String(id).slice(API_KEY_PREFIX.length) }, data: { change } }
                : { at, type: 'settings.changed', subject: { secret: String(id) }, data: { change: `secret_${change}` } },
            );
          if (req.type === 'deleteRange') return [byPerson(() => ({ at, type: 'api_key.changed', subject: {}, data: { change: 'all_removed' } }))];
          if (req.type === 'delete') return req.keys.filter((key) => before.get(key) !== undefined).map((key) => entry(key, 'removed'));
          return written<{ id: string; value: string }>(req, res)
            .filter((row) => (before.get(row.id) as { value?: string } | undefined)?.value !== row.value)
            .map((row) => entry(row.id, before.get(row.id) === undefined ? 'set' : 'replaced'));
        },
      };
    default:
      return null;
  }
}

/** Drafts waiting for their transaction to commit. */
const waiting = new WeakMap<object, PendingDraft[]>();

/**
 * Records the drafts once `trans` commits. Drafts made by the person get the reviewer name as it
 * stands right after the commit (read then, once for the transaction, outside it).
 */
function afterCommit(db: TrellisDB, trans: object, drafts: PendingDraft[], log: Pick<AuditLog, 'record'>): void {
  const list = waiting.get(trans);
  if (list) {
    list.push(...drafts);
    return;
  }
  waiting.set(trans, [...drafts]);
  const target = trans as EventTarget;
  target.addEventListener('complete', () => {
    const committed = waiting.get(trans) ?? [];
    waiting.delete(trans);
    const person = committed.some((draft) => (draft as PersonDraft)[BY_PERSON])
      ? Dexie.ignoreTransaction(() => readReviewerName(db)).then(
          (found) => found.name,
          () => undefined,
        )
      : undefined;
    for (const draft of committed) {
      if (!(draft as PersonDraft)[BY_PERSON] || typeof draft !== 'function') {
        log.record(draft);
        continue;
      }
      log.record(async () => {
        const made = await draft();
        const name = await person;
        return made && name ? { ...made, actor: name } : made;
      });
    }
  });
  target.addEventListener('abort', () => waiting.delete(trans));
}

/** Installs the middleware on `db` (before it opens): committed changes are recorded in `log`. */
export function captureAudit(db: TrellisDB, log: Pick<AuditLog, 'record'>): void {
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'trellis-audit-capture',
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        const watch = watches(db, table);
        if (!watch) return table;
        return {
          ...table,
          async mutate(req) {
            const keys = watch.readsBefore(req).filter((key) => key !== null && key !== undefined);
            const before = new Map<unknown, unknown>();
            if (keys.length > 0) {
              const found = await table.getMany({ trans: req.trans, keys });
              keys.forEach((key, i) => before.set(key, found[i]));
            }
            const res = await table.mutate(req);
            const drafts = watch.capture(req, before, res);
            if (drafts.length > 0) afterCommit(db, req.trans, drafts, log);
            return res;
          },
        };
      },
    }),
  };
  db.use(middleware);
}
