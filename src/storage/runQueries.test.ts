import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRun, makeStep } from '../engine/run/storeFixtures';
import type { RunRecord, RunStatus } from '../engine/run/types';
import { TrellisDB } from './db';
import { countRuns, deleteRuns, listRuns } from './runQueries';
import { createDexieRunStore } from './runStore';

const statuses: RunStatus[] = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'];
const db = new TrellisDB({ name: 'trellis-run-queries-test', indexedDB, IDBKeyRange });
const all: RunRecord[] = Array.from({ length: 300 }, (_, i) =>
  makeRun(`run-${String(i).padStart(3, '0')}`, {
    flowId: `flow-${i % 3}`,
    status: statuses[(i * 7) % statuses.length] as RunStatus,
    createdAt: 10_000 + ((i * 37) % 300) * 10,
  }),
);
const newestFirst = (runs: RunRecord[]) => [...runs].sort((a, b) => b.createdAt - a.createdAt).map((r) => r.id);

beforeAll(async () => {
  await db.runs.bulkPut(all);
});
afterAll(async () => {
  await db.delete();
});

describe('run list queries', () => {
  it('lists newest first for every filter combination, with paging and counts', async () => {
    const filters = [{}, { flowId: 'flow-1' }, { status: 'failed' as const }, { flowId: 'flow-2', status: 'succeeded' as const }];
    for (const filter of filters) {
      const expected = newestFirst(all.filter((r) => (!('flowId' in filter) || r.flowId === filter.flowId) && (!('status' in filter) || r.status === filter.status)));
      expect((await listRuns(db, { ...filter, limit: 1000 })).map((r) => r.id)).toEqual(expected);
      expect((await listRuns(db, { ...filter, offset: 5, limit: 10 })).map((r) => r.id)).toEqual(expected.slice(5, 15));
      expect(await countRuns(db, filter)).toBe(expected.length);
    }
  });

  it('deletes runs with all their steps', async () => {
    const store = createDexieRunStore(db);
    await store.createRun(makeRun('doomed', { createdAt: 1 }));
    await store.checkpoint({ runId: 'doomed', steps: [makeStep('doomed', 0), makeStep('doomed', 1, 3)] });
    await store.createRun(makeRun('kept', { createdAt: 2 }));
    await store.checkpoint({ runId: 'kept', steps: [makeStep('kept', 0)] });
    await deleteRuns(db, ['doomed']);
    expect(await store.loadRun('doomed')).toBeUndefined();
    expect(await db.stepLog.where('[runId+seq]').between(['doomed', Dexie.minKey], ['doomed', Dexie.maxKey]).count()).toBe(0);
    expect((await store.loadRun('kept'))?.steps).toHaveLength(1);
    await deleteRuns(db, ['kept']);
  });
});
