/**
 * The head of a run's pages: what ran (with "dataset row" for a batch's run), its status, the
 * page's own links, and the run's views as links (each has its own address): Overview and Trace.
 */
import type { ReactNode } from 'react';
import type { RunRecord } from '../../engine/run/types';
import { hrefFor } from '../router';
import { STATUS_LABELS } from './format';
import './runHead.css';

export function RunViews({ runId, current }: { runId: string; current: 'overview' | 'trace' }) {
  return (
    <nav className="run-views" aria-label="Run views">
      <a className="run-view-link" href={hrefFor({ page: 'run', runId })} aria-current={current === 'overview' ? 'page' : undefined}>
        Overview
      </a>
      <a className="run-view-link" href={hrefFor({ page: 'run', runId, view: 'trace' })} aria-current={current === 'trace' ? 'page' : undefined}>
        Trace
      </a>
    </nav>
  );
}

/** `status`: the status as shown (a run no tab executes is interrupted); `children`: links under the title. */
export function RunHead({ run, status, view, children }: { run: Pick<RunRecord, 'id' | 'flowName' | 'batchId'>; status: string; view: 'overview' | 'trace'; children?: ReactNode }) {
  return (
    <div className="page-head">
      <p className="eyebrow">Run{run.batchId ? ' · dataset row' : ''}</p>
      <div className="run-detail-title">
        <h1>{run.flowName}</h1>
        <span className={`status-pill status-pill-${status}`} role="status">
          {STATUS_LABELS[status] ?? status}
        </span>
      </div>
      {children}
      <RunViews runId={run.id} current={view} />
    </div>
  );
}
