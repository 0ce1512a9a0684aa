/**
 * A dataset run: its progress (live, from any tab), Cancel / Resume, and the results table (row,
 * status, outputs, error, link to the run), which downloads as CSV or JSONL.
 */
import { useCallback } from 'react';
import { hrefFor } from '../router';
import { BatchSummaryView, useBatchFollow } from './BatchSummary';
import { resultRows, type BatchRowView } from './batchView';
import { resultsToCsv, resultsToJsonl } from './dataset/export';
import { STATUS_LABELS, outputsPreview } from './format';
import { VirtualTable, type Column } from './VirtualTable';
import { downloadText } from '../ui/download';
import './runs.css';

const COLUMNS: Column[] = [
  { key: 'row', header: 'Row', width: '64px' },
  { key: 'status', header: 'Status', width: '120px' },
  { key: 'outputs', header: 'Outputs', width: 'minmax(0, 3fr)' },
  { key: 'error', header: 'Error', width: 'minmax(0, 2fr)' },
  { key: 'run', header: 'Run', width: '110px' },
];

function download(name: string, type: string, text: string): void {
  downloadText(name, text, type);
}

function baseName(source: string): string {
  return source.replace(/\.[^.]+$/, '') || 'dataset';
}

export function BatchPage({ batchId }: { batchId: string }) {
  const follow = useBatchFollow(batchId);
  const { view } = follow;
  const rows = view?.rows;
  const row = useCallback(
    (index: number) => {
      const item: BatchRowView | undefined = rows?.[index];
      if (!item) return null;
      return {
        row: item.index + 1,
        status: <span className={`status-pill status-pill-${item.status}`}>{STATUS_LABELS[item.status] ?? item.status}</span>,
        outputs: <span className="vt-text">{item.run ? outputsPreview(item.run.outputs, 200) : ''}</span>,
        error: (
          <span className="vt-text vt-error" title={item.error?.message}>
            {item.error && item.status !== 'cancelled' ? `${item.errorStep ? `${item.errorStep}: ` : ''}${item.error.message}` : ''}
          </span>
        ),
        run: item.runId ? (
          <a href={hrefFor({ page: 'run', runId: item.runId })}>
            Open<span className="sr-only"> run of row {item.index + 1}</span>
          </a>
        ) : (
          ''
        ),
      };
    },
    [rows],
  );

  if (view === undefined) {
    return (
      <div className="page runs-page">
        <p className="hint">Loading…</p>
      </div>
    );
  }
  if (view === null) {
    return (
      <div className="page runs-page">
        <div className="page-head">
          <p className="eyebrow">Dataset run</p>
          <h1>Not found</h1>
          <p className="lede">There is no dataset run “{batchId}” in this browser.</p>
        </div>
        <a href={hrefFor({ page: 'runs' })}>All runs</a>
      </div>
    );
  }
  const { batch } = view;
  const results = () => resultRows(view);
  return (
    <div className="page runs-page">
      <div className="page-head">
        <p className="eyebrow">Dataset run</p>
        <h1>
          {batch.flowName} <span className="page-head-sub">over {batch.source}</span>
        </h1>
        <p className="run-links">
          <a href={hrefFor({ page: 'editor', flowId: batch.flowId })}>Open flow</a>
          <a href={hrefFor({ page: 'runs', flowId: batch.flowId })}>All runs of this flow</a>
        </p>
      </div>
      <section className="panel" aria-label="Progress">
        <BatchSummaryView batchId={batchId} follow={follow} />
      </section>
      <section className="panel batch-results" aria-labelledby="batch-results-title">
        <div className="panel-head">
          <h2 id="batch-results-title">
            Results <span className="count">{batch.total.toLocaleString('en-US')} rows</span>
          </h2>
          <div className="actions">
            <button type="button" onClick={() => download(`${baseName(batch.source)}-results.csv`, 'text/csv', resultsToCsv(results(), batch.inputNames))}>
              Download CSV
            </button>
            <button type="button" onClick={() => download(`${baseName(batch.source)}-results.jsonl`, 'application/x-ndjson', resultsToJsonl(results()))}>
              Download JSONL
            </button>
          </div>
        </div>
        <VirtualTable
          label="Dataset run results"
          columns={COLUMNS}
          rowCount={view.rows.length}
          rowHeight={40}
          row={row}
          rowAttributes={(index) => ({ 'data-status': view.rows[index]?.status })}
          height="min(60vh, 640px)"
        />
      </section>
    </div>
  );
}
