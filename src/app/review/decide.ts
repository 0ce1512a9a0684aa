/**
 * What the queue's actions do: a decision goes through `decideAndResume` (stored once, then the
 * run goes on), a comment through the store. Either way the reviewer is told the outcome; a
 * decision refused because the item was already decided says who decided it and when (the card
 * leaves the queue by itself, as the item is no longer pending). After a decision the selection
 * moves on to the next item, so a reviewer can go through the queue key after key.
 */
import type { ReviewDecision, ReviewItem } from '../../engine/run/types';
import { saveReviewerName } from '../../storage/settingsRepo';
import { db, runStore } from '../runtime/database';
import { decideAndResume } from './actions';
import { alreadyDecidedText, errorText, priorDecisionOf } from './conflict';
import { queue, useQueue } from './queueStore';

export type DecisionInput = { action: 'approve' } | { action: 'reject'; reason: string } | { action: 'edit'; editedOutput: unknown };

/** Items this tab sent a decision for (whatever came of it): their leaving the queue is no news. */
const decidedHere = new Set<string>();

export function wasDecidedHere(id: string): boolean {
  return decidedHere.has(id);
}

const DONE: Record<DecisionInput['action'], string> = { approve: 'Approved', reject: 'Rejected', edit: 'Edited and approved' };

export function itemName(item: ReviewItem): string {
  return `“${item.subjectLabel ?? item.gateLabel}” of ${item.flowName}`;
}

/**
 * The reviewer's name: the saved one, or the one typed in the form (saved to Settings first).
 * Throws with the field's message when neither is usable.
 */
export async function reviewerName(saved: string | undefined, typed: string | undefined): Promise<string> {
  if (saved) return saved;
  const name = await saveReviewerName(db, typed ?? '');
  if (!name) throw new Error('Enter your name: it is recorded with your decision.');
  return name;
}

/**
 * Decides `item`. `next` is the item after it in the queue (selected once this one is decided).
 * Resolves true when the decision was stored, false when it was refused or failed (the notice says why).
 */
export async function decide(item: ReviewItem, input: DecisionInput, by: string, next: { id: string | null; index: number }): Promise<boolean> {
  if (useQueue.getState().busy[item.id]) return false;
  queue.setBusy(item.id, true);
  decidedHere.add(item.id);
  const decision: ReviewDecision = { ...input, by, at: Date.now() };
  try {
    await decideAndResume(item.id, decision);
    queue.notify({ kind: 'done', text: `${DONE[input.action]} ${itemName(item)}.` });
    advance(item.id, next);
    return true;
  } catch (error) {
    const prior = priorDecisionOf(error);
    if (prior) {
      queue.notify({ kind: 'conflict', text: `${itemName(item)}: ${alreadyDecidedText(prior)}` });
      advance(item.id, next);
    } else {
      decidedHere.delete(item.id);
      queue.notify({ kind: 'error', text: `Your decision on ${itemName(item)} was not stored: ${errorText(error)}` });
    }
    return false;
  } finally {
    queue.setBusy(item.id, false);
  }
}

function advance(decidedId: string, next: { id: string | null; index: number }): void {
  const state = useQueue.getState();
  if (state.selectedId !== decidedId) return;
  queue.select(next.id, next.index, true);
}

/** Adds a comment; resolves true when stored. */
export async function comment(item: ReviewItem, text: string, by: string): Promise<boolean> {
  try {
    await runStore.addReviewComment(item.id, { by, at: Date.now(), text });
    queue.notify({ kind: 'done', text: `Comment added to ${itemName(item)}.` });
    return true;
  } catch (error) {
    queue.notify({ kind: 'error', text: `Your comment was not stored: ${errorText(error)}` });
    return false;
  }
}
