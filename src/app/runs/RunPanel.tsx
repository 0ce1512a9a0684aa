/**
 * The editor's Run tab: run the flow once with a form generated from its Input nodes, or over a
 * dataset. While a run goes on, each step shows its status and streamed agent text; the canvas
 * paints the same statuses (through the live-run store). A flow with compile errors is refused,
 * with its problems listed.
 */
import { useMemo, useState } from 'react';
import { compile } from '../../engine/compile';
import type { FlowDoc } from '../../engine/flow/schema';
import { toErrorInfo, type ErrorInfo } from '../../engine/util/errors';
import { hrefFor } from '../router';
import { Tabs } from '../ui/Tabs';
import { DatasetPanel } from './DatasetPanel';
import { ErrorBox } from './ErrorBox';
import { describeError, diagnosticsOf } from './errorText';
import { STATUS_LABELS, formatCost, formatDuration, formatTokens, runDuration, waitingText } from './format';
import { formFields, initialValues, type FormValues } from './inputFields';
import { useLiveRun } from './liveRun';
import { PanelSteps } from './PanelSteps';
import { PanelValidationLine } from './PanelValidation';
import { RunForm } from './RunForm';
import { cancelRun, launchRun, useIsLocalRun } from './runController';
import { ValueList } from './ValueView';
import './runs.css';

/** Form values per flow, kept for the browser session (switching tabs, flows or reloading loses nothing). */
const FORM_KEY = (flowId: string) => `trellis.runForm.${flowId}`;

function loadValues(flowId: string): FormValues | undefined {
  try {
    const text = sessionStorage.getItem(FORM_KEY(flowId));
    const value = text ? (JSON.parse(text) as unknown) : undefined;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as FormValues) : undefined;
  } catch {
    return undefined;
  }
}

function saveValues(flowId: string, values: FormValues): void {
  try {
    sessionStorage.setItem(FORM_KEY(flowId), JSON.stringify(values));
  } catch {
    // Storage full or unavailable: the values stay in the form.
  }
}

type Mode = 'single' | 'dataset';

export function RunPanel({ doc }: { doc: FlowDoc }) {
  const { plan, diagnostics } = useMemo(() => compile(doc), [doc]);
  const problems = diagnostics.filter((d) => d.severity === 'error');
  const fields = useMemo(() => formFields(plan), [plan]);
  const [mode, setMode] = useState<Mode>('single');
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, loadValues(doc.id)));
  const [startError, setStartError] = useState<ErrorInfo | null>(null);
  const [cancelling, setCancelling] = useState(false);

  const live = useLiveRun();
  const showing = live.flowId === doc.id ? live : null;
  const local = useIsLocalRun(showing?.runId);
  const running = !!showing?.active && (local || showing.watching);

  // Fields can change while the panel is open (the Input node is edited): keep what was typed.
  const formValues = useMemo(() => initialValues(fields, values), [fields, values]);
  const updateValues = (next: FormValues) => {
    saveValues(doc.id, next);
    setValues(next);
  };

  const run = (inputs: Record<string, unknown>) => {
    setStartError(null);
    setCancelling(false);
    const launch = launchRun(doc, inputs, { show: true });
    launch.done.catch((error: unknown) => {
      setStartError(toErrorInfo(error));
      if (useLiveRun.getState().runId === launch.runId) useLiveRun.getState().clear();
    });
  };

  const cancel = () => {
    if (!showing?.runId) return;
    setCancelling(true);
    void cancelRun(showing.runId).finally(() => setTimeout(() => setCancelling(false), 300));
  };

  return (
    <section className="run-panel" aria-label="Run this flow">
      <Tabs
        label="How to run"
        tabs={[
          { id: 'single', label: 'Single run' },
          { id: 'dataset', label: 'Dataset' },
        ]}
        selected={mode}
        onSelect={setMode}
      >
        {problems.length > 0 ? (
          <div className="run-problems" role="alert">
            <p className="run-problems-title">
              This flow cannot run until {problems.length === 1 ? 'this problem is' : `these ${problems.length} problems are`} fixed:
            </p>
            <ul>
              {problems.map((problem, index) => (
                <li key={`${problem.code}-${problem.nodeId ?? ''}-${index}`}>{problem.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {mode === 'single' ? (
          <div className="run-single">
            <RunForm
              fields={fields}
              values={formValues}
              onChange={updateValues}
              onRun={run}
              disabled={problems.length > 0}
              {...(problems.length > 0 ? { disabledReason: 'Fix the problems above to run.' } : {})}
              running={running}
              onCancel={cancel}
              cancelling={cancelling}
            />
            {startError ? (
              <div className="run-start-error" role="alert">
                <ErrorBox error={startError} />
                {diagnosticsOf(startError).length > 0 ? (
                  <ul className="run-problems-list">
                    {diagnosticsOf(startError).map((message, i) => (
                      <li key={i}>{message}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            <RunStatusLine />
            {showing?.runId ? <PanelValidationLine runId={showing.runId} /> : null}
            <PanelResult flowId={doc.id} />
            {showing?.runId ? (
              <div className="run-steps-block">
                <h3 className="run-subtitle">Steps</h3>
                <PanelSteps steps={plan.steps} byNode={showing.byNode} active={running} />
              </div>
            ) : null}
          </div>
        ) : (
          <DatasetPanel doc={doc} fields={fields} runnable={problems.length === 0} />
        )}
      </Tabs>
    </section>
  );
}

/** One line on what the shown run is doing, announced politely. */
function RunStatusLine() {
  const live = useLiveRun();
  const local = useIsLocalRun(live.runId);
  let text = 'Not run yet.';
  if (live.runId) {
    if (live.active && live.watching) text = 'Running in another tab — showing its progress here.';
    else if (live.active && local) {
      text = live.resumed ? 'Resumed after reload — running from its last checkpoint…' : 'Running…';
      const retrying = Object.values(live.byNode).find((state) => state.status === 'retrying');
      if (retrying?.error) text += ` A step is waiting to retry (${describeError(retrying.error).title.toLowerCase()}).`;
    }
    else if (live.run?.status === 'paused') text = `${waitingText(live.run)}. The run goes on once a person decides.`;
    else if (live.run) {
      const status = live.run.status === 'running' ? 'interrupted' : live.run.status;
      const duration = runDuration(live.run);
      const reviewed = Object.values(live.byNode).some((state) => state.record?.review?.decision);
      const resumed = live.run.resumes > 0 ? (reviewed ? ' (continued after review)' : ' (resumed after reload)') : '';
      text = `Last run ${STATUS_LABELS[status]?.toLowerCase() ?? status}${duration !== undefined && status !== 'interrupted' ? ` in ${formatDuration(duration)}` : ''}${resumed}.`;
    } else if (live.active) text = 'Starting…';
  }
  return (
    <p className="run-status-line" role="status" aria-live="polite">
      {text}
    </p>
  );
}

/** The shown run's outputs and error, and where to see more. */
function PanelResult({ flowId }: { flowId: string }) {
  const live = useLiveRun();
  if (live.flowId !== flowId || !live.runId) return null;
  const run = live.run && !live.active ? live.run : null;
  const failedStep = run?.failedStep;
  const failedRecord = failedStep !== undefined ? Object.values(live.byNode).find((s) => s.record?.stepIndex === failedStep)?.record : undefined;
  return (
    <div className="run-result">
      {run ? (
        <>
          {run.error && run.status !== 'cancelled' ? (
            <ErrorBox error={run.error} {...(failedRecord ? { place: { stepNumber: failedRecord.stepIndex + 1, stepLabel: failedRecord.label } } : {})} />
          ) : null}
          <h3 className="run-subtitle">Outputs</h3>
          <ValueList values={run.outputs} label="Run outputs" empty={run.status === 'succeeded' ? 'The run produced no outputs.' : 'No outputs.'} />
          <p className="meta">
            {run.totals.llmCalls === 0
              ? 'No model calls.'
              : `${formatTokens(run.totals.inputTokens + run.totals.outputTokens)} tokens · ${formatCost(run.totals.costUsd)} · ${run.totals.llmCalls} model call${run.totals.llmCalls === 1 ? '' : 's'}`}
          </p>
        </>
      ) : null}
      <p className="run-links">
        <a href={hrefFor({ page: 'run', runId: live.runId })}>Run details</a>
        <a href={hrefFor({ page: 'runs', flowId })}>All runs of this flow</a>
      </p>
    </div>
  );
}
