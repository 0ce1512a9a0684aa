/**
 * Review items in IndexedDB: the ReviewStore half of the Dexie run store. Items are created by
 * run checkpoints (runStore.ts), in the transaction that pauses the run. A decision is checked
 * and written inside one read-write transaction, so of two tabs deciding the same item at once
 * exactly one decision is stored and the other is refused with who decided it and when.
 */
import { cloneForStorage } from '../engine/run/memoryStore';
import { checkComment, checkDecision, compareReviews, reviewNotFound, withComment, withDecision } from '../engine/run/reviewRecords';
import type { ReviewItem, ReviewStore } from '../engine/run/types';
import type { TrellisDB } from './db';

/**
 * @param settled resolves once the writes issued so far have settled, so reads and decisions see
 *   the checkpoints (and the review items they create) issued before them.
 */
export function createDexieReviewStore(db: TrellisDB, settled: () => Promise<void>): ReviewStore {
  const update = async (id: string, change: (item: ReviewItem) => ReviewItem): Promise<ReviewItem> => {
    await settled();
    return db.transaction('rw', db.reviews, async () => {
      const item = await db.reviews.get(id);
      if (!item) throw reviewNotFound(id);
      const next = change(item);
      await db.reviews.put(next);
      return next;
    });
  };

  return {
    async loadReview(id) {
      await settled();
      return db.reviews.get(id);
    },
    async loadRunReviews(runId) {
      await settled();
      return (await db.reviews.where('runId').equals(runId).toArray()).sort(compareReviews);
    },
    async decideReview(id, decision) {
      const checked = cloneForStorage(checkDecision(decision), `decision on review "${id}"`);
      return update(id, (item) => withDecision(item, checked));
    },
    async addReviewComment(id, comment) {
      const checked = checkComment(comment);
      return update(id, (item) => withComment(item, checked));
    },
  };
}
