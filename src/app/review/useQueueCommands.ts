/**
 * The queue's behaviour: card actions, the keyboard (j/k, a/r/e/c, i, ?), and keeping the
 * selection on a real item while items leave the queue (decided here or in another tab).
 */
import { useCallback, useEffect, useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReviewItem } from '../../engine/run/types';
import { pendingReviewPosition, type ReviewQueueFilter } from '../../storage/reviewQueries';
import { db } from '../runtime/database';
import { alreadyDecidedText } from './conflict';
import { comment, decide, itemName, wasDecidedHere } from './decide';
import { commandFor, isTyping } from './keys';
import { queue, useQueue, type FormKind } from './queueStore';
import type { ReviewWindow } from './useReviewQueue';

const SELECTED_KEY = 'trellis.review.selected';

export function useQueueCommands(win: ReviewWindow, saved: string | undefined, filter: ReviewQueueFilter) {
  const { count, itemAt, indexOf } = win;
  const selectedId = useQueue((s) => s.selectedId);
  const selectedIndex = useQueue((s) => s.selectedIndex);

  /** Where the selection goes once the item at `index` leaves the queue. */
  const nextOf = useCallback(
    (index: number) => {
      const after = itemAt(index + 1);
      if (after) return { id: after.id, index };
      const before = index > 0 ? itemAt(index - 1) : null;
      return before ? { id: before.id, index: index - 1 } : { id: null, index: Math.max(0, index - 1) };
    },
    [itemAt],
  );

  const handlers = useMemo(
    () => ({
      onAction(kind: FormKind, item: ReviewItem, index: number) {
        queue.select(item.id, index);
        if (kind === 'approve' && saved) void decide(item, { action: 'approve' }, saved, nextOf(index));
        else queue.openForm(kind);
      },
      onApprove: (item: ReviewItem, index: number, by: string) => decide(item, { action: 'approve' }, by, nextOf(index)),
      onReject: (item: ReviewItem, index: number, reason: string, by: string) => decide(item, { action: 'reject', reason }, by, nextOf(index)),
      onEdit: (item: ReviewItem, index: number, editedOutput: unknown, by: string) => decide(item, { action: 'edit', editedOutput }, by, nextOf(index)),
      async onComment(item: ReviewItem, _index: number, text: string, by: string) {
        const done = await comment(item, text, by);
        if (done && useQueue.getState().selectedId === item.id) queue.closeForm();
        return done;
      },
    }),
    [saved, nextOf],
  );

  // The keyboard, anywhere on the page except in text fields and dialogs.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const command = commandFor(event);
      if (!command || count === undefined) return;
      event.preventDefault();
      const state = useQueue.getState();
      if (command === 'help') return queue.setHelp(true);
      if (command === 'next' || command === 'previous') {
        if (count === 0) return;
        const target = Math.min(count - 1, Math.max(0, state.selectedIndex + (command === 'next' ? 1 : -1)));
        return queue.select(itemAt(target)?.id ?? null, target, true);
      }
      const item = state.selectedId ? itemAt(state.selectedIndex) : null;
      if (!item || item.id !== state.selectedId || state.busy[item.id]) return;
      if (command === 'input') return queue.toggle(item.id, 'input');
      handlers.onAction(command, item, state.selectedIndex);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, itemAt, handlers]);

  // Keep the selection on a loaded, pending item. When the selected item is decided elsewhere
  // (another tab, another person), the reviewer is told by whom, as its card leaves.
  const selected = useLiveQuery(async () => (selectedId ? { id: selectedId, item: await db.reviews.get(selectedId) } : undefined), [selectedId]);
  const current = selected && selected.id === selectedId ? selected : undefined;
  const selectedStatus = current ? (current.item?.status ?? 'gone') : undefined;
  const left = current?.item && current.item.status !== 'pending' && !wasDecidedHere(current.id) ? current.item : undefined;
  useEffect(() => {
    if (left?.decision) {
      const { by, at, action } = left.decision;
      queue.notify({ kind: 'conflict', text: `${itemName(left)}: ${alreadyDecidedText({ by, at, action }, false)}` });
    } else if (left?.status === 'withdrawn') {
      queue.notify({ kind: 'conflict', text: `${itemName(left)} left the queue: its run ended (cancelled or failed) before a decision. Resuming the run brings it back.` });
    }
  }, [left]);
  useEffect(() => {
    if (count === undefined) return;
    const clamped = Math.min(selectedIndex, Math.max(0, count - 1));
    if (selectedId === null) {
      const item = itemAt(clamped);
      if (item) queue.select(item.id, clamped);
      return;
    }
    const at = indexOf(selectedId);
    if (at !== -1) return queue.follow(at);
    if (selectedStatus !== undefined && selectedStatus !== 'pending') {
      // Decided (here or elsewhere): the item now at its place takes the selection, and the focus
      // if the removed card had it.
      const lostFocus = document.activeElement === document.body || document.activeElement === null;
      queue.select(itemAt(clamped)?.id ?? null, clamped, lostFocus);
    }
  }, [count, itemAt, indexOf, selectedId, selectedIndex, selectedStatus]);

  // Remember the selected item for this tab, and come back to it after a reload.
  useEffect(() => {
    if (selectedId) sessionStorage.setItem(SELECTED_KEY, selectedId);
  }, [selectedId]);
  const filterJson = JSON.stringify(filter);
  useEffect(() => {
    const remembered = sessionStorage.getItem(SELECTED_KEY);
    if (!remembered) return;
    let live = true;
    void pendingReviewPosition(db, remembered, JSON.parse(filterJson) as ReviewQueueFilter).then((position) => {
      if (live && position !== undefined && useQueue.getState().selectedId !== remembered) queue.select(remembered, position, position > 0);
    });
    return () => {
      live = false;
    };
  }, [filterJson]);

  return handlers;
}
