/**
 * Every run in this browser, newest first, filtered by flow and status (the filters live in the
 * URL: #/runs?flow=…&status=…). The list is virtualized and loaded a page at a time, so 10,000
 * runs open as fast as 10 and only the rows in view are in the page.
 */
import { Suspense, lazy, useCallback, useId } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { RunStatus } from '../../engine/run/types';
import { hrefFor, navigate } from '../router';
import { db } from '../runtime/database';
import { STATUS_LABELS, formatCost, formatDuration, formatFullTime, formatTime, formatTokens, outputsPreview, plural, runDuration, shownStatus, waitingText } from './format';
import { isHeld, useHeldLeases } from './queries';
import { useRunsWindow } from './useRunsWindow';
import { VirtualTable, type Column } from './VirtualTable';
import './runs.css';

// Totals over a flow's runs load when a flow is picked, keeping the entry bundle small.
const FlowTotals = lazy(() => import('./FlowTotals').then((m) => ({ default: m.FlowTotals })));

const STATUSES: RunStatus[] = ['running', 'paused', 'succeeded', 'failed', 'cancelled', 'interrupted'];

const COLUMNS: Column[] = [
  { key: 'flow', header: 'Flow', width: 'minmax(0, 1.6fr)' },
  { key: 'status', header: 'Status', width: '158px' },
  { key: 'started', header: 'Started', width: '150px' },
  { key: 'duration', header: 'Duration', width: '92px', align: 'end' },
  { key: 'tokens', header: 'Tokens', width: '84px', align: 'end' },
  { key: 'cost', header: 'Cost', width: '84px', align: 'end' },
  { key: 'outputs', header: 'Outputs', width: 'minmax(0, 2.4fr)' },
];

function isStatus(value: string | undefined): value is RunStatus {
  return value !== undefined && (STATUSES as string[]).includes(value);
}

export function RunsPage(props: { flowId?: string; status?: string }) {
  const base = useId();
  const flowId = props.flowId;
  const status = isStatus(props.status) ? props.status : undefined;
  const flows = useLiveQuery(async () => (await db.flows.orderBy('name').toArray()).map((f) => ({ id: f.id, name: f.name })), []);
  const { count, runAt, setRange } = useRunsWindow({ ...(flowId ? { flowId } : {}), ...(status ? { status } : {}) });
  const held = useHeldLeases(true, 2000);

  const setFilter = (next: { flowId?: string; status?: string }) => {
    navigate({ page: 'runs', ...(next.flowId ? { flowId: next.flowId } : {}), ...(next.status ? { status: next.status } : {}) }, { replace: true });
  };

  const row = useCallback(
    (index: number) => {
      const run = runAt(index);
      if (!run) return null;
      const shown = shownStatus(run.status, isHeld(held, 'run', run.id));
      const tokens = run.totals.inputTokens + run.totals.outputTokens;
      return {
        flow: (
          <a className="vt-link" href={hrefFor({ page: 'run', runId: run.id })}>
            {run.flowName}
            <span className="sr-only">, run started {formatFullTime(run.createdAt)}</span>
            {run.batchId ? <span className="runs-batch-chip">dataset row</span> : null}
          </a>
        ),
        status: <span className={`status-pill status-pill-${shown}`}>{STATUS_LABELS[shown] ?? shown}</span>,
        started: <time dateTime={new Date(run.createdAt).toISOString()}>{formatTime(run.createdAt)}</time>,
        duration: formatDuration(runDuration(run)),
        tokens: formatTokens(tokens),
        cost: run.totals.llmCalls > 0 ? formatCost(run.totals.costUsd) : '—',
        outputs: <span className="vt-text">{run.error && run.status === 'failed' ? `Error: ${run.error.message}` : run.status === 'paused' ? `${waitingText(run)}.` : outputsPreview(run.outputs)}</span>,
      };
    },
    [runAt, held],
  );

  const knownFlow = !flowId || flows?.some((f) => f.id === flowId);
  const filterKey = `${flowId ?? ''}|${status ?? ''}`;
  return (
    <div className="page runs-page">
      <div className="page-head runs-head">
        <div>
          <h1>Runs</h1>
          <p className="lede" aria-live="polite">
            {count === undefined ? 'Loading…' : `${plural(count, 'run')}${flowId || status ? ' match these filters' : ' in this browser'}, newest first.`}
          </p>
        </div>
        <form className="runs-filters" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${base}-flow`}>Flow</label>
            <select id={`${base}-flow`} value={flowId ?? ''} onChange={(e) => setFilter({ flowId: e.target.value, status })}>
              <option value="">All flows</option>
              {(flows ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
              {!knownFlow && flowId ? <option value={flowId}>{flowId} (not in the library)</option> : null}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${base}-status`}>Status</label>
            <select id={`${base}-status`} value={status ?? ''} onChange={(e) => setFilter({ flowId, status: e.target.value })}>
              <option value="">All statuses</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          {flowId || status ? (
            <button type="button" className="button-ghost" onClick={() => setFilter({})}>
              Clear filters
            </button>
          ) : null}
        </form>
      </div>
      {flowId ? (
        <Suspense fallback={null}>
          <FlowTotals key={filterKey} flowId={flowId} {...(status ? { status } : {})} />
        </Suspense>
      ) : null}
      <section className="panel runs-panel">
        <VirtualTable
          key={filterKey}
          label="Runs"
          columns={COLUMNS}
          rowCount={count ?? 0}
          rowHeight={44}
          row={row}
          onRange={setRange}
          rowAttributes={(index) => ({ 'data-status': runAt(index)?.status })}
          height="max(320px, calc(100vh - 260px))"
          empty={
            count === undefined ? (
              'Loading…'
            ) : flowId || status ? (
              'No runs match these filters.'
            ) : (
              <>
                No runs yet. Open a flow in the <a href={hrefFor({ page: 'flows' })}>library</a> and run it from its Run tab.
              </>
            )
          }
        />
      </section>
    </div>
  );
}
