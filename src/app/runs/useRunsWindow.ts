/**
 * The runs list's data, paged: the number of matching runs, and the runs of the pages in view
 * (loaded through listRuns with an offset and limit, so 10,000 runs cost a page at a time). Both
 * are live queries: a new run, or a run that finishes, shows without a reload.
 */
import { useCallback, useEffect, useState } from 'react';
import { liveQuery } from 'dexie';
import type { RunRecord, RunStatus } from '../../engine/run/types';
import { countRuns, listRuns } from '../../storage/runQueries';
import { db } from '../runtime/database';

export const PAGE_SIZE = 50;

export interface RunsFilter {
  flowId?: string;
  status?: RunStatus;
}

interface Loaded<T> {
  key: string;
  value: T;
}

export function useRunsWindow(filter: RunsFilter): { count: number | undefined; runAt(index: number): RunRecord | null; setRange(start: number, end: number): void } {
  const key = `${filter.flowId ?? ''}|${filter.status ?? ''}`;
  const [pages, setPages] = useState({ first: 0, last: 0 });
  const [count, setCount] = useState<Loaded<number> | null>(null);
  const [loaded, setLoaded] = useState<Loaded<{ offset: number; runs: RunRecord[] }> | null>(null);
  const { flowId, status } = filter;

  useEffect(() => {
    const query = { ...(flowId ? { flowId } : {}), ...(status ? { status } : {}) };
    const subscription = liveQuery(() => countRuns(db, query)).subscribe({ next: (value) => setCount({ key, value }) });
    return () => subscription.unsubscribe();
  }, [key, flowId, status]);

  useEffect(() => {
    const offset = pages.first * PAGE_SIZE;
    const limit = (pages.last - pages.first + 1) * PAGE_SIZE;
    const query = { ...(flowId ? { flowId } : {}), ...(status ? { status } : {}), offset, limit };
    const subscription = liveQuery(() => listRuns(db, query)).subscribe({ next: (runs) => setLoaded({ key, value: { offset, runs } }) });
    return () => subscription.unsubscribe();
  }, [key, flowId, status, pages.first, pages.last]);

  const setRange = useCallback((start: number, end: number) => {
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.floor(end / PAGE_SIZE);
    setPages((current) => (current.first === first && current.last === last ? current : { first, last }));
  }, []);

  const current = loaded && loaded.key === key ? loaded.value : null;
  const runAt = useCallback(
    (index: number): RunRecord | null => {
      if (!current) return null;
      return current.runs[index - current.offset] ?? null;
    },
    [current],
  );
  return { count: count && count.key === key ? count.value : undefined, runAt, setRange };
}
