/**
 * The Dexie TrustStore on fake-indexeddb: records stored as a small row plus an event log, read
 * back whole or as a recent window; updates atomic (concurrent ones, also from two connections,
 * lose no increment; a failing change writes nothing); the trust policy behaves over it exactly
 * as over the engine's in-memory store.
 */
import { describe, expect, it } from 'vitest';
import type { ReviewRequest } from '../engine/run/ports';
import { memoryTrustStore, newTrustRecord, promote, recordExecution, recordReviewDecision, setTierByHand, trustPolicy, type TrustRecord, type TrustVerdict } from '../engine/trust';
import { testDatabases } from './testDatabases';
import { createDexieTrustStore, listTrustRows, loadTierChanges, loadTrustRecord, updateTrust } from './trustStore';

const open = testDatabases('trust-store');

const KEY = 'flow-1/draft';
const fresh = () => newTrustRecord('flow-1', 'draft', 'fp-1', 'seed', 0);
const execute = (at: number) => (current: TrustRecord | undefined) => recordExecution(current ?? fresh(), { reviewed: true, at });

describe('Dexie trust store', () => {
  it('stores a record as a row and an event log, and reads it back whole or as a recent window', async () => {
    const db = open();
    const store = createDexieTrustStore(db);
    for (let i = 1; i <= 10; i++) await store.update(KEY, execute(i));
    const row = await db.trust.get(KEY);
    expect(row).toMatchObject({ key: KEY, flowId: 'flow-1', nodeId: 'draft', executions: 10, events: 11, executionEvents: 10 });
    expect(row).not.toHaveProperty('history');
    expect(await db.trustEvents.count()).toBe(11);

    let memory = fresh();
    for (let i = 1; i <= 10; i++) memory = execute(i)(memory);
    expect(await store.load(KEY)).toEqual(memory);

    const recent = await loadTrustRecord(db, KEY, 4);
    expect(recent?.history.map((e) => e.at)).toEqual([7, 8, 9, 10]);
    expect(recent?.trimmedExecutions).toBe(6);
    expect(await store.load('flow-1/none')).toBeUndefined();
  });

  it('an update writes only its own events: an execution after thousands is one event row', async () => {
    const db = open();
    await db.trust.put({ ...(({ history: _h, trimmedExecutions: _t, ...rest }) => rest)(fresh()), executions: 5000, events: 5001, executionEvents: 5000 });
    const written = await updateTrust(db, KEY, execute(1));
    expect(written.history).toEqual([{ at: 1, kind: 'execution', reviewed: true }]);
    expect(await db.trustEvents.toArray()).toEqual([{ key: KEY, seq: 5001, at: 1, kind: 'execution', reviewed: true }]);
    expect((await db.trust.get(KEY))?.executions).toBe(5001);
  });

  it('concurrent updates lose no increment, within one connection and across two', async () => {
    const name = 'trust-race';
    const tabs = [open(name), open(name)];
    const stores = tabs.map(createDexieTrustStore);
    await Promise.all(Array.from({ length: 60 }, (_, i) => (stores[i % 2] as ReturnType<typeof createDexieTrustStore>).update(KEY, execute(i))));
    const record = await stores[0]?.load(KEY);
    expect(record?.executions).toBe(60);
    expect(record?.history.filter((e) => e.kind === 'execution')).toHaveLength(60);
    expect(record?.history.filter((e) => e.kind === 'created')).toHaveLength(1);
    const seqs = (await tabs[0]?.trustEvents.toArray())?.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 61 }, (_, i) => i));
    for (const db of tabs) db.close();
  });

  it('a change that throws writes nothing; one that returns the record unchanged writes nothing', async () => {
    const db = open();
    const store = createDexieTrustStore(db);
    await store.update(KEY, execute(1));
    await expect(store.update(KEY, () => { throw new Error('no'); })).rejects.toThrow('no');
    await expect(store.update(KEY, (current) => setTierByHand(current as TrustRecord, { tier: 0.5, by: '', at: 2 }))).rejects.toThrow(/say who/);
    await store.update(KEY, (current) => current as TrustRecord);
    expect((await db.trust.get(KEY))?.events).toBe(2);
    expect(await db.trustEvents.count()).toBe(2);
    await expect(store.update(KEY, () => newTrustRecord('flow-1', 'other', 'fp', 's', 3))).rejects.toThrow(/returned the record of "flow-1\/other"/);
  });

  it('lists tier changes without reading executions, and rows by flow', async () => {
    const db = open();
    const store = createDexieTrustStore(db);
    await store.update(KEY, execute(1));
    await store.update(KEY, (current) => setTierByHand(current as TrustRecord, { tier: 0.2, by: 'Lead', at: 2, reason: 'pilot' }));
    await store.update(KEY, execute(3));
    await store.update('flow-2/x', () => newTrustRecord('flow-2', 'x', 'fp', 's', 4));
    const changes = await loadTierChanges(db, KEY);
    expect(changes.map((e) => [e.kind, e.to, e.by ?? null])).toEqual([
      ['created', 1, null],
      ['set_by_hand', 0.2, 'Lead'],
    ]);
    expect((await listTrustRows(db, 'flow-1')).map((r) => r.key)).toEqual([KEY]);
    expect(await listTrustRows(db)).toHaveLength(2);
  });

  it('the trust policy over Dexie decides and records exactly as over memory', async () => {
    const db = open();
    const stores = [memoryTrustStore(), createDexieTrustStore(db)] as const;
    const request = (runId: string, instructions: string): ReviewRequest => ({
      runId,
      flowId: 'flow-1',
      gateNodeId: 'gate',
      subjectNodeId: 'draft',
      subjectKind: 'agent',
      subjectConfig: { role: 'r', goal: 'g', instructions },
      output: 'text',
      visit: 0,
      rules: [],
    });
    const results = [];
    for (const store of stores) {
      let t = 0;
      const policy = trustPolicy(store, { now: () => ++t, newSeed: () => 'seed-x' });
      const verdicts: TrustVerdict[] = [];
      for (let i = 0; i < 30; i++) {
        const verdict = (await policy(request(`r${i}`, 'A'))) as TrustVerdict;
        verdicts.push(verdict);
        await recordReviewDecision(store, { flowId: 'flow-1', gateNodeId: 'gate', subjectNodeId: 'draft', fingerprint: verdict.fingerprint }, { action: 'approve', by: 'Ada', at: ++t });
      }
      await store.update(KEY, (current) => promote(current as TrustRecord, { by: 'Lead', at: ++t }));
      for (let i = 30; i < 60; i++) verdicts.push((await policy(request(`r${i}`, 'A'))) as TrustVerdict);
      verdicts.push((await policy(request('r60', 'B'))) as TrustVerdict);
      const record = store === stores[0] ? stores[0].records.get(KEY) : await stores[1].load(KEY);
      results.push({ verdicts, record });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]?.record).toMatchObject({ tier: 1, previous: [{ tier: 0.5 }] });
  });
});
