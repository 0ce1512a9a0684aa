/**
 * The audit trail in IndexedDB (fake-indexeddb): batched appends, one chain when several writers
 * (tabs) append at once, with or without a lock, verification of the stored chain finding
 * tampering, and the export file.
 */
import { describe, expect, it, vi } from 'vitest';
import { GENESIS_HASH, verifyAuditFile, type AuditDraft, type AuditEntry } from '../engine/audit';
import { createAuditLog, type AuditLock } from './auditLog';
import { auditIndexOf, countAudit, exportStoredAudit, listAudit, verifyStoredAudit } from './auditQueries';
import { testDatabases } from './testDatabases';
import { countTransactions } from './testSupport';

const open = testDatabases('audit-log');

const draft = (n: number, type: AuditDraft['type'] = 'step.finished'): AuditDraft => ({ at: 1_700_000_000_000 + n, type, subject: { runId: `run_${n}` }, data: { n } });

/** An in-process mutex standing in for the Web Lock shared by tabs. */
function mutex(): AuditLock {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
}

async function all(db: ReturnType<typeof open>): Promise<AuditEntry[]> {
  return db.audit.orderBy(':id').toArray();
}

describe('audit log in IndexedDB', () => {
  it('appends a chain with a head row; the stored log verifies', async () => {
    const db = open();
    const log = createAuditLog(db, { lock: null });
    for (let i = 0; i < 5; i++) log.record(draft(i));
    await log.flush();
    const entries = await all(db);
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(await db.auditHead.get('head')).toEqual({ id: 'head', seq: 4, hash: entries[4]?.hash });
    expect(await verifyStoredAudit(db)).toEqual({ ok: true, count: 5, headHash: entries[4]?.hash });
    expect(log.pending).toBe(0);
  });

  it('batches: 1,000 entries queued at once take one read-write transaction, not 1,000', async () => {
    const db = open();
    const counter = countTransactions(db);
    const log = createAuditLog(db, { lock: null });
    for (let i = 0; i < 1000; i++) log.record(draft(i));
    await log.flush();
    expect(await db.audit.count()).toBe(1000);
    expect(counter.readwrite).toBe(1);
    // With a smaller batch size, one transaction per batch.
    const small = createAuditLog(db, { lock: null, maxBatch: 300 });
    const before = counter.readwrite;
    for (let i = 0; i < 1000; i++) small.record(draft(i));
    await small.flush();
    expect(counter.readwrite - before).toBe(4);
    expect(await verifyStoredAudit(db)).toMatchObject({ ok: true, count: 2000 });
  });

  it('entries queued within the delay share a transaction; the writer flushes by itself', async () => {
    const db = open();
    const counter = countTransactions(db);
    const log = createAuditLog(db, { lock: null, delayMs: 5 });
    for (let i = 0; i < 50; i++) log.record(draft(i));
    await vi.waitFor(async () => expect(await db.audit.count()).toBe(50));
    expect(counter.readwrite).toBe(1);
  });

  it('entries made by functions are written in queue order; one that fails is reported and skipped', async () => {
    const db = open();
    const errors: unknown[] = [];
    const log = createAuditLog(db, { lock: null, onError: (error) => errors.push(error) });
    log.record(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return draft(0);
    });
    log.record(draft(1));
    log.record(() => {
      throw new Error('could not hash');
    });
    log.record(() => null);
    log.record(async () => draft(2));
    await log.flush();
    expect((await all(db)).map((e) => e.data.n)).toEqual([0, 1, 2]);
    expect(errors).toHaveLength(1);
    expect(log.lastError).toBeInstanceOf(Error);
  });

  it.each([
    ['without a lock (head check and retry)', () => null],
    ['with a shared lock', () => mutex()],
  ])('concurrent writers in two tabs keep one chain: %s', async (name, makeLock) => {
    const dbName = `audit-log-tabs-${Math.random().toString(36).slice(2)}`;
    const tabA = open(dbName);
    const tabB = open(dbName);
    const lock = makeLock();
    const a = createAuditLog(tabA, { lock, delayMs: 1, maxBatch: 7 });
    const b = createAuditLog(tabB, { lock, delayMs: 1, maxBatch: 5 });
    for (let i = 0; i < 120; i++) {
      (i % 2 === 0 ? a : b).record(draft(i, i % 2 === 0 ? 'run.started' : 'run.finished'));
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await Promise.all([a.flush(), b.flush()]);
    const entries = await all(tabA);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect(entries.map((e) => e.data.n).sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 120 }, (_, i) => i));
    // Each tab's own entries keep their order.
    const ofA = entries.filter((e) => e.type === 'run.started').map((e) => e.data.n);
    expect(ofA).toEqual([...ofA].sort((x, y) => Number(x) - Number(y)));
    expect(await verifyStoredAudit(tabB)).toMatchObject({ ok: true, count: 120 });
    expect(a.lastError).toBeUndefined();
    expect(b.lastError).toBeUndefined();
    // Without a lock the writers collided and chained again; with one, never.
    if (name.startsWith('without')) expect(a.retries + b.retries).toBeGreaterThan(0);
    else expect(a.retries + b.retries).toBe(0);
  });

  it('a writer whose head is stale (another tab wrote) chains after the new head', async () => {
    const name = 'audit-log-stale';
    const tabA = open(name);
    const tabB = open(name);
    const a = createAuditLog(tabA, { lock: null });
    const b = createAuditLog(tabB, { lock: null });
    a.record(draft(0));
    await a.flush();
    b.record(draft(1));
    await b.flush();
    a.record(draft(2));
    await a.flush();
    expect((await all(tabA)).map((e) => e.data.n)).toEqual([0, 1, 2]);
    expect(a.retries + b.retries).toBe(0);
    expect(await verifyStoredAudit(tabA)).toMatchObject({ ok: true, count: 3 });
  });

  it('verification of the stored log finds an altered entry, a deleted one, one cut from the end, and a missing head', async () => {
    const db = open();
    const log = createAuditLog(db, { lock: null });
    for (let i = 0; i < 30; i++) log.record(draft(i));
    await log.flush();
    const progress: number[] = [];
    expect(await verifyStoredAudit(db, { onProgress: (done) => progress.push(done) })).toMatchObject({ ok: true, count: 30 });
    expect(progress).toEqual([30]);

    const original = (await db.audit.get(12)) as AuditEntry;
    await db.audit.put({ ...original, actor: 'Mallory' });
    expect(await verifyStoredAudit(db)).toMatchObject({ ok: false, index: 12, seq: 12, problem: 'altered' });
    await db.audit.put(original);

    await db.audit.delete(20);
    expect(await verifyStoredAudit(db)).toMatchObject({ ok: false, index: 20, seq: 20, problem: 'deleted' });

    const db2 = open();
    const log2 = createAuditLog(db2, { lock: null });
    for (let i = 0; i < 10; i++) log2.record(draft(i));
    await log2.flush();
    await db2.audit.delete(9);
    expect(await verifyStoredAudit(db2)).toMatchObject({ ok: false, index: 9, seq: 9, problem: 'deleted' });
    await db2.auditHead.clear();
    expect(await verifyStoredAudit(db2)).toMatchObject({ ok: false, seq: 8, problem: 'head_mismatch' });
    expect(await verifyStoredAudit(open())).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('exports the stored log as a file that verifies offline with its head hash', async () => {
    const db = open();
    const log = createAuditLog(db, { lock: null });
    for (let i = 0; i < 25; i++) log.record(draft(i));
    await log.flush();
    const { text, count, headHash } = await exportStoredAudit(db);
    expect(count).toBe(25);
    expect(headHash).toBe((await db.auditHead.get('head'))?.hash);
    expect(await verifyAuditFile(text, { expectedHeadHash: headHash })).toEqual({ ok: true, count: 25, headHash });
    // A damaged log exports a file that fails the same way.
    const entry = (await db.audit.get(3)) as AuditEntry;
    await db.audit.put({ ...entry, data: { n: 333 } });
    expect(await verifyAuditFile((await exportStoredAudit(db)).text)).toMatchObject({ ok: false, seq: 3, problem: 'altered' });
  });

  it('lists entries newest first, by type, and finds where an entry stands', async () => {
    const db = open();
    const log = createAuditLog(db, { lock: null });
    for (let i = 0; i < 10; i++) log.record(draft(i, i % 3 === 0 ? 'run.started' : 'step.finished'));
    await log.flush();
    expect((await listAudit(db, { offset: 0, limit: 3 })).map((e) => e.seq)).toEqual([9, 8, 7]);
    expect((await listAudit(db, { type: 'run.started', offset: 1, limit: 10 })).map((e) => e.seq)).toEqual([6, 3, 0]);
    expect([await countAudit(db), await countAudit(db, { type: 'run.started' })]).toEqual([10, 4]);
    expect(await auditIndexOf(db, 7)).toBe(2);
    expect(await auditIndexOf(db, 3, { type: 'run.started' })).toBe(2);
  });
});
