/**
 * The audit trail's writer (tables `audit` and `auditHead`, see db.ts): entries are queued in
 * memory, then written in batches, each batch in ONE read-write transaction that checks the head
 * and adds the entries after it. A run of 1,000 steps costs a handful of transactions, and nothing
 * here runs inside a run's checkpoints: entries come from the run's event stream and from
 * committed writes (auditCapture.ts), after the fact.
 *
 * One chain across tabs. Hashing (Web Crypto) is asynchronous, and an IndexedDB transaction
 * commits as soon as it waits on anything else, so the hashes cannot be computed inside the
 * transaction that writes them. Instead:
 * 1. under a Web Lock (`trellis-audit`), so tabs take turns, the head is read and the batch is
 *    chained after it;
 * 2. one transaction reads the head row again and writes the entries and the new head only if
 *    the head has not moved; if it moved (possible only without Web Locks, as in Node tests, or
 *    in a browser without them), the batch is chained again after the new head and retried.
 * Entries are keyed by seq, so even a writer that skipped the check could not put a second entry
 * at a place in the chain: its transaction fails instead.
 *
 * A queued entry may be a function that makes it (e.g. hashing a step's inputs and outputs),
 * called when its batch is written, in queue order: recording costs the caller a push.
 */
import { chainDrafts } from '../engine/audit/hash';
import { EMPTY_HEAD, type AuditDraft, type AuditEntry, type AuditHead } from '../engine/audit/types';
import type { TrellisDB } from './db';

export type PendingDraft = AuditDraft | (() => Promise<AuditDraft | null> | AuditDraft | null);

export type AuditLock = <T>(work: () => Promise<T>) => Promise<T>;

export interface AuditLogOptions {
  /** Makes tabs take turns (default: the Web Lock `trellis-audit` where the browser has Web Locks). */
  lock?: AuditLock | null;
  /** How long the first queued entry waits for others to share its transaction (default 25 ms). */
  delayMs?: number;
  /** Entries per transaction at most (default 1,000). */
  maxBatch?: number;
  /** Told when entries could not be made or written. */
  onError?: (error: unknown) => void;
}

export interface AuditLog {
  /** Queues an entry (or a function making it, called when it is written). */
  record(draft: PendingDraft): void;
  /** Writes everything queued so far; resolves when done (failures go to onError). */
  flush(): Promise<void>;
  /** Entries queued and not yet written. */
  readonly pending: number;
  /** The last failure, if any (the Audit page says so). */
  readonly lastError: unknown;
  /** How many times a batch was chained again because another writer moved the head. */
  readonly retries: number;
}

/** How often a batch is chained again after the head moved, before giving up. */
const MAX_ATTEMPTS = 20;

export class AuditHeadMovedError extends Error {
  constructor() {
    super(`The audit log's head kept moving while entries were being added (${MAX_ATTEMPTS} attempts); they were not written.`);
    this.name = 'AuditHeadMovedError';
  }
}

/** The Web Lock all tabs take while appending, where the browser has Web Locks. */
export function webLock(name = 'trellis-audit'): AuditLock | null {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return null;
  return (work) => locks.request(name, work);
}

/**
 * Where the chain ends: the head row; without one (an empty log), the last entry if there is one
 * (so a writer never chains a second entry 0 after a head row went missing).
 */
export async function readAuditHead(db: TrellisDB): Promise<AuditHead> {
  const row = await db.auditHead.get('head');
  if (row) return { seq: row.seq, hash: row.hash };
  const last = await db.audit.orderBy(':id').last();
  return last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD;
}

const sameHead = (a: AuditHead, b: AuditHead) => a.seq === b.seq && a.hash === b.hash;

export function createAuditLog(db: TrellisDB, options: AuditLogOptions = {}): AuditLog {
  const lock = options.lock === undefined ? webLock() : options.lock;
  const delayMs = options.delayMs ?? 25;
  const maxBatch = options.maxBatch ?? 1000;
  let queue: PendingDraft[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let lastError: unknown;
  let retries = 0;

  const fail = (error: unknown) => {
    lastError = error;
    options.onError?.(error);
  };

  async function make(draft: PendingDraft): Promise<AuditDraft | null> {
    if (typeof draft !== 'function') return draft;
    try {
      return await draft();
    } catch (error) {
      fail(error);
      return null;
    }
  }

  /** Chains `drafts` after the head and writes them in one transaction; again if the head moved. */
  async function write(drafts: AuditDraft[]): Promise<AuditEntry[]> {
    let head = await readAuditHead(db);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const entries = await chainDrafts(head, drafts);
      const last = entries[entries.length - 1] as AuditEntry;
      const moved = await db.transaction('rw', db.audit, db.auditHead, async () => {
        const current = await readAuditHead(db);
        if (!sameHead(current, head)) return current;
        await db.audit.bulkAdd(entries);
        await db.auditHead.put({ id: 'head', seq: last.seq, hash: last.hash });
        return null;
      });
      if (!moved) return entries;
      head = moved;
      retries += 1;
    }
    throw new AuditHeadMovedError();
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      const drafts = (await Promise.all(batch.map(make))).filter((d): d is AuditDraft => d !== null);
      if (drafts.length === 0) continue;
      try {
        await (lock ? lock(() => write(drafts)) : write(drafts));
      } catch (error) {
        fail(error);
      }
    }
  }

  function start(): Promise<void> {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    running ??= drain().finally(() => {
      running = null;
      if (queue.length > 0) schedule();
    });
    return running;
  }

  function schedule(): void {
    if (timer !== undefined || running) return;
    timer = setTimeout(() => {
      timer = undefined;
      void start();
    }, delayMs);
  }

  return {
    record(draft) {
      queue.push(draft);
      schedule();
    },
    async flush() {
      while (queue.length > 0 || running) await start();
    },
    get pending() {
      return queue.length;
    },
    get lastError() {
      return lastError;
    },
    get retries() {
      return retries;
    },
  };
}
