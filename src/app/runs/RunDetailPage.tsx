/**
 * One run: status, totals, inputs and outputs, the flow version it ran, the validation layers
 * (when its validators recorded verdicts), what PII masking did (counts only: the run's placeholder
 * mapping is never shown), and every step in plan order with what it did. Live: a
 * run in progress (in this tab or another) updates as its checkpoints are saved. An interrupted
 * run can be resumed here, a running one cancelled.
 */
import { useEffect, useMemo, useState } from 'react';
import { compile } from '../../engine/compile';
import type { StepRecord } from '../../engine/run/types';
import { toErrorInfo, type ErrorInfo } from '../../engine/util/errors';
import { piiCountsText, runPiiCounts } from '../pii/piiText';
import { hrefFor } from '../router';
import { ErrorBox } from './ErrorBox';
import { useLineageState } from './lineageFocus';
import { LineageView, TraceButton } from './LineageView';
import { formatCost, formatDuration, formatFullTime, formatTokens, runDuration, shownStatus, waitingText } from './format';
import { isHeld, useDecidedWait, useFlowVersion, useHeldLeases, useRunWithSteps } from './queries';
import { cancelRun, resumeLocalRun, subscribeRunEvents, useIsLocalRun } from './runController';
import { RunHead } from './RunHead';
import { RunValidation } from './RunValidation';
import { StepDetail } from './StepDetail';
import { TraceExport } from './TraceExport';
import { ValueList } from './ValueView';
import './runs.css';

/** Streamed text of the steps of a run executing in this tab, by node id. */
function useStreamed(runId: string, local: boolean): Record<string, string> {
  const [text, setText] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!local) return;
    return subscribeRunEvents((event) => {
      if (event.runId !== runId) return;
      if (event.type === 'step.started') setText((t) => ({ ...t, [event.nodeId]: '' }));
      else if (event.type === 'step.delta') setText((t) => ({ ...t, [event.nodeId]: (t[event.nodeId] ?? '') + event.text }));
    });
  }, [runId, local]);
  return text;
}

export function RunDetailPage({ runId }: { runId: string }) {
  const data = useRunWithSteps(runId);
  const run = data?.run;
  const version = useFlowVersion(run?.flowVersion);
  const plan = useMemo(() => (version ? compile(version.flow).plan : null), [version]);
  const local = useIsLocalRun(runId);
  const held = useHeldLeases(run?.status === 'running', 1000);
  const streamed = useStreamed(runId, local);
  const [actionError, setActionError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const decided = useDecidedWait(run);
  const lineage = useLineageState();

  const byStep = useMemo(() => {
    const map = new Map<number, StepRecord[]>();
    for (const record of data?.steps ?? []) {
      const list = map.get(record.stepIndex) ?? [];
      list.push(record);
      map.set(record.stepIndex, list);
    }
    for (const list of map.values()) list.sort((a, b) => a.visit - b.visit);
    return map;
  }, [data]);

  if (data === undefined) {
    return (
      <div className="page runs-page">
        <p className="hint">Loading…</p>
      </div>
    );
  }
  if (data === null || !run) {
    return (
      <div className="page runs-page">
        <div className="page-head">
          <p className="eyebrow">Run</p>
          <h1>Run not found</h1>
          <p className="lede">There is no run “{runId}” in this browser. Runs are kept in the browser they ran in.</p>
        </div>
        <a href={hrefFor({ page: 'runs' })}>All runs</a>
      </div>
    );
  }

  const leased = local || isHeld(held, 'run', runId);
  const status = shownStatus(run.status, held === undefined ? undefined : leased);
  const active = run.status === 'running' && status === 'running';
  const tokens = run.totals.inputTokens + run.totals.outputTokens;
  const piiCounts = runPiiCounts(run.pii?.entries, data.steps);
  const maskingOn = piiCounts !== undefined || Boolean(version?.flow.settings.pii);
  const masking = maskingOn ? (piiCountsText(piiCounts) ?? 'Masking on; none found') : version ? 'Not masked (masking is off in this flow version)' : null;
  const failedStepLabel = run.failedStep !== undefined ? (plan?.steps[run.failedStep]?.label ?? byStep.get(run.failedStep)?.[0]?.label) : undefined;

  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    work()
      .catch((error: unknown) => setActionError(toErrorInfo(error)))
      .finally(() => setBusy(false));
  };
  const resume = () =>
    act(async () => {
      const launch = resumeLocalRun(runId);
      if (!(await launch.started)) {
        const outcome = await launch.done;
        if (outcome === 'busy') throw new Error('Another tab is running this run right now.');
      }
    });

  return (
    <div className="page runs-page run-detail">
      <RunHead run={run} status={status} view="overview">
        <p className="run-links">
          <a href={hrefFor({ page: 'editor', flowId: run.flowId })}>Open flow</a>
          <a href={hrefFor({ page: 'runs', flowId: run.flowId })}>All runs of this flow</a>
          {run.batchId ? <a href={hrefFor({ page: 'batch', batchId: run.batchId })}>Dataset run</a> : null}
        </p>
      </RunHead>

      <section className="panel run-summary" aria-label="Summary">
        <dl className="facts">
          <div>
            <dt>Started</dt>
            <dd>{formatFullTime(run.startedAt)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(runDuration(run))}</dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd>
              {run.totals.llmCalls === 0 ? (
                '—'
              ) : (
                <>
                  {formatTokens(tokens)} <span className="detail-muted">({formatTokens(run.totals.inputTokens)} in, {formatTokens(run.totals.outputTokens)} out)</span>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>{run.totals.llmCalls > 0 ? formatCost(run.totals.costUsd) : '—'}</dd>
          </div>
          <div>
            <dt>Model calls</dt>
            <dd>{run.totals.llmCalls}</dd>
          </div>
          {masking !== null ? (
            <div>
              <dt>Personal data</dt>
              <dd>{masking}</dd>
            </div>
          ) : null}
          <div>
            <dt>Flow version</dt>
            <dd>
              <code title={run.flowVersion}>{run.flowVersion.slice(0, 12)}</code>
            </dd>
          </div>
          <div>
            <dt>Resumed</dt>
            <dd>{run.resumes === 0 ? 'never' : `${run.resumes}×`}</dd>
          </div>
          <div>
            <dt>Run id</dt>
            <dd>
              <code>{run.id}</code>
            </dd>
          </div>
        </dl>
        {status === 'interrupted' ? <p className="run-note">This run was interrupted (its tab was closed or reloaded) and no tab is running it. Resume it to go on from its last checkpoint.</p> : null}
        {status === 'running' && !local ? <p className="run-note">Running in another tab; this page follows its progress.</p> : null}
        {status === 'paused' ? (
          <p className="run-note">
            {waitingText(run)}. {decided ? 'A decision has been taken: continue the run to go on from it.' : 'The run goes on from there once a person decides; nothing before the gate runs again.'}
          </p>
        ) : null}
        <div className="actions">
          {status === 'running' || status === 'paused' ? (
            <button type="button" className="button-danger" disabled={busy} onClick={() => act(() => cancelRun(runId))}>
              Cancel run
            </button>
          ) : null}
          {status === 'paused' && decided ? (
            <button type="button" className="primary" disabled={busy} onClick={resume}>
              Continue run
            </button>
          ) : null}
          {status === 'interrupted' || status === 'cancelled' ? (
            <button type="button" className="primary" disabled={busy} onClick={resume}>
              Resume run
            </button>
          ) : null}
          {/* A run a reviewer rejected fails again at once (the rejection stands), so no retry. */}
          {status === 'failed' && run.error?.code !== 'rejected' ? (
            <button type="button" disabled={busy} onClick={resume}>
              Retry from the failed step
            </button>
          ) : null}
        </div>
        {actionError ? <ErrorBox error={actionError} alert /> : null}
        {run.error && run.status !== 'cancelled' ? (
          <ErrorBox error={run.error} {...(failedStepLabel && run.failedStep !== undefined ? { place: { stepNumber: run.failedStep + 1, stepLabel: failedStepLabel } } : {})} />
        ) : null}
      </section>

      <div className="columns run-io">
        <section className="panel" aria-labelledby="run-inputs-title">
          <h2 id="run-inputs-title">Inputs</h2>
          <ValueList values={run.inputs} label="Run inputs" empty="The run had no inputs." />
        </section>
        <section className="panel" aria-labelledby="run-outputs-title">
          <h2 id="run-outputs-title">Outputs</h2>
          <ValueList
            values={run.outputs}
            label="Run outputs"
            empty={active ? 'None yet.' : 'No outputs.'}
            action={plan ? (name) => <TraceButton label={`Trace back output “${name}”`} onClick={() => lineage.open({ type: 'run-output', name })} /> : undefined}
          />
        </section>
      </div>

      {lineage.target ? <LineageView runId={runId} target={lineage.target} onClose={lineage.close} onSelect={lineage.select} /> : null}

      <RunValidation steps={data.steps} />

      <TraceExport runId={run.id} />

      <section className="panel" aria-labelledby="run-steps-title">
        <h2 id="run-steps-title">
          Steps <span className="count">{plan ? `${plan.steps.length} in plan order` : ''}</span>
        </h2>
        {version === null ? <p className="hint">The flow version this run executed is not stored here; steps are listed from their records.</p> : null}
        <ol className="detail-steps" aria-label="Steps in plan order">
          {plan
            ? plan.steps.map((step) => (
                <StepDetail
                  key={step.nodeId}
                  step={step}
                  records={byStep.get(step.index) ?? []}
                  runActive={active}
                  {...(streamed[step.nodeId] ? { streamed: streamed[step.nodeId] } : {})}
                  focus={lineage.focus?.stepIndex === step.index ? lineage.focus : undefined}
                  onTrace={lineage.open}
                />
              ))
            : [...byStep.entries()]
                .sort(([a], [b]) => a - b)
                .map(([index, records]) => {
                  const first = records[0] as StepRecord;
                  const step = { index, nodeId: first.nodeId, kind: first.kind, category: first.category, label: first.label, config: null, inputs: [], loopInputs: [], guard: 'all-active' as const, waitFor: [], outputs: [], costly: false };
                  return <StepDetail key={first.nodeId} step={step} records={records} runActive={active} />;
                })}
        </ol>
      </section>
    </div>
  );
}
