/**
 * The runs list's data, paged (see usePagedWindow): the number of matching runs, and the runs of
 * the pages in view, loaded through listRuns with an offset and limit. Both are live queries: a
 * new run, or a run that finishes, shows without a reload.
 */
import { useMemo } from 'react';
import type { RunRecord, RunStatus } from '../../engine/run/types';
import { countRuns, listRuns } from '../../storage/runQueries';
import { db } from '../runtime/database';
import { usePagedWindow } from '../ui/usePagedWindow';

export const PAGE_SIZE = 50;

export interface RunsFilter {
  flowId?: string;
  status?: RunStatus;
}

export function useRunsWindow(filter: RunsFilter): { count: number | undefined; runAt(index: number): RunRecord | null; setRange(start: number, end: number): void } {
  const { flowId, status } = filter;
  const query = useMemo(() => {
    const where = { ...(flowId ? { flowId } : {}), ...(status ? { status } : {}) };
    return {
      key: `${flowId ?? ''}|${status ?? ''}`,
      count: () => countRuns(db, where),
      page: (offset: number, limit: number) => listRuns(db, { ...where, offset, limit }),
    };
  }, [flowId, status]);
  const { count, itemAt, setRange } = usePagedWindow(query, PAGE_SIZE);
  return { count, runAt: itemAt, setRange };
}
