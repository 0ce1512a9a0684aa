import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReviewItem } from '../engine/run/storeFixtures';
import type { ReviewItem, ReviewReason } from '../engine/run/types';
import { TrellisDB } from './db';
import { countPendingReviews, listPendingReviews, pendingFlows, pendingGates, pendingReviewPosition, type ReviewQueueFilter } from './reviewQueries';
import { createDexieRunStore } from './runStore';

const db = new TrellisDB({ name: 'trellis-review-queries-test', indexedDB, IDBKeyRange });
const reasons: ReviewReason[] = [{ kind: 'full' }, { kind: 'forced', rules: ['judge scored 0.3 < 0.6'] }, { kind: 'sampled', rate: 0.2, draw: 0.11, seed: 's' }];
const flowNames = ['Support triage', 'Lead research', 'Invoices'];

/** 240 items over 3 flows, 2 gates each and 3 reasons, with repeated ages (ties) and 40 decided. */
const all: ReviewItem[] = Array.from({ length: 240 }, (_, i) => {
  const flow = i % 3;
  const gate = (i >> 1) % 2;
  const item = makeReviewItem(`run-${String(i).padStart(3, '0')}`, 2 + gate, 0, {
    flowId: `flow-${flow}`,
    flowName: flowNames[flow] as string,
    gateNodeId: `gate-${gate}`,
    gateLabel: `Review ${gate === 0 ? 'draft' : 'summary'}`,
    subjectLabel: gate === 0 ? 'Draft reply' : 'Summarise',
    reason: reasons[(i * 7) % 3] as ReviewReason,
    createdAt: 50_000 + ((i * 53) % 120) * 10,
  });
  return i % 6 === 5 ? { ...item, status: 'decided', decision: { action: 'approve', by: 'Ada', at: 1 } } : item;
});
const pending = all.filter((item) => item.status === 'pending');

function expected(filter: ReviewQueueFilter): string[] {
  return pending
    .filter((item) => filter.flowId === undefined || item.flowId === filter.flowId)
    .filter((item) => filter.flowId === undefined || filter.gateNodeId === undefined || item.gateNodeId === filter.gateNodeId)
    .filter((item) => filter.reasonKind === undefined || item.reason.kind === filter.reasonKind)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    .map((item) => item.id);
}

const filters: ReviewQueueFilter[] = [
  {},
  { flowId: 'flow-1' },
  { flowId: 'flow-1', gateNodeId: 'gate-1' },
  { reasonKind: 'forced' },
  { flowId: 'flow-2', reasonKind: 'sampled' },
  { flowId: 'flow-0', gateNodeId: 'gate-0', reasonKind: 'full' },
  { gateNodeId: 'gate-0' },
  { flowId: 'no-such-flow' },
];

beforeAll(async () => {
  await db.reviews.bulkPut(all);
});
afterAll(async () => {
  await db.delete();
});

describe('review queue queries', () => {
  it('lists pending items oldest first for every filter combination, with paging and counts', async () => {
    for (const filter of filters) {
      const ids = expected(filter);
      expect((await listPendingReviews(db, { ...filter, limit: 1000 })).map((item) => item.id), JSON.stringify(filter)).toEqual(ids);
      expect((await listPendingReviews(db, { ...filter, offset: 7, limit: 11 })).map((item) => item.id)).toEqual(ids.slice(7, 18));
      expect(await countPendingReviews(db, filter)).toBe(ids.length);
    }
    expect(await listPendingReviews(db)).toHaveLength(50);
  });

  it('finds where an item stands in the filtered queue, ties in id order', async () => {
    for (const filter of filters) {
      const ids = expected(filter);
      for (const [position, id] of ids.entries()) expect(await pendingReviewPosition(db, id, filter)).toBe(position);
    }
    const decided = all.find((item) => item.status === 'decided') as ReviewItem;
    expect(await pendingReviewPosition(db, decided.id)).toBeUndefined();
    expect(await pendingReviewPosition(db, 'missing')).toBeUndefined();
    const other = pending.find((item) => item.flowId === 'flow-0') as ReviewItem;
    expect(await pendingReviewPosition(db, other.id, { flowId: 'flow-1' })).toBeUndefined();
  });

  it('lists the flows and the gates (with the step they review) that have pending items, with counts', async () => {
    expect(await pendingFlows(db)).toEqual(
      [0, 1, 2]
        .map((f) => ({ flowId: `flow-${f}`, flowName: flowNames[f], count: pending.filter((item) => item.flowId === `flow-${f}`).length }))
        .sort((a, b) => (a.flowName as string).localeCompare(b.flowName as string)),
    );
    const count = (gate: string) => pending.filter((item) => item.flowId === 'flow-2' && item.gateNodeId === gate).length;
    expect(await pendingGates(db, 'flow-2')).toEqual([
      { gateNodeId: 'gate-0', gateLabel: 'Review draft', subjectLabel: 'Draft reply', count: count('gate-0') },
      { gateNodeId: 'gate-1', gateLabel: 'Review summary', subjectLabel: 'Summarise', count: count('gate-1') },
    ]);
    expect(await pendingGates(db, 'no-such-flow')).toEqual([]);
  });

  it('drops an item from the queue once it is decided through the store', async () => {
    const fresh = new TrellisDB({ name: 'trellis-review-queries-decide', indexedDB, IDBKeyRange });
    try {
      await fresh.reviews.bulkPut([makeReviewItem('a', 2, 0, { createdAt: 1 }), makeReviewItem('b', 2, 0, { createdAt: 2 })]);
      const store = createDexieRunStore(fresh);
      await store.decideReview('a:2:0', { action: 'approve', by: 'Ada', at: 10 });
      expect((await listPendingReviews(fresh)).map((item) => item.id)).toEqual(['b:2:0']);
      expect(await countPendingReviews(fresh)).toBe(1);
      expect(await pendingFlows(fresh)).toEqual([{ flowId: 'flow-1', flowName: 'Test flow', count: 1 }]);
    } finally {
      await fresh.delete();
    }
  });
});
