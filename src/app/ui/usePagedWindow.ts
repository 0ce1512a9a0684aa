/**
 * A long list's data for a virtualized table, paged: the number of items, and the items of the
 * pages in view (loaded with an offset and limit, so 10,000 items cost a page at a time). Both are
 * live queries: an item added or changed shows without a reload. `query` should be memoized on
 * what it filters by (its `key`): a new key starts over.
 */
import { useCallback, useEffect, useState } from 'react';
import { liveQuery } from 'dexie';

export interface PagedQuery<T> {
  /** What the query filters by, as text: results of another key are never shown. */
  key: string;
  count(): Promise<number>;
  page(offset: number, limit: number): Promise<T[]>;
}

interface Loaded<T> {
  key: string;
  value: T;
}

export interface PagedWindow<T> {
  count: number | undefined;
  itemAt(index: number): T | null;
  /** The range of rows in view (from the virtual table), to load. */
  setRange(start: number, end: number): void;
}

export function usePagedWindow<T>(query: PagedQuery<T>, pageSize: number): PagedWindow<T> {
  const { key } = query;
  const [pages, setPages] = useState({ first: 0, last: 0 });
  const [count, setCount] = useState<Loaded<number> | null>(null);
  const [loaded, setLoaded] = useState<Loaded<{ offset: number; items: T[] }> | null>(null);

  useEffect(() => {
    const subscription = liveQuery(() => query.count()).subscribe({ next: (value) => setCount({ key, value }) });
    return () => subscription.unsubscribe();
  }, [key, query]);

  useEffect(() => {
    const offset = pages.first * pageSize;
    const limit = (pages.last - pages.first + 1) * pageSize;
    const subscription = liveQuery(() => query.page(offset, limit)).subscribe({ next: (items) => setLoaded({ key, value: { offset, items } }) });
    return () => subscription.unsubscribe();
  }, [key, query, pages.first, pages.last, pageSize]);

  const setRange = useCallback(
    (start: number, end: number) => {
      const first = Math.floor(start / pageSize);
      const last = Math.floor(end / pageSize);
      setPages((current) => (current.first === first && current.last === last ? current : { first, last }));
    },
    [pageSize],
  );

  const current = loaded && loaded.key === key ? loaded.value : null;
  const itemAt = useCallback(
    (index: number): T | null => {
      if (!current) return null;
      return current.items[index - current.offset] ?? null;
    },
    [current],
  );
  return { count: count && count.key === key ? count.value : undefined, itemAt, setRange };
}
