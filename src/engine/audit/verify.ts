/**
 * Verifying an audit chain: every entry's hash is recomputed, its seq must follow the one before
 * without a gap, and its prevHash must be the hash of the entry before it. The first entry that
 * fails says what does not match:
 * - its content differs from its hash: it was altered;
 * - its seq skips ahead: the entries in between were deleted (or, when one of them turns up later
 *   in the list, the list was reordered);
 * - its seq goes back: it is out of order or repeated;
 * - its prevHash is not its predecessor's hash: the predecessor was replaced by a re-hashed copy,
 *   or this entry was inserted;
 * - the chain ends short of (or past) the head recorded apart from it: entries were deleted from
 *   the end (or the head was changed).
 *
 * Speed: hashing dominates, so the digests of a batch of entries are computed together
 * (Promise.all; Web Crypto runs them off the main thread in Node and in most browsers) while the
 * next batch's canonical JSON is written, and the checks then walk the batch in order. Batches of
 * 512 measured a little faster than larger ones (bench/audit.ts times 100,000 entries). Between
 * batches the caller hears how far it got.
 */
import { isPlainObject } from '../util/json';
import { hashEntry } from './hash';
import { EMPTY_HEAD, GENESIS_HASH, type AuditEntry, type AuditHead, type VerifyFailure, type VerifyProgress, type VerifyResult } from './types';

/** Entries hashed together. */
export const VERIFY_BATCH = 512;

const HASH = /^[0-9a-f]{64}$/;

export interface VerifyOptions extends VerifyProgress {
  /**
   * Where the chain must end, recorded apart from the entries (the database's head row, an
   * exported file's headHash and count). Without it, entries removed from the end go unnoticed.
   */
  head?: AuditHead;
  /** The total, for progress reports of a stream. */
  total?: number;
  /** Entries hashed together (default VERIFY_BATCH). */
  batchSize?: number;
}

const failure = (index: number, seq: number, problem: VerifyFailure['problem'], reason: string): VerifyFailure => ({ ok: false, index, seq, problem, reason });

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Why `value` is not an audit entry, or null when it is one. */
function shapeProblem(value: unknown): string | null {
  if (!isPlainObject(value)) return 'it is not an object';
  const { seq, at, type, actor, subject, data, prevHash, hash } = value;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return 'its seq is not a whole number from 0';
  if (typeof at !== 'number' || !Number.isFinite(at)) return 'its time is not a number';
  if (typeof type !== 'string' || type === '') return 'it has no type';
  if (actor !== undefined && typeof actor !== 'string') return 'its actor is not text';
  if (!isPlainObject(subject)) return 'its subject is not an object';
  if (!isPlainObject(data)) return 'its data is not an object';
  if (typeof prevHash !== 'string' || !HASH.test(prevHash)) return 'its prevHash is not a SHA-256 hash';
  if (typeof hash !== 'string' || !HASH.test(hash)) return 'its hash is not a SHA-256 hash';
  return null;
}

export interface PreparedBatch {
  batch: readonly unknown[];
  /** The well-formed entries before the first malformed one. */
  entries: readonly AuditEntry[];
  /** Why the entry after them is not an audit entry; null when every entry is well formed. */
  malformed: string | null;
  hashes: Promise<string[]>;
}

/**
 * Walks a chain batch by batch, keeping only the last entry seen: a chain of any length can be
 * verified from a stream of batches (the database is read in pages).
 */
export class ChainWalker {
  private prev: AuditHead = EMPTY_HEAD;
  private checked = 0;

  /** How many entries were checked so far. */
  get count(): number {
    return this.checked;
  }

  /** The last entry checked (EMPTY_HEAD before any). */
  get head(): AuditHead {
    return this.prev;
  }

  /**
   * Starts hashing a batch (the digests run while the caller prepares the next batch) and finds
   * the first entry that is not an audit entry at all.
   */
  prepare(batch: readonly unknown[]): PreparedBatch {
    let wellFormed = batch.length;
    let malformed: string | null = null;
    for (let i = 0; i < batch.length; i++) {
      malformed = shapeProblem(batch[i]);
      if (malformed) {
        wellFormed = i;
        break;
      }
    }
    const entries = batch.slice(0, wellFormed) as AuditEntry[];
    return { batch, entries, malformed, hashes: Promise.all(entries.map((entry) => hashEntry(entry))) };
  }

  /**
   * Checks a prepared batch, the next in the chain. `appearsLater(seq, index)` says whether an
   * entry with that seq comes after position `index` of the whole list (telling a reordering from
   * a deletion).
   */
  async check(prepared: PreparedBatch, appearsLater: (seq: number, index: number) => boolean): Promise<VerifyFailure | null> {
    const { batch, entries, malformed } = prepared;
    const hashes = await prepared.hashes;
    for (let i = 0; i < entries.length; i++) {
      const problem = this.checkOne(entries[i] as AuditEntry, hashes[i] as string, appearsLater);
      if (problem) return problem;
    }
    if (malformed) {
      const raw = batch[entries.length];
      const seq = isPlainObject(raw) && typeof raw.seq === 'number' ? raw.seq : this.prev.seq + 1;
      return failure(this.checked, seq, 'malformed', `this is not an audit entry: ${malformed}.`);
    }
    return null;
  }

  private checkOne(entry: AuditEntry, hash: string, appearsLater: (seq: number, index: number) => boolean): VerifyFailure | null {
    const index = this.checked;
    const prev = this.prev;
    const expected = prev.seq + 1;
    if (hash !== entry.hash) {
      return failure(index, entry.seq, 'altered', `its content was altered (its recorded hash is ${short(entry.hash)}, its content hashes to ${short(hash)}).`);
    }
    if (entry.seq > expected) {
      if (appearsLater(expected, index)) {
        return failure(index, entry.seq, 'reordered', `it is out of order: entry #${expected} should come before it, and appears later in the log.`);
      }
      const missing = entry.seq - expected === 1 ? `entry #${expected} is` : `entries #${expected} to #${entry.seq - 1} are`;
      return failure(index, expected, 'deleted', `${missing} missing: the log goes from ${prev.seq < 0 ? 'its start' : `#${prev.seq}`} to #${entry.seq}.`);
    }
    if (entry.seq < expected) {
      return failure(index, entry.seq, 'reordered', `it is out of order or repeated: it comes after entry #${prev.seq}.`);
    }
    const link = prev.seq < 0 ? GENESIS_HASH : prev.hash;
    if (entry.prevHash !== link) {
      const before = prev.seq < 0 ? 'the start of the log' : `entry #${prev.seq}`;
      return failure(
        index,
        entry.seq,
        'broken_link',
        `it does not follow ${before}: it records ${short(entry.prevHash)} as the previous hash, but ${before} hashes to ${short(link)} (${prev.seq < 0 ? 'entries were inserted before it' : `#${prev.seq} was replaced, or an entry was inserted`}).`,
      );
    }
    this.prev = { seq: entry.seq, hash: entry.hash };
    this.checked += 1;
    return null;
  }

  /** After the last batch: does the chain end at `head`? */
  finish(head: AuditHead | undefined): VerifyResult {
    const last = this.prev;
    if (head) {
      if (head.seq > last.seq) {
        const from = last.seq + 1;
        const missing = head.seq === from ? `entry #${from} is` : `entries #${from} to #${head.seq} are`;
        return failure(this.checked, from, 'deleted', `${missing} missing from the end: the log's head is #${head.seq}, but it ends ${last.seq < 0 ? 'before its first entry' : `at #${last.seq}`}.`);
      }
      if (head.seq < last.seq) {
        return failure(this.checked - 1, last.seq, 'head_mismatch', `the log goes on past its recorded head (#${head.seq}).`);
      }
      if (head.hash !== last.hash) {
        return failure(Math.max(0, this.checked - 1), last.seq, 'head_mismatch', `it is not the recorded head (the head hash is ${short(head.hash)}, this entry's hash ${short(last.hash)}).`);
      }
    }
    return { ok: true, count: this.checked, headHash: last.hash };
  }
}

/**
 * Checks `list` in batches of `size`: while one batch's digests run, the next batch's canonical
 * JSON is written. `onBatch` after each batch.
 */
async function walkList(walker: ChainWalker, list: readonly unknown[], size: number, appearsLater: (seq: number, index: number) => boolean, onBatch: () => void): Promise<VerifyFailure | null> {
  let pending = list.length > 0 ? walker.prepare(list.slice(0, size)) : null;
  for (let start = 0; pending; start += size) {
    const next = start + size < list.length ? walker.prepare(list.slice(start + size, start + 2 * size)) : null;
    const problem = await walker.check(pending, appearsLater);
    onBatch();
    if (problem) {
      void next?.hashes.catch(() => undefined);
      return problem;
    }
    pending = next;
  }
  return null;
}

const batchSizeOf = (options: VerifyOptions) => Math.max(1, options.batchSize ?? VERIFY_BATCH);

/** Verifies a whole chain held in memory (e.g. an imported file), oldest entry first. */
export async function verifyChain(entries: readonly unknown[], options: VerifyOptions = {}): Promise<VerifyResult> {
  const walker = new ChainWalker();
  let seqs: Map<number, number> | undefined;
  const appearsLater = (seq: number, index: number): boolean => {
    if (!seqs) {
      seqs = new Map();
      entries.forEach((entry, i) => {
        if (isPlainObject(entry) && typeof entry.seq === 'number') seqs?.set(entry.seq, Math.max(i, seqs.get(entry.seq) ?? -1));
      });
    }
    return (seqs.get(seq) ?? -1) > index;
  };
  const problem = await walkList(walker, entries, batchSizeOf(options), appearsLater, () => options.onProgress?.(walker.count, entries.length));
  if (problem) return problem;
  if (entries.length === 0) options.onProgress?.(0, 0);
  return walker.finish(options.head);
}

/**
 * Verifies a chain read in pages, oldest first (the database's log). Entries are read in seq
 * order there, so "appears later" is looked up within the page.
 */
export async function verifyChainBatches(pages: AsyncIterable<readonly unknown[]>, options: VerifyOptions = {}): Promise<VerifyResult> {
  const walker = new ChainWalker();
  for await (const page of pages) {
    const offset = walker.count;
    const appearsLater = (seq: number, index: number) => page.some((entry, i) => offset + i > index && isPlainObject(entry) && entry.seq === seq);
    const problem = await walkList(walker, page, batchSizeOf(options), appearsLater, () => options.onProgress?.(walker.count, options.total));
    if (problem) return problem;
  }
  return walker.finish(options.head);
}
