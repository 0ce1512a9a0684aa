/**
 * A review decision and its evidence, stored together: one read-write transaction over
 * `reviews`, `trust` and `trustEvents` stores the decision (exactly one per item, as the review
 * store does) and counts it on the trust record of the step that produced the output, at the
 * configuration fingerprint the item was created for. Either both are stored or neither, so a
 * decision is never counted twice nor lost as evidence; a rejection at a reduced tier demotes the
 * step in the same transaction (`applyDecision`).
 *
 * Why not call the review store's `decideReview` inside the transaction: it first waits for the
 * run store's queued checkpoints, a promise outside IndexedDB, and while runs are executing (a
 * dataset run) that wait lets the transaction commit under it. So the decision is written here
 * with the engine's own rules (`checkDecision`, `withDecision`), after the same wait.
 *
 * The count is marked on the decision event by the item's id (a unique index), so `countDecision`
 * is idempotent: counting an item again changes nothing.
 */
import { cloneForStorage } from '../engine/run/memoryStore';
import { checkDecision, reviewNotFound, withDecision } from '../engine/run/reviewRecords';
import type { ReviewDecision, ReviewItem, ReviewStore } from '../engine/run/types';
import { applyDecision, subjectOf, trustDecisionFor } from '../engine/trust';
import type { TrellisDB } from './db';
import { updateExistingTrust } from './trustStore';

/** The trust record an item's decision counts for. */
export function trustKeyOf(item: Pick<ReviewItem, 'trustKey' | 'flowId' | 'gateNodeId' | 'subjectNodeId'>): string {
  return item.trustKey ?? subjectOf(item).key;
}

/**
 * Counts a decided item as evidence, unless it was counted already or its step has no trust
 * record (it was decided before trust existed). Joins the caller's transaction if it has the
 * trust tables. Returns whether it counted it now.
 */
export async function countDecision(db: TrellisDB, item: ReviewItem): Promise<boolean> {
  const decision = item.decision;
  if (!decision) return false;
  return db.transaction('rw', db.trust, db.trustEvents, async () => {
    if ((await db.trustEvents.where('reviewId').equals(item.id).count()) > 0) return false;
    const key = trustKeyOf(item);
    if (!(await db.trust.get(key))) return false;
    const input = { decision: trustDecisionFor(decision.action), at: decision.at, by: decision.by, ...(item.fingerprint ? { fingerprint: item.fingerprint } : {}) };
    await updateExistingTrust(db, key, (current) => applyDecision(current, input), { reviewId: item.id });
    return true;
  });
}

/**
 * Stores the decision on review item `id` and counts it as evidence, in one transaction. Refuses
 * (ReviewAlreadyDecidedError) an item that already has a decision, as `ReviewStore.decideReview`
 * does. `store` is the run store whose queued writes (the checkpoint creating the item) are
 * waited for first.
 */
export async function decideWithEvidence(db: TrellisDB, store: Pick<ReviewStore, 'loadReview'>, id: string, decision: ReviewDecision): Promise<ReviewItem> {
  const checked = cloneForStorage(checkDecision(decision), `decision on review "${id}"`);
  await store.loadReview(id);
  return db.transaction('rw', db.reviews, db.trust, db.trustEvents, async () => {
    const item = await db.reviews.get(id);
    if (!item) throw reviewNotFound(id);
    const decided = withDecision(item, checked);
    await db.reviews.put(decided);
    await countDecision(db, decided);
    return decided;
  });
}
