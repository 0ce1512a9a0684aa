/**
 * Group commit: writes are queued and committed in call order, a batch per transaction. While one
 * transaction is in flight, every write that arrives waits and goes into the next one, so a burst
 * of N writes costs about two transactions instead of N. Writes issued in the same task share the
 * first batch too (the queue starts draining a microtask after the first write).
 *
 * Failure: if a batch's transaction fails, every write in that batch is rejected with one error
 * (from `batchError`), and the queue goes on with the next batch: nothing is dropped silently and
 * nothing is reordered. `flush()` rejects with the first error among the writes issued since the
 * previous `flush()` call, so a caller that does not await each write still hears of it. Each
 * write's own promise is marked handled, so ignoring it never raises an unhandled rejection.
 */

export interface GroupCommitOptions<W> {
  /**
   * Writes a batch in one transaction. Resolves with one entry per write: an error that rejects
   * just that write (it changed nothing), or undefined. Throwing rejects the whole batch.
   */
  commit(batch: readonly W[]): Promise<ReadonlyArray<Error | undefined>>;
  /** The error every write of a failed batch is rejected with. */
  batchError(error: unknown, batch: readonly W[]): Error;
  /** Most writes per transaction (default 500). */
  maxBatch?: number;
  /** Whether a write's own error is reported by flush (default: all are). */
  reported?: (error: unknown) => boolean;
}

export interface GroupCommitStats {
  /** Transactions attempted (committed or failed). */
  batches: number;
  writes: number;
  failedBatches: number;
  largestBatch: number;
}

export interface GroupCommitQueue<W> {
  /** Queues a write; resolves when its transaction has committed. */
  enqueue(write: W): Promise<void>;
  /**
   * Records, in call order, a write that failed before it could be queued (e.g. its value could not
   * be copied): returns its (handled) rejection, and the next flush() reports it.
   */
  fail(error: unknown): Promise<void>;
  /** Resolves when every write queued so far is committed; rejects if any of them failed (see above). */
  flush(): Promise<void>;
  /** Resolves (never rejects) once every write queued so far has settled. */
  settled(): Promise<void>;
  stats(): GroupCommitStats;
}

interface Entry<W> {
  seq: number;
  write: W;
  resolve(): void;
  reject(error: unknown): void;
}

const noop = () => undefined;

export function createGroupCommitQueue<W>(options: GroupCommitOptions<W>): GroupCommitQueue<W> {
  const maxBatch = Math.max(1, options.maxBatch ?? 500);
  const stats: GroupCommitStats = { batches: 0, writes: 0, failedBatches: 0, largestBatch: 0 };
  const queue: Entry<W>[] = [];
  let draining = false;
  let nextSeq = 0;
  let flushedUpTo = 0;
  let failures: { seq: number; error: unknown }[] = [];
  /** Settles after the newest write has settled (writes settle in order). */
  let last: Promise<void> = Promise.resolve();

  const settle = (entry: Entry<W>, error: unknown) => {
    if (error === undefined) {
      entry.resolve();
      return;
    }
    if (options.reported?.(error) ?? true) failures.push({ seq: entry.seq, error });
    entry.reject(error);
  };

  const commitBatch = async (batch: Entry<W>[]) => {
    const writes = batch.map((entry) => entry.write);
    stats.batches += 1;
    stats.writes += batch.length;
    stats.largestBatch = Math.max(stats.largestBatch, batch.length);
    let results: ReadonlyArray<Error | undefined>;
    try {
      results = await options.commit(writes);
    } catch (error) {
      stats.failedBatches += 1;
      let shared: unknown = error;
      try {
        shared = options.batchError(error, writes);
      } catch {
        // keep the original error
      }
      for (const entry of batch) settle(entry, shared);
      return;
    }
    batch.forEach((entry, i) => settle(entry, results[i]));
  };

  const drain = async () => {
    await Promise.resolve();
    while (queue.length > 0) {
      await commitBatch(queue.splice(0, maxBatch));
    }
    draining = false;
  };

  return {
    enqueue(write) {
      const promise = new Promise<void>((resolve, reject) => {
        queue.push({ seq: nextSeq++, write, resolve, reject });
      });
      promise.catch(noop);
      last = promise.then(noop, noop);
      if (!draining) {
        draining = true;
        void drain();
      }
      return promise;
    },
    fail(error) {
      failures.push({ seq: nextSeq++, error });
      const rejected = Promise.reject(error);
      rejected.catch(noop);
      return rejected;
    },
    flush() {
      const from = flushedUpTo;
      const to = nextSeq;
      flushedUpTo = to;
      return last.then(() => {
        const mine = failures.filter((f) => f.seq >= from && f.seq < to);
        if (mine.length === 0) return;
        failures = failures.filter((f) => f.seq < from || f.seq >= to);
        throw mine[0]?.error;
      });
    },
    settled() {
      return last;
    },
    stats() {
      return { ...stats };
    },
  };
}
