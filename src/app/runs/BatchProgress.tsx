/** Progress of a dataset run: an accessible progress bar with succeeded / failed / total, and its actions. */
import type { BatchCounts } from './batchView';
import { plural } from './format';

export function progressText(counts: BatchCounts): string {
  const parts = [`${counts.finished.toLocaleString('en-US')} of ${plural(counts.total, 'row')} done`, `${counts.succeeded.toLocaleString('en-US')} succeeded`, `${counts.failed.toLocaleString('en-US')} failed`];
  if (counts.cancelled > 0) parts.push(`${counts.cancelled.toLocaleString('en-US')} cancelled`);
  if (counts.running > 0) parts.push(`${counts.running.toLocaleString('en-US')} running`);
  if (counts.interrupted > 0) parts.push(`${counts.interrupted.toLocaleString('en-US')} interrupted`);
  if (counts.paused > 0) parts.push(`${counts.paused.toLocaleString('en-US')} waiting for review`);
  if (counts.pending > 0) parts.push(`${counts.pending.toLocaleString('en-US')} not started`);
  return parts.join(', ');
}

export function BatchProgressBar({ counts, label }: { counts: BatchCounts; label: string }) {
  const total = Math.max(counts.total, 1);
  const pct = (n: number) => `${(n / total) * 100}%`;
  return (
    <div className="batch-progress">
      <div
        className="batch-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={counts.finished}
        aria-valuetext={progressText(counts)}
      >
        <span className="batch-bar-ok" style={{ width: pct(counts.succeeded) }} />
        <span className="batch-bar-failed" style={{ width: pct(counts.failed) }} />
        <span className="batch-bar-cancelled" style={{ width: pct(counts.cancelled) }} />
        <span className="batch-bar-running" style={{ width: pct(counts.running) }} />
      </div>
      <p className="batch-counts">
        <span>
          <strong>{counts.finished.toLocaleString('en-US')}</strong> / {counts.total.toLocaleString('en-US')} done
        </span>
        <span className="batch-count-ok">{counts.succeeded.toLocaleString('en-US')} succeeded</span>
        <span className="batch-count-failed">{counts.failed.toLocaleString('en-US')} failed</span>
        {counts.cancelled > 0 ? <span>{counts.cancelled.toLocaleString('en-US')} cancelled</span> : null}
        {counts.running > 0 ? <span>{counts.running.toLocaleString('en-US')} running</span> : null}
        {counts.interrupted > 0 ? <span>{counts.interrupted.toLocaleString('en-US')} interrupted</span> : null}
        {counts.paused > 0 ? <span>{counts.paused.toLocaleString('en-US')} waiting for review</span> : null}
        {counts.pending > 0 ? <span>{counts.pending.toLocaleString('en-US')} not started</span> : null}
      </p>
    </div>
  );
}
