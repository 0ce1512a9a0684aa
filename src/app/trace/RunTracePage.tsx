/**
 * A run's trace (#/runs/<id>/trace), loaded on first use: the run's records as a waterfall of
 * timed spans with totals, and the details of the span picked. Live: while the run executes (in
 * this tab or another) or waits for a person, its trace follows its checkpoints and open spans
 * grow with the clock.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { buildTrace } from '../../engine/trace/spans';
import { useNow } from '../library/relativeTime';
import { hrefFor } from '../router';
import { db } from '../runtime/database';
import { shownStatus } from '../runs/format';
import { isHeld, useHeldLeases, useRunWithSteps } from '../runs/queries';
import { useIsLocalRun } from '../runs/runController';
import { RunHead } from '../runs/RunHead';
import { TraceView } from './TraceView';
import './trace.css';

export function RunTracePage({ runId }: { runId: string }) {
  const data = useRunWithSteps(runId);
  const reviews = useLiveQuery(() => db.reviews.where('runId').equals(runId).toArray(), [runId]);
  const run = data?.run;
  const open = run?.status === 'running' || run?.status === 'paused';
  const local = useIsLocalRun(runId);
  const held = useHeldLeases(run?.status === 'running', 1000);
  // Open spans grow with the clock: every second while the run is open.
  const now = useNow(open ? 1000 : 3_600_000);
  const trace = useMemo(() => (data ? buildTrace(data.run, data.steps, reviews ?? [], now) : null), [data, reviews, now]);

  if (data === undefined) {
    return (
      <div className="page runs-page trace-page">
        <p className="hint">Loading…</p>
      </div>
    );
  }
  if (data === null || !run || !trace) {
    return (
      <div className="page runs-page trace-page">
        <div className="page-head">
          <p className="eyebrow">Run trace</p>
          <h1>Run not found</h1>
          <p className="lede">There is no run “{runId}” in this browser. Runs are kept in the browser they ran in.</p>
        </div>
        <a href={hrefFor({ page: 'runs' })}>All runs</a>
      </div>
    );
  }
  const status = shownStatus(run.status, held === undefined ? undefined : local || isHeld(held, 'run', runId));
  return (
    <div className="page runs-page trace-page">
      <RunHead run={run} status={status} view="trace" />
      <TraceView trace={trace} steps={data.steps} reviews={reviews ?? []} now={now} live={status === 'running' || status === 'paused'} />
    </div>
  );
}
