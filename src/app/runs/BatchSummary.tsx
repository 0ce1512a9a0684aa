/**
 * A dataset run's status, progress bar and actions (Cancel, Resume). A batch that a reload
 * interrupted (marked running, no tab holds it) is resumed here: rows without a run start and
 * interrupted runs resume from their checkpoints.
 */
import { useEffect, useRef, useState } from 'react';
import { cancelBatch, resumeBatch, useIsLocalBatch } from './batchController';
import { BatchProgressBar } from './BatchProgress';
import { useBatchView, type BatchView } from './batchView';
import { ErrorBox } from './ErrorBox';
import { STATUS_LABELS, formatDuration, formatTime } from './format';
import { isHeld, useHeldLeases } from './queries';

/** Batches this tab resumed after a reload (so the note survives remounts). */
const resumedHere = new Set<string>();

export type BatchShownStatus = 'running' | 'interrupted' | 'succeeded' | 'failed' | 'cancelled';

export function useBatchFollow(batchId: string): { view: BatchView | null | undefined; status: BatchShownStatus | null; resumed: boolean; local: boolean } {
  const local = useIsLocalBatch(batchId);
  const held = useHeldLeases(true, 1000);
  const leased = local || isHeld(held, 'batch', batchId) === true;
  const view = useBatchView(batchId, leased);
  const running = view?.batch.status === 'running';
  const [resumed, setResumed] = useState(() => resumedHere.has(batchId));
  const tried = useRef(false);

  // Resume a batch that nobody runs (its tab was reloaded or closed).
  const leaseKnown = held !== undefined;
  const orphaned = running && leaseKnown && !leased;
  useEffect(() => {
    if (!orphaned || tried.current) return;
    tried.current = true;
    resumedHere.add(batchId);
    setResumed(true);
    void resumeBatch(batchId, 'reload');
  }, [orphaned, batchId]);

  const status: BatchShownStatus | null = !view ? null : running ? (leased || !leaseKnown ? 'running' : 'interrupted') : view.batch.status;
  return { view, status, resumed, local };
}

export type BatchFollow = ReturnType<typeof useBatchFollow>;

export function BatchSummary({ batchId, compact = false }: { batchId: string; compact?: boolean }) {
  const follow = useBatchFollow(batchId);
  return <BatchSummaryView batchId={batchId} follow={follow} compact={compact} />;
}

export function BatchSummaryView({ batchId, follow, compact = false }: { batchId: string; follow: BatchFollow; compact?: boolean }) {
  const { view, status, resumed, local } = follow;
  const [busy, setBusy] = useState(false);
  if (view === undefined) return <p className="hint">Loading…</p>;
  if (view === null || !status) return <p className="hint">There is no dataset run “{batchId}” in this browser.</p>;
  const { batch, counts } = view;
  const duration = batch.finishedAt !== undefined ? batch.finishedAt - batch.createdAt : undefined;
  const act = (fn: () => Promise<unknown>) => {
    setBusy(true);
    void fn().finally(() => setBusy(false));
  };
  let line: string;
  if (status === 'running') line = resumed && local ? 'Resumed after reload — running the remaining rows…' : local ? 'Running…' : 'Running in another tab.';
  else if (status === 'interrupted') line = 'Interrupted: no tab is running it.';
  else {
    const waiting = counts.paused > 0 ? `, ${counts.paused} waiting for review` : '';
    const what = status === 'failed' && !batch.error ? `Finished: ${counts.succeeded} succeeded, ${counts.failed} of ${counts.total} rows failed${waiting}` : (STATUS_LABELS[status] ?? status);
    line = `${what}${duration !== undefined ? ` in ${formatDuration(duration)}` : ''}.`;
  }
  // Rows paused at a review gate are not failures: they go on once a person decides.
  const pill = status === 'failed' && !batch.error ? (counts.failed === 0 && counts.paused > 0 ? STATUS_LABELS.paused : 'Some rows failed') : (STATUS_LABELS[status] ?? status);
  return (
    <div className={`batch-summary${compact ? ' batch-summary-compact' : ''}`} data-status={status}>
      <p className="batch-line">
        <span className={`status-pill status-pill-${status}`}>{pill}</span>
        <span className="batch-source">
          {batch.source} · {batch.flowName} · started {formatTime(batch.createdAt)} · {batch.concurrency} at once
        </span>
      </p>
      <BatchProgressBar counts={counts} label={`Dataset run progress: ${batch.source}`} />
      <p className="run-status-line" role="status" aria-live="polite">
        {line}
      </p>
      {batch.error ? <ErrorBox error={batch.error} /> : null}
      <div className="actions batch-actions">
        {status === 'running' ? (
          <button type="button" className="button-danger" disabled={busy} onClick={() => act(() => cancelBatch(batchId))}>
            Cancel dataset run
          </button>
        ) : null}
        {status === 'interrupted' || status === 'cancelled' ? (
          <button type="button" disabled={busy} onClick={() => act(() => resumeBatch(batchId, 'request'))}>
            Resume dataset run
          </button>
        ) : null}
      </div>
    </div>
  );
}
