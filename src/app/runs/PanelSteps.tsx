/**
 * The plan's steps in order with each one's live status: streamed agent text while it runs, the
 * error (what, where, retry countdown), the skip reason, or a preview of its output. Everything
 * model-made is shown as text.
 */
import type { PlanStep } from '../../engine/compile/types';
import { DEFAULT_RETRY_POLICY } from '../../engine/run/retry';
import type { NodeRunState } from './liveRun';
import { ErrorBox, RetryCountdown } from './ErrorBox';
import { KIND_TITLES, STATUS_LABELS, formatDuration, preview } from './format';
import { stepReviewText } from './reviewText';
import { VerdictChips } from '../validation/VerdictChip';

function statusOf(state: NodeRunState | undefined, active: boolean): string {
  if (!state) return active ? 'queued' : 'not_run';
  if (!active && (state.status === 'running' || state.status === 'queued' || state.status === 'retrying')) return 'interrupted';
  return state.status;
}

export function PanelSteps({ steps, byNode, active }: { steps: PlanStep[]; byNode: Record<string, NodeRunState>; active: boolean }) {
  return (
    <ol className="run-steps" aria-label="Run steps">
      {steps.map((step) => {
        const state = byNode[step.nodeId];
        const status = statusOf(state, active);
        const label = STATUS_LABELS[status] ?? status;
        const record = state?.record;
        const duration = record?.finishedAt !== undefined ? formatDuration(record.finishedAt - record.startedAt) : null;
        const kindTitle = KIND_TITLES[step.kind] ?? step.kind;
        return (
          <li key={step.nodeId} className={`run-step run-step-${step.category}`} data-status={status} aria-label={`Step ${step.index + 1}: ${step.label}, ${label}`}>
            <span className="run-step-number" aria-hidden="true">
              {step.index + 1}
            </span>
            <div className="run-step-body">
              <div className="run-step-line">
                <span className="run-step-label">{step.label}</span>
                <span className={`run-step-status run-step-status-${status}`}>
                  {label}
                  {duration && status !== 'skipped' ? ` · ${duration}` : ''}
                </span>
              </div>
              <div className="run-step-meta">
                <span className={`chip chip-${step.category}`}>{step.category === 'agent' ? 'Agent' : step.category === 'human' ? 'Human' : 'Deterministic'}</span>
                <span className="run-step-kind">{kindTitle}</span>
                <VerdictChips verdicts={record?.verdicts} />
              </div>
              {state?.status === 'running' && state.text ? (
                <pre className="run-stream" aria-label={`${step.label}: streamed output`}>
                  {state.text}
                </pre>
              ) : null}
              {state?.status === 'running' && state.attempt > 1 ? <p className="run-step-note">Attempt {state.attempt}</p> : null}
              {state?.status === 'retrying' && state.error ? (
                <div className="run-step-retry">
                  <ErrorBox error={state.error} compact place={{ attempt: state.attempt, maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts }} />
                  {state.retryAt !== undefined ? <RetryCountdown at={state.retryAt} /> : null}
                </div>
              ) : null}
              {status === 'failed' && state?.error ? (
                <ErrorBox error={state.error} place={{ stepNumber: step.index + 1, stepLabel: step.label, kindTitle, attempt: record?.attempts.length, maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts }} />
              ) : null}
              {status === 'skipped' && record?.skipReason ? <p className="run-step-note">{record.skipReason}</p> : null}
              {record?.review && (status === 'waiting_review' || status === 'succeeded' || status === 'failed') ? (
                <p className="run-step-note">{stepReviewText(record.review, status === 'waiting_review')}</p>
              ) : null}
              {status === 'succeeded' && record?.outputs ? <StepOutputPreview outputs={record.outputs} /> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function StepOutputPreview({ outputs }: { outputs: Record<string, unknown> }) {
  const entries = Object.entries(outputs);
  if (entries.length === 0) return null;
  return <p className="run-step-output">{entries.map(([port, value]) => `${port}: ${preview(value, 200)}`).join(' · ')}</p>;
}
