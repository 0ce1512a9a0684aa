/**
 * Durable pauses through IndexedDB (fake-indexeddb): a run paused at a review gate is found by a
 * fresh connection (as after a reload or a browser restart), decided there, and resumed without
 * re-running the steps before the gate; two connections (two tabs) resuming it at once go on once.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../engine/testing/kinds';
import { executions, resetTestKinds } from '../engine/testing/kinds';
import { flowOf } from '../engine/testing/flows';
import { offlineServices } from '../engine/testing/services';
import { ResumeConflictError, resumeRun, startRun } from '../engine/run/executor';
import { ReviewAlreadyDecidedError } from '../engine/run/reviewRecords';
import { TrellisDB } from './db';
import { createDexieRunStore } from './runStore';

const flow = flowOf(
  [
    ['in', 't_source', { value: 'topic' }],
    ['draft', 't_costly', { inputs: ['in'], optional: ['feedback'], append: ' +draft' }],
    ['gate', 'review_gate', {}],
    ['out', 't_sink'],
  ],
  ['in.out -> draft.in', 'draft.out -> gate.in', 'gate.approved -> out.value', { from: 'gate.rejected', to: 'draft.feedback', loop: 1 }],
);

let counter = 0;
const names: string[] = [];
const open = (name: string) => new TrellisDB({ name, indexedDB, IDBKeyRange });
beforeEach(() => resetTestKinds());
afterEach(async () => {
  for (const name of names.splice(0)) await open(name).delete();
});

async function pausedIn(name: string) {
  names.push(name);
  const db = open(name);
  const paused = await (await startRun(flow, {}, { store: createDexieRunStore(db), services: offlineServices(), runId: 'r' })).done;
  db.close();
  return paused;
}

describe('durable pauses in IndexedDB', () => {
  it('a paused run survives a new connection, is decided there and goes on without re-running earlier steps', async () => {
    const name = `review-resume-${++counter}`;
    expect((await pausedIn(name)).status).toBe('paused');

    const db = open(name);
    const store = createDexieRunStore(db);
    const loaded = await store.loadRun('r');
    expect(loaded?.run).toMatchObject({ status: 'paused', waitingFor: [{ nodeId: 'gate', reviewId: 'r:2:0' }] });
    expect(loaded?.steps.find((s) => s.nodeId === 'gate')?.status).toBe('waiting_review');
    expect(await db.reviews.where('[status+createdAt]').between(['pending', 0], ['pending', Infinity]).count()).toBe(1);

    await store.decideReview('r:2:0', { action: 'reject', reason: 'Add the date.', by: 'Ada', at: 1 });
    await expect(store.decideReview('r:2:0', { action: 'approve', by: 'Grace', at: 2 })).rejects.toBeInstanceOf(ReviewAlreadyDecidedError);
    const revised = await (await resumeRun('r', { store, services: offlineServices() })).done;
    expect(revised.status).toBe('paused');
    expect(revised.waitingFor?.[0]?.reviewId).toBe('r:2:1');
    expect((await store.loadReview('r:2:1'))?.input).toMatchObject({ feedback: { feedback: 'Add the date.' } });

    await store.decideReview('r:2:1', { action: 'approve', by: 'Ada', at: 3 });
    const done = await (await resumeRun('r', { store, services: offlineServices() })).done;
    expect(done).toMatchObject({ status: 'succeeded', outputs: { result: 'topic +draft (revision 1)' } });
    expect([executions.get('in'), executions.get('draft'), executions.get('out')]).toEqual([1, 2, 1]);
    db.close();
  });

  it('two tabs resuming the decided run at once: one goes on, the other is refused', async () => {
    const name = `review-race-${++counter}`;
    await pausedIn(name);
    const tabs = [open(name), open(name)];
    const stores = tabs.map((db) => createDexieRunStore(db));
    await stores[0]?.decideReview('r:2:0', { action: 'approve', by: 'Ada', at: 1 });
    const results = await Promise.allSettled(stores.map((store) => resumeRun('r', { store, services: offlineServices() })));
    const handles = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(handles).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(ResumeConflictError) });
    expect((await handles[0]?.done)?.status).toBe('succeeded');
    expect(executions.get('out')).toBe(1);
    for (const db of tabs) db.close();
  });
});
