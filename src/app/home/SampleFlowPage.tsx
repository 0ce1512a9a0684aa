/**
 * The first page: a built-in flow, its compiled plan as numbered steps, and a run form. Running
 * shows each step's live status and the outputs; runs are kept in this browser (IndexedDB).
 */
import { useId, useMemo, useState } from 'react';
import { compile } from '../../engine/compile';
import { supportTriageFlow } from '../../engine/templates/supportTriage';
import { useFlowRun } from '../runtime/useFlowRun';
import { PlanList } from './PlanList';
import { RunOutputs } from './RunOutputs';

const SAMPLE_TICKET = 'Hello, I have a billing question: I was charged twice for my subscription this month. Could you refund the extra charge?';

export function SampleFlowPage() {
  const flow = useMemo(() => supportTriageFlow(), []);
  const { plan, diagnostics } = useMemo(() => compile(flow), [flow]);
  const { view, run, cancel } = useFlowRun(flow);
  const [ticket, setTicket] = useState(SAMPLE_TICKET);
  const ticketId = useId();
  const errors = diagnostics.filter((d) => d.severity === 'error');

  const finished = view.run?.finishedAt !== undefined ? ` in ${((view.run.finishedAt - view.run.startedAt) / 1000).toFixed(1)} s` : '';
  const status = view.active ? (view.resumed ? 'Resumed after a reload: running…' : 'Running…') : view.run ? `Last run ${view.run.status}${finished}` : 'Not run yet';

  return (
    <div className="page">
      <div className="page-head">
        <p className="eyebrow">Sample flow</p>
        <h1>{flow.name}</h1>
        <p className="lede">{flow.description}</p>
      </div>
      <div className="columns">
        <section className="panel" aria-labelledby="plan-title">
          <h2 id="plan-title">
            Plan <span className="count">{plan.steps.length} steps</span>
          </h2>
          <p className="hint">The flow compiles to these steps, run in this order. Agent steps use a model; deterministic steps do not.</p>
          {errors.length > 0 ? (
            <ul className="problems" aria-label="Problems">
              {errors.map((d, i) => (
                <li key={i}>{d.message}</li>
              ))}
            </ul>
          ) : null}
          <PlanList steps={plan.steps} views={view.steps} />
        </section>
        <section className="panel" aria-labelledby="run-title">
          <h2 id="run-title">Run</h2>
          <form
            className="run-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!view.active && ticket.trim()) run({ ticket });
            }}
          >
            <label htmlFor={ticketId}>Ticket</label>
            <textarea id={ticketId} value={ticket} rows={5} onChange={(event) => setTicket(event.target.value)} required />
            <div className="actions">
              <button type="submit" className="primary" disabled={view.active || !ticket.trim()}>
                Run flow
              </button>
              {view.active ? (
                <button type="button" onClick={cancel}>
                  Cancel
                </button>
              ) : null}
            </div>
          </form>
          <p className="run-status" role="status" aria-live="polite">
            {status}
          </p>
          {view.error ? (
            <p className="error" role="alert">
              {view.error}
            </p>
          ) : null}
          <RunOutputs run={view.run} />
        </section>
      </div>
    </div>
  );
}
