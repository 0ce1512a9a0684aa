/**
 * Queries for the review queue: pending review items oldest first, filtered by flow, by flow and
 * gate step, and by why they are there (reason kind). Each filter combination walks one compound
 * index of the `reviews` table in createdAt order (see db.ts), with an offset and a limit, so a
 * page of the queue costs the same with 100 or 100,000 pending items. The filter choices (flows
 * and steps with pending items) come from skip scans: one indexed lookup per distinct value.
 */
import { Dexie, type Collection } from 'dexie';
import type { ReviewItem, ReviewReason } from '../engine/run/types';
import type { TrellisDB } from './db';

/** The reasons an item can be pending for ('skipped' outputs are never put in front of a person). */
export type QueueReasonKind = Exclude<ReviewReason['kind'], 'skipped'>;
export const QUEUE_REASON_KINDS: readonly QueueReasonKind[] = ['full', 'forced', 'sampled'];

export interface ReviewQueueFilter {
  flowId?: string;
  /** A review gate of `flowId` (ignored without a flow): one gate reviews one step's output. */
  gateNodeId?: string;
  reasonKind?: QueueReasonKind;
}

export interface ReviewQueueQuery extends ReviewQueueFilter {
  /** Default 50. */
  limit?: number;
  offset?: number;
}

const PENDING = 'pending';
const lo = Dexie.minKey;
const hi = Dexie.maxKey;

/** The index and key prefix that serve a filter, plus a reason test when no index has all three. */
function plan(filter: ReviewQueueFilter): { index: string; prefix: unknown[]; reasonKind?: QueueReasonKind } {
  const { flowId, reasonKind } = filter;
  const gateNodeId = flowId === undefined ? undefined : filter.gateNodeId;
  if (flowId !== undefined && gateNodeId !== undefined) {
    return { index: '[status+flowId+gateNodeId+createdAt]', prefix: [PENDING, flowId, gateNodeId], ...(reasonKind ? { reasonKind } : {}) };
  }
  if (flowId !== undefined && reasonKind !== undefined) return { index: '[status+flowId+reason.kind+createdAt]', prefix: [PENDING, flowId, reasonKind] };
  if (flowId !== undefined) return { index: '[status+flowId+createdAt]', prefix: [PENDING, flowId] };
  if (reasonKind !== undefined) return { index: '[status+reason.kind+createdAt]', prefix: [PENDING, reasonKind] };
  return { index: '[status+createdAt]', prefix: [PENDING] };
}

/** The filter's pending items, oldest first; `createdAt` narrows them to a range of ages. */
function oldestFirst(db: TrellisDB, filter: ReviewQueueFilter, createdAt: { from?: number; to?: number; toIncluded?: boolean } = {}): Collection<ReviewItem, string> {
  const { index, prefix, reasonKind } = plan(filter);
  const { from = lo, to = hi, toIncluded = true } = createdAt;
  const collection = db.reviews.where(index).between([...prefix, from], [...prefix, to], true, toIncluded);
  // Only flow + step + reason lacks an index of its own: the step's items are walked in order and
  // the reason tested on each (a step's pending items are a small part of the queue).
  return reasonKind ? collection.filter((item) => item.reason.kind === reasonKind) : collection;
}

/** Pending items matching the filter, oldest first. */
export function listPendingReviews(db: TrellisDB, query: ReviewQueueQuery = {}): Promise<ReviewItem[]> {
  return oldestFirst(db, query)
    .offset(query.offset ?? 0)
    .limit(query.limit ?? 50)
    .toArray();
}

export function countPendingReviews(db: TrellisDB, filter: ReviewQueueFilter = {}): Promise<number> {
  return oldestFirst(db, filter).count();
}

/**
 * Where a pending item stands in the filtered queue (0 = oldest), or undefined when it is not in
 * it (decided, gone, or filtered out). Used to return to the item a reviewer had selected.
 */
export async function pendingReviewPosition(db: TrellisDB, id: string, filter: ReviewQueueFilter = {}): Promise<number | undefined> {
  const item = await db.reviews.get(id);
  if (!item || item.status !== PENDING) return undefined;
  const { flowId, reasonKind } = filter;
  if (flowId !== undefined && item.flowId !== flowId) return undefined;
  if (flowId !== undefined && filter.gateNodeId !== undefined && item.gateNodeId !== filter.gateNodeId) return undefined;
  if (reasonKind !== undefined && item.reason.kind !== reasonKind) return undefined;
  // Older items, then items of the same age ordered before it by id (the index's tie order).
  const older = await oldestFirst(db, filter, { to: item.createdAt, toIncluded: false }).count();
  const sameAge = await oldestFirst(db, filter, { from: item.createdAt, to: item.createdAt })
    .filter((other) => other.id < item.id)
    .count();
  return older + sameAge;
}

export interface PendingFlow {
  flowId: string;
  flowName: string;
  count: number;
}

export interface PendingGate {
  gateNodeId: string;
  gateLabel: string;
  subjectLabel?: string;
  count: number;
}

/** Flows with pending items, by name. One index lookup and one count per flow. */
export async function pendingFlows(db: TrellisDB): Promise<PendingFlow[]> {
  const found: PendingFlow[] = [];
  const index = db.reviews.where('[status+flowId+createdAt]');
  let after: unknown[] = [PENDING, lo, lo];
  for (;;) {
    const item = await index.between(after, [PENDING, hi, hi], after[1] === lo, true).first();
    if (!item) break;
    const count = await index.between([PENDING, item.flowId, lo], [PENDING, item.flowId, hi]).count();
    found.push({ flowId: item.flowId, flowName: item.flowName, count });
    after = [PENDING, item.flowId, hi];
  }
  return found.sort((a, b) => a.flowName.localeCompare(b.flowName) || a.flowId.localeCompare(b.flowId));
}

/** The review gates of a flow with pending items (the steps they review), in label order. */
export async function pendingGates(db: TrellisDB, flowId: string): Promise<PendingGate[]> {
  const found: PendingGate[] = [];
  const index = db.reviews.where('[status+flowId+gateNodeId+createdAt]');
  let after: unknown[] = [PENDING, flowId, lo, lo];
  for (;;) {
    const item = await index.between(after, [PENDING, flowId, hi, hi], after[2] === lo, true).first();
    if (!item) break;
    const count = await index.between([PENDING, flowId, item.gateNodeId, lo], [PENDING, flowId, item.gateNodeId, hi]).count();
    found.push({ gateNodeId: item.gateNodeId, gateLabel: item.gateLabel, ...(item.subjectLabel ? { subjectLabel: item.subjectLabel } : {}), count });
    after = [PENDING, flowId, item.gateNodeId, hi];
  }
  return found.sort((a, b) => (a.subjectLabel ?? a.gateLabel).localeCompare(b.subjectLabel ?? b.gateLabel) || a.gateNodeId.localeCompare(b.gateNodeId));
}
