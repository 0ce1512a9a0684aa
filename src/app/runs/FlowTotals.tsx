/**
 * Totals over a flow's runs (the runs list filtered by a flow, and by status when one is chosen):
 * cost, tokens and wall time from the run records at once, then model time against time waiting
 * for people, counted from the runs' step records a batch at a time with progress. A snapshot:
 * it says when it was counted and can be counted again.
 */
import { useEffect, useState } from 'react';
import type { RunStatus } from '../../engine/run/types';
import { flowRunTotals, flowTimeTotals, type FlowRunTotals, type FlowTimeTotals } from '../../storage/flowTotals';
import { db } from '../runtime/database';
import { formatCost, formatDuration, formatTime, formatTokens, plural } from './format';
import './flowTotals.css';

export function FlowTotals({ flowId, status }: { flowId: string; status?: RunStatus }) {
  const [round, setRound] = useState(0);
  const [asOf, setAsOf] = useState<number | null>(null);
  const [runs, setRuns] = useState<FlowRunTotals | null>(null);
  const [time, setTime] = useState<FlowTimeTotals | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    const filter = { flowId, ...(status ? { status } : {}) };
    // After the list's first rows: the totals are not what the page opens for.
    const timer = setTimeout(() => {
      const now = Date.now();
      setAsOf(now);
      void flowRunTotals(db, filter, now).then((totals) => {
        if (!abort.signal.aborted) setRuns(totals);
      });
      const keep = (totals: FlowTimeTotals) => {
        if (!abort.signal.aborted) setTime(totals);
      };
      void flowTimeTotals(db, filter, { now, signal: abort.signal, onProgress: keep }).then(keep);
    }, 30);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [flowId, status, round]);

  const counting = time === null || time.counted < time.total;
  const tokens = runs ? runs.inputTokens + runs.outputTokens : 0;
  return (
    <section className="panel flow-totals" aria-labelledby="flow-totals-title" aria-busy={counting}>
      <div className="flow-totals-head">
        <h2 id="flow-totals-title">
          Totals <span className="count">{runs ? `over ${plural(runs.runs, 'run')}${status ? ' with this status' : ' of this flow'}` : 'counting…'}</span>
        </h2>
        <p className="flow-totals-when">
          {asOf !== null ? `As of ${formatTime(asOf)}` : ''}
          <button
            type="button"
            className="button-ghost"
            disabled={counting}
            onClick={() => {
              setRuns(null);
              setTime(null);
              setRound((r) => r + 1);
            }}
          >
            Count again
          </button>
        </p>
      </div>
      <dl className="facts">
        <div>
          <dt>Cost</dt>
          <dd>{runs ? (runs.llmCalls > 0 ? formatCost(runs.costUsd) : '—') : '…'}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>
            {runs ? formatTokens(tokens) : '…'}
            {runs && tokens > 0 ? <span className="detail-muted"> ({formatTokens(runs.inputTokens)} in, {formatTokens(runs.outputTokens)} out)</span> : null}
          </dd>
        </div>
        <div>
          <dt>Wall time, summed</dt>
          <dd>
            {runs ? formatDuration(runs.wallMs) : '…'}
            {runs && runs.open > 0 ? <span className="detail-muted"> ({runs.open} still open)</span> : null}
          </dd>
        </div>
        <div>
          <dt>Model time</dt>
          <dd>{time && !counting ? formatDuration(time.modelMs) : <Progress time={time} />}</dd>
        </div>
        <div>
          <dt>Waiting for review</dt>
          <dd>{time && !counting ? (time.reviewWaitMs > 0 ? formatDuration(time.reviewWaitMs) : '—') : <Progress time={time} />}</dd>
        </div>
      </dl>
      <p className="flow-totals-note">Cost counts the calls whose price is known. Model time adds up every model call (parallel calls each count); it and the review waits are read from each run’s step records, a batch of runs at a time.</p>
    </section>
  );
}

function Progress({ time }: { time: FlowTimeTotals | null }) {
  return <span className="detail-muted">{time && time.total > 0 ? `counting… ${time.counted.toLocaleString('en-US')} of ${time.total.toLocaleString('en-US')} runs` : 'counting…'}</span>;
}
