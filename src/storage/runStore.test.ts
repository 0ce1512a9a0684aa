import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { runStoreContract } from '../engine/run/storeContract';
import { makeFlowVersion, makeRun, makeStep } from '../engine/run/storeFixtures';
import { TrellisError } from '../engine/util/errors';
import { TrellisDB } from './db';
import { createDexieRunStore } from './runStore';
import { countTransactions, injectQuotaErrors } from './testSupport';

let counter = 0;
const freshName = () => `trellis-runstore-test-${++counter}`;
const openDb = (name = freshName()) => new TrellisDB({ name, indexedDB, IDBKeyRange });

runStoreContract('dexie (fake-indexeddb)', async () => {
  const db = openDb();
  return { store: createDexieRunStore(db), dispose: () => db.delete() };
}, { copiesCheckpoints: false });

describe('Dexie run store', () => {
  const opened: TrellisDB[] = [];
  const track = (db: TrellisDB) => (opened.push(db), db);
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.delete();
  });

  it('rejects only the checkpoint holding a value that cannot be stored; its batch neighbours commit in order', async () => {
    const store = createDexieRunStore(track(openDb()));
    await store.createRun(makeRun('r1'));
    const good1 = store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 0)] });
    const bad = store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 1, 0, { outputs: { out: () => 1 } })] });
    const good2 = store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 2)], run: { outputs: { done: true } } });
    await expect(good1).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow(/Could not save the checkpoint of run "r1": it holds a value that cannot be stored/);
    await expect(good2).resolves.toBeUndefined();
    await expect(store.flush()).rejects.toThrow(/cannot be stored/);
    const loaded = await store.loadRun('r1');
    expect(loaded?.steps.map((s) => s.stepIndex)).toEqual([0, 2]);
    expect(loaded?.run.outputs).toEqual({ done: true });
  });

  it('group commit: a burst of 1,000 checkpoints costs one transaction per batch', async () => {
    const db = track(openDb());
    const tx = countTransactions(db);
    const store = createDexieRunStore(db);
    await store.createRun(makeRun('r1'));
    const before = tx.readwrite;
    for (let i = 0; i < 1000; i++) {
      void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', i)], run: { outputs: { done: i } } });
    }
    await store.flush();
    expect(tx.readwrite - before).toBe(2); // default maxBatch 500
    const loaded = await store.loadRun('r1');
    expect(loaded?.steps).toHaveLength(1000);
    expect(loaded?.run.outputs).toEqual({ done: 999 });
    expect(store.stats()).toMatchObject({ writes: 1001, largestBatch: 500, failedBatches: 0 });
  });

  it('group commit: checkpoints that arrive while a transaction is in flight share the next one', async () => {
    const db = track(openDb());
    const tx = countTransactions(db);
    const store = createDexieRunStore(db, { maxBatch: 10_000 });
    await store.createRun(makeRun('r1'));
    let issued = 1;
    let allIssued: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allIssued = resolve));
    tx.onReadWrite = () => {
      // Each time a transaction starts, 100 more checkpoints arrive while it is in flight.
      if (issued >= 301) return;
      for (let i = 0; i < 100; i++, issued++) void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', issued)] });
      if (issued >= 301) allIssued();
    };
    const before = tx.readwrite;
    void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 0)] });
    await done;
    await store.flush();
    expect(tx.readwrite - before).toBe(4); // 1, then 100 + 100 + 100, each batch in the next transaction
    expect(store.stats().largestBatch).toBe(100);
    expect((await store.loadRun('r1'))?.steps).toHaveLength(301);
  });

  it('respects maxBatch', async () => {
    const db = track(openDb());
    const tx = countTransactions(db);
    const store = createDexieRunStore(db, { maxBatch: 10 });
    await store.createRun(makeRun('r1'));
    const before = tx.readwrite;
    for (let i = 0; i < 95; i++) void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', i)] });
    await store.flush();
    expect(tx.readwrite - before).toBe(10);
  });

  it('a quota error rejects every checkpoint of its batch as "quota", stores none of it, and later writes commit in order', async () => {
    const db = track(openDb());
    const quota = injectQuotaErrors(db);
    const tx = countTransactions(db);
    const store = createDexieRunStore(db);
    await store.createRun(makeRun('r1'));
    await store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 0)], run: { outputs: { n: 0 } } });

    const write = (i: number) => store.checkpoint({ runId: 'r1', steps: [makeStep('r1', i)], run: { outputs: { n: i } } });
    quota.failNext();
    let later: Array<Promise<void>> = [];
    tx.onReadWrite = () => {
      // Issued while the failing transaction is in flight: they form the next batch.
      if (later.length === 0) later = [4, 5].map(write);
    };
    const failed = [1, 2, 3].map(write);

    const errors = await Promise.all(failed.map((p) => p.then(() => undefined, (e: unknown) => e)));
    for (const error of errors) {
      expect(error).toBeInstanceOf(TrellisError);
      expect(error).toMatchObject({ code: 'quota', details: { runIds: ['r1'] } });
      expect((error as Error).message).toMatch(/storage is full: could not save run "r1" \(steps 1, 2, 3; run status\)/i);
    }
    expect(new Set(errors).size).toBe(1); // one error for the whole batch
    const after = [6, 7].map(write);
    await Promise.all([...later, ...after]);
    expect(later).toHaveLength(2);
    await expect(store.flush()).rejects.toMatchObject({ code: 'quota' });
    await store.flush(); // reported once

    const loaded = await store.loadRun('r1');
    expect(loaded?.steps.map((s) => s.stepIndex)).toEqual([0, 4, 5, 6, 7]);
    expect(loaded?.run.outputs).toEqual({ n: 7 });
    expect(store.stats().failedBatches).toBe(1);
  });

  it('a quota error names the runs, steps and flow versions it could not save', async () => {
    const db = track(openDb());
    const quota = injectQuotaErrors(db);
    const store = createDexieRunStore(db);
    quota.failNext();
    const version = store.saveFlowVersion(makeFlowVersion('h1'));
    const run = store.createRun(makeRun('r9'));
    await expect(version).rejects.toThrow('could not save run "r9" (new run), 1 flow version');
    await expect(run).rejects.toMatchObject({ code: 'quota' });
    expect(await store.loadRun('r9')).toBeUndefined();
    expect(await store.loadFlowVersion('h1')).toBeUndefined();
  });

  it('detects a quota abort at commit time (Dexie AbortError wrapping QuotaExceededError)', async () => {
    const db = track(openDb());
    const quota = injectQuotaErrors(db, 'commit');
    const store = createDexieRunStore(db);
    await store.createRun(makeRun('r1'));
    quota.failNext();
    const error: unknown = await store
      .checkpoint({ runId: 'r1', steps: [makeStep('r1', 0), makeStep('r1', 1)], run: { status: 'succeeded' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'quota', cause: { name: 'AbortError', inner: { name: 'QuotaExceededError' } } });
    const loaded = await store.loadRun('r1');
    expect(loaded?.steps).toEqual([]);
    expect(loaded?.run.status).toBe('running');
    await store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 2)] });
    expect((await store.loadRun('r1'))?.steps.map((s) => s.stepIndex)).toEqual([2]);
  });

  it('a reopened database sees every committed run, step and flow version', async () => {
    const name = freshName();
    const first = openDb(name);
    const store = createDexieRunStore(first);
    void store.saveFlowVersion(makeFlowVersion('h1'));
    void store.createRun(makeRun('r1'));
    for (let i = 0; i < 30; i++) void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', i % 10, Math.floor(i / 10))] });
    void store.checkpoint({ runId: 'r1', steps: [], run: { status: 'succeeded', finishedAt: 5 } });
    await store.flush();
    first.close();

    const second = track(openDb(name));
    const reopened = createDexieRunStore(second);
    const loaded = await reopened.loadRun('r1');
    expect(loaded?.run).toEqual(makeRun('r1', { status: 'succeeded', finishedAt: 5 }));
    expect(loaded?.steps).toHaveLength(30);
    expect(loaded?.steps.slice(0, 3).map((s) => s.id)).toEqual(['r1:0:0', 'r1:0:1', 'r1:0:2']);
    expect(await reopened.loadFlowVersion('h1')).toEqual(makeFlowVersion('h1'));
  });
});
