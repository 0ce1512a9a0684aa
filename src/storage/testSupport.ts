/**
 * Test-only helpers, not imported by the app: Dexie middlewares that count transactions and make
 * transactions fail with a quota error (register before the database opens), and the harness that
 * checks a schema upgrade against data written by the previous version.
 */
import type { DBCore, DBCoreTransaction, Dexie, Middleware } from 'dexie';
import { TrellisDB, type TrellisDBOptions } from './db';

export interface TransactionCounter {
  readwrite: number;
  readonly: number;
  /** Called when a read-write transaction is created (before any of its writes). */
  onReadWrite?: () => void;
}

export function countTransactions(db: Dexie): TransactionCounter {
  const counter: TransactionCounter = { readwrite: 0, readonly: 0 };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-transaction-counter',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        if (mode === 'readwrite') counter.readwrite += 1;
        else counter.readonly += 1;
        const tx = down.transaction(stores, mode, options);
        if (mode === 'readwrite') counter.onReadWrite?.();
        return tx;
      },
    }),
  };
  db.use(middleware);
  return counter;
}

export interface QuotaInjector {
  /** The next `count` read-write transactions fail as a full disk does. */
  failNext(count?: number): void;
}

/**
 * Makes chosen read-write transactions fail with QuotaExceededError, in one of two ways browsers do:
 * - 'request': each write request of the transaction fails with it, so Dexie aborts the transaction;
 * - 'commit': the writes succeed, then the transaction aborts at commit with `error` set to a
 *   QuotaExceededError (Chrome's usual way; Dexie reports an AbortError wrapping it). This mode
 *   reaches into fake-indexeddb's transaction internals, so it works with fake-indexeddb only.
 * Either way nothing written in the transaction is stored.
 */
export function injectQuotaErrors(db: Dexie, mode: 'request' | 'commit' = 'request'): QuotaInjector {
  let remaining = 0;
  const doomed = new WeakSet<DBCoreTransaction>();
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-quota-injector',
    create: (down) => ({
      ...down,
      transaction(stores, txMode, options) {
        const tx = down.transaction(stores, txMode, options);
        if (txMode === 'readwrite' && remaining > 0) {
          remaining -= 1;
          doomed.add(tx);
          if (mode === 'commit') abortAtCommit(tx);
        }
        return tx;
      },
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate(request) {
            if (mode === 'request' && doomed.has(request.trans)) {
              return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            }
            return table.mutate(request);
          },
        };
      },
    }),
  };
  db.use(middleware);
  return {
    failNext(count = 1) {
      remaining += count;
    },
  };
}

interface FakeTransactionInternals {
  _start(): void;
  _abort(errorName: string): void;
  _requests: unknown[];
  _state: string;
}

/** When the transaction has no requests left and would commit, abort it with QuotaExceededError. */
function abortAtCommit(tx: DBCoreTransaction): void {
  const raw = tx as unknown as FakeTransactionInternals;
  if (typeof raw._start !== 'function' || typeof raw._abort !== 'function') {
    throw new Error("injectQuotaErrors(db, 'commit') needs fake-indexeddb's transactions.");
  }
  const start = raw._start.bind(raw);
  let started = false;
  raw._start = () => {
    if (started && raw._requests.length === 0 && raw._state !== 'finished') {
      raw._abort('QuotaExceededError');
      return;
    }
    started = true;
    start();
  };
}

export interface UpgradeCase {
  /** Writes data with the database opened at the previous version (use `db.table(name)`: old shapes). */
  seed(db: TrellisDB): Promise<void>;
  /** Checks the data after the database was reopened at the newer version. */
  check(db: TrellisDB): Promise<void>;
}

/**
 * Opens a fresh database at `fromVersion`, seeds it, closes it, reopens it at the newest version of
 * `options.migrations` (default: the app's), checks it, and deletes it.
 */
export async function upgradeFrom(
  fromVersion: number,
  testCase: UpgradeCase,
  options: Pick<TrellisDBOptions, 'indexedDB' | 'IDBKeyRange' | 'migrations'> & { name: string },
): Promise<void> {
  const old = new TrellisDB({ ...options, version: fromVersion });
  await old.open();
  if (old.verno !== fromVersion) throw new Error(`Expected version ${fromVersion}, opened ${old.verno}.`);
  await testCase.seed(old);
  old.close();
  const current = new TrellisDB(options);
  try {
    await current.open();
    await testCase.check(current);
  } finally {
    await current.delete();
  }
}
