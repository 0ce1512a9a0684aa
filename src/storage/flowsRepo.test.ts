import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { supportTriageFlow } from '../engine/templates/supportTriage';
import { TrellisDB } from './db';
import { createFlow, createSnapshot, deleteFlow, forceSaveFlow, getFlow, listFlowSummaries, listSnapshots, restoreFlow, saveFlow } from './flowsRepo';
import { createDexieRunStore } from './runStore';
import { makeRun } from '../engine/run/storeFixtures';

let n = 0;
const dbs: TrellisDB[] = [];
const open = () => {
  const db = new TrellisDB({ name: `flows-${n++}`, indexedDB, IDBKeyRange });
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('flows repository', () => {
  it('saves only over the loaded revision, so a second tab is told instead of overwriting', async () => {
    const db = open();
    const flow = supportTriageFlow('f1');
    const created = await createFlow(db, flow, 100);
    expect(created.revision).toBe(1);
    const tabA = await saveFlow(db, { ...flow, name: 'A' }, 1, 200);
    expect(tabA).toEqual({ ok: true, revision: 2, updatedAt: 200 });
    const tabB = await saveFlow(db, { ...flow, name: 'B' }, 1, 300);
    expect(tabB.ok).toBe(false);
    if (!tabB.ok) expect(tabB.conflict.name).toBe('A');
    expect((await getFlow(db, 'f1'))?.name).toBe('A');
    await forceSaveFlow(db, { ...flow, name: 'B' }, 400);
    expect(await getFlow(db, 'f1')).toMatchObject({ name: 'B', revision: 3, createdAt: 100 });
    await expect(createFlow(db, flow)).rejects.toThrow(/already exists/);
  });

  it('deletes a flow with its snapshots and restores both (undo)', async () => {
    const db = open();
    const flow = supportTriageFlow('f1');
    await createFlow(db, flow);
    await createSnapshot(db, flow, 'Before changes', 's1', 10);
    await createSnapshot(db, { ...flow, name: 'v2' }, 'Second', 's2', 20);
    expect((await listSnapshots(db, 'f1')).map((s) => s.name)).toEqual(['Second', 'Before changes']);
    const deleted = await deleteFlow(db, 'f1');
    expect(await getFlow(db, 'f1')).toBeUndefined();
    expect(await listSnapshots(db, 'f1')).toEqual([]);
    await restoreFlow(db, deleted!);
    expect((await listSnapshots(db, 'f1')).map((s) => s.id)).toEqual(['s2', 's1']);
    expect((await getFlow(db, 'f1'))?.name).toBe('Support ticket triage');
  });

  it('lists flows newest edited first with their last run', async () => {
    const db = open();
    await createFlow(db, supportTriageFlow('old'), 1);
    await createFlow(db, { ...supportTriageFlow('new'), name: 'Newer' }, 2);
    const store = createDexieRunStore(db);
    await store.createRun(makeRun('r1', { flowId: 'old', status: 'failed', createdAt: 5 }));
    await store.createRun(makeRun('r2', { flowId: 'old', status: 'succeeded', createdAt: 9 }));
    const list = await listFlowSummaries(db);
    expect(list.map((f) => [f.id, f.lastRun?.status ?? null])).toEqual([
      ['new', null],
      ['old', 'succeeded'],
    ]);
  });
});
