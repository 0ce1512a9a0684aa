import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { supportTriageFlow } from '../engine/templates/supportTriage';
import { TrellisDB } from './db';
import { copyName, createFlow, createSnapshot, deleteFlow, duplicateFlow, forceSaveFlow, getFlow, listFlowSummaries, listSnapshots, renameFlow, replaceFlow, restoreFlow, saveFlow } from './flowsRepo';
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

describe('flows repository: library actions', () => {
  it('renames a flow (name and description), bumping its revision so an open editor is told', async () => {
    const db = open();
    await createFlow(db, supportTriageFlow('f1'), 1);
    const row = await renameFlow(db, 'f1', { name: '  Triage v2 ', description: 'New words' }, 5);
    expect(row).toMatchObject({ name: 'Triage v2', revision: 2, updatedAt: 5, createdAt: 1 });
    expect((await getFlow(db, 'f1'))?.doc).toMatchObject({ name: 'Triage v2', description: 'New words' });
    const stale = await saveFlow(db, supportTriageFlow('f1'), 1);
    expect(stale.ok).toBe(false);
    await renameFlow(db, 'f1', { name: 'Only the name' });
    expect((await getFlow(db, 'f1'))?.doc.description).toBe('New words');
    await expect(renameFlow(db, 'f1', { name: '   ' })).rejects.toThrow('A flow needs a name.');
    await expect(renameFlow(db, 'f1', { name: 'x'.repeat(201) })).rejects.toThrow(/at most 200 characters \(this one has 201\)/);
    await expect(renameFlow(db, 'gone', { name: 'x' })).rejects.toThrow(/no longer exists/);
  });

  it('duplicates a flow under a new id as "Copy of ...", numbering further copies', async () => {
    const db = open();
    await createFlow(db, supportTriageFlow('f1'), 1);
    await createSnapshot(db, supportTriageFlow('f1'), 'Snap', 's1');
    const copy = await duplicateFlow(db, 'f1', 'f2', 7);
    expect(copy).toMatchObject({ id: 'f2', name: 'Copy of Support ticket triage', revision: 1, createdAt: 7, updatedAt: 7 });
    expect(copy.doc.id).toBe('f2');
    expect(copy.doc.nodes).toEqual(supportTriageFlow('f1').nodes);
    expect(await listSnapshots(db, 'f2')).toEqual([]);
    expect((await duplicateFlow(db, 'f1', 'f3')).name).toBe('Copy of Support ticket triage (2)');
    expect((await duplicateFlow(db, 'f1', 'f4')).name).toBe('Copy of Support ticket triage (3)');
    await expect(duplicateFlow(db, 'f1', 'f2')).rejects.toThrow(/already exists/);
    await expect(duplicateFlow(db, 'missing', 'f9')).rejects.toThrow(/no longer exists/);
  });

  it('names copies within the 200-character limit', () => {
    const long = 'n'.repeat(200);
    const first = copyName(long, new Set());
    expect(first).toHaveLength(200);
    const second = copyName(long, new Set([first]));
    expect(second).toHaveLength(200);
    expect(second.endsWith(' (2)')).toBe(true);
  });

  it('replaces a flow with an imported document and returns what it replaced (for undo)', async () => {
    const db = open();
    await createFlow(db, supportTriageFlow('f1'), 1);
    const { previous, row } = await replaceFlow(db, { ...supportTriageFlow('f1'), name: 'Imported' }, 9);
    expect(previous?.name).toBe('Support ticket triage');
    expect(row).toMatchObject({ name: 'Imported', revision: 2, createdAt: 1, updatedAt: 9 });
    await forceSaveFlow(db, previous!.doc);
    expect(await getFlow(db, 'f1')).toMatchObject({ name: 'Support ticket triage', revision: 3 });
    const fresh = await replaceFlow(db, supportTriageFlow('new'), 3);
    expect(fresh.previous).toBeUndefined();
    expect(fresh.row).toMatchObject({ revision: 1, createdAt: 3 });
  });
});
