/**
 * The review queue's data, live (liveQuery sees writes of this tab and of other tabs): the
 * number of pending items, the items of the pages in view (loaded a page at a time, so 10,000
 * items cost a page), the filter choices, and the pending count for the navigation.
 */
import { useCallback, useEffect, useState } from 'react';
import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReviewItem } from '../../engine/run/types';
import { countPendingReviews, listPendingReviews, pendingFlows, pendingGates, type PendingFlow, type PendingGate, type ReviewQueueFilter } from '../../storage/reviewQueries';
import { db } from '../runtime/database';

export const PAGE_SIZE = 30;

interface Loaded<T> {
  key: string;
  value: T;
}

export function filterKey(filter: ReviewQueueFilter): string {
  return JSON.stringify([filter.flowId ?? '', filter.gateNodeId ?? '', filter.reasonKind ?? '']);
}

export interface ReviewWindow {
  /** Pending items matching the filter; undefined while loading. */
  count: number | undefined;
  /** The item at a position of the queue, or null while its page is not loaded. */
  itemAt(index: number): ReviewItem | null;
  /** Where a loaded item is, or -1. */
  indexOf(id: string): number;
  setRange(start: number, end: number): void;
}

export function useReviewWindow(filter: ReviewQueueFilter): ReviewWindow {
  const key = filterKey(filter);
  const [pages, setPages] = useState({ first: 0, last: 0 });
  const [count, setCount] = useState<Loaded<number> | null>(null);
  const [loaded, setLoaded] = useState<Loaded<{ offset: number; items: ReviewItem[] }> | null>(null);

  useEffect(() => {
    const query = JSON.parse(key) as [string, string, string];
    const subscription = liveQuery(() => countPendingReviews(db, toFilter(query))).subscribe({ next: (value) => setCount({ key, value }) });
    return () => subscription.unsubscribe();
  }, [key]);

  useEffect(() => {
    const offset = pages.first * PAGE_SIZE;
    const limit = (pages.last - pages.first + 1) * PAGE_SIZE;
    const query = { ...toFilter(JSON.parse(key) as [string, string, string]), offset, limit };
    const subscription = liveQuery(() => listPendingReviews(db, query)).subscribe({ next: (items) => setLoaded({ key, value: { offset, items } }) });
    return () => subscription.unsubscribe();
  }, [key, pages.first, pages.last]);

  const setRange = useCallback((start: number, end: number) => {
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.floor(end / PAGE_SIZE);
    setPages((current) => (current.first === first && current.last === last ? current : { first, last }));
  }, []);

  const current = loaded && loaded.key === key ? loaded.value : null;
  const itemAt = useCallback((index: number): ReviewItem | null => (current ? (current.items[index - current.offset] ?? null) : null), [current]);
  const indexOf = useCallback(
    (id: string): number => {
      if (!current) return -1;
      const at = current.items.findIndex((item) => item.id === id);
      return at === -1 ? -1 : current.offset + at;
    },
    [current],
  );
  return { count: count && count.key === key ? count.value : undefined, itemAt, indexOf, setRange };
}

function toFilter([flowId, gateNodeId, reasonKind]: [string, string, string]): ReviewQueueFilter {
  return {
    ...(flowId ? { flowId } : {}),
    ...(gateNodeId ? { gateNodeId } : {}),
    ...(reasonKind ? { reasonKind: reasonKind as ReviewQueueFilter['reasonKind'] } : {}),
  } as ReviewQueueFilter;
}

/** Flows with pending items, and the gates of the chosen flow. */
export function useQueueChoices(flowId: string | undefined): { flows: PendingFlow[] | undefined; gates: PendingGate[] | undefined } {
  const flows = useLiveQuery(() => pendingFlows(db), []);
  const gates = useLiveQuery(() => (flowId ? pendingGates(db, flowId) : []), [flowId]);
  return { flows, gates };
}

/** Every pending item, for the navigation's count. */
export function usePendingCount(): number | undefined {
  return useLiveQuery(() => countPendingReviews(db), []);
}
