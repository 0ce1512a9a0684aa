/**
 * One step of a run in full: inputs, outputs, model calls (model, tokens, cost, latency), attempts
 * (with errors and retry delays), tool calls, logs, skip reason, and each visit of a loop. With PII
 * masking on, how many values of each type the visit masked and redacted (counts, never values).
 * Everything is shown as text.
 */
import { useRef } from 'react';
import type { PlanStep } from '../../engine/compile/types';
import type { StepRecord } from '../../engine/run/types';
import type { LineageTarget } from '../../engine/trace/lineage';
import { useStepFocus, type StepFocus } from './lineageFocus';
import { StepTraceButton } from './LineageView';
import { ErrorBox } from './ErrorBox';
import { KIND_TITLES, STATUS_LABELS, formatCost, formatDuration, formatTokens, valueText } from './format';
import { stepReviewText } from './reviewText';
import { ValueList } from './ValueView';
import { VerdictChips } from '../validation/VerdictChip';
import { PiiCountsLine } from '../pii/PiiCountsLine';

function stepTotals(records: readonly StepRecord[]) {
  let tokens = 0;
  let cost = 0;
  let calls = 0;
  let priced = false;
  for (const record of records) {
    for (const call of record.llmCalls) {
      calls++;
      tokens += call.inputTokens + call.outputTokens;
      if (call.costUsd !== null) {
        cost += call.costUsd;
        priced = true;
      }
    }
  }
  return { tokens, cost: priced ? cost : null, calls };
}

export function StepDetail({
  step,
  records,
  runActive,
  streamed,
  focus,
  onTrace,
}: {
  step: PlanStep;
  records: StepRecord[];
  runActive: boolean;
  streamed?: string;
  /** The visit a lineage chain selected: the step opens, scrolls into view and is highlighted. */
  focus?: StepFocus | undefined;
  onTrace?: ((target: LineageTarget) => void) | undefined;
}) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  useStepFocus(detailsRef, focus);
  const latest = records[records.length - 1];
  let status: string = latest?.status ?? (runActive ? 'queued' : 'not_run');
  if (latest?.status === 'running' && !runActive) status = 'interrupted';
  const label = STATUS_LABELS[status] ?? status;
  const totals = stepTotals(records);
  const duration = latest?.finishedAt !== undefined ? formatDuration(latest.finishedAt - latest.startedAt) : latest && runActive ? 'running' : '';
  const kindTitle = KIND_TITLES[step.kind] ?? step.kind;
  const models = [...new Set(records.flatMap((r) => r.llmCalls.map((c) => c.model)))];
  return (
    <li className={`detail-step detail-step-${step.category}${focus ? ' detail-step-focused' : ''}`} data-status={status}>
      <details ref={detailsRef} open={status === 'failed' || undefined}>
        <summary aria-label={`Step ${step.index + 1}: ${step.label}, ${label}`}>
          <span className="run-step-number" aria-hidden="true">
            {step.index + 1}
          </span>
          <span className="run-step-label">{step.label}</span>
          <span className={`chip chip-${step.category}`}>{step.category === 'agent' ? 'Agent' : step.category === 'human' ? 'Human' : 'Deterministic'}</span>
          <span className="run-step-kind">{kindTitle}</span>
          <span className="detail-step-facts">
            {models.length > 0 ? <span>{models.join(', ')}</span> : null}
            {totals.calls > 0 ? <span>{formatTokens(totals.tokens)} tokens</span> : null}
            {totals.calls > 0 ? <span>{formatCost(totals.cost)}</span> : null}
            {duration ? <span>{duration}</span> : null}
            {records.length > 1 ? <span>{records.length} visits</span> : null}
          </span>
          <VerdictChips verdicts={latest?.verdicts} />
          <span className={`status-pill status-pill-${status}`}>{label}</span>
        </summary>
        <div className="detail-step-body">
          {records.length === 0 ? <p className="hint">{runActive ? 'Not started yet.' : 'This step did not run.'}</p> : null}
          {streamed && latest?.status === 'running' ? (
            <div className="detail-block">
              <h4>Streaming</h4>
              <pre className="run-stream">{streamed}</pre>
            </div>
          ) : null}
          {records.map((record) => (
            <Visit key={record.id} record={record} step={step} kindTitle={kindTitle} many={records.length > 1} runActive={runActive} focused={focus?.visit === record.visit} onTrace={onTrace} />
          ))}
        </div>
      </details>
    </li>
  );
}

function Visit({ record, step, kindTitle, many, runActive, focused, onTrace }: { record: StepRecord; step: PlanStep; kindTitle: string; many: boolean; runActive: boolean; focused: boolean; onTrace: ((target: LineageTarget) => void) | undefined }) {
  return (
    <div className={`detail-visit${focused ? ' detail-visit-focused' : ''}`} data-visit={record.visit} tabIndex={focused && many ? -1 : undefined}>
      {many ? (
        <h4 className="detail-visit-title">
          Visit {record.visit + 1}
          {record.loopOutcome === 'looped' ? ' — sent its output back around the loop' : record.loopOutcome === 'exhausted' ? ' — the loop ran out of iterations' : ''}
        </h4>
      ) : record.loopOutcome ? (
        <p className="run-step-note">{record.loopOutcome === 'looped' ? 'Sent its output back around the loop.' : 'The loop ran out of iterations.'}</p>
      ) : null}
      {record.status === 'skipped' ? <p className="run-step-note">Skipped: {record.skipReason ?? 'its inputs were not active.'}</p> : null}
      {record.review ? <p className="run-step-note">{stepReviewText(record.review, record.status === 'waiting_review')}</p> : null}
      {record.error ? <ErrorBox error={record.error} place={{ stepNumber: step.index + 1, stepLabel: step.label, kindTitle, attempt: record.attempts.length }} /> : null}
      {record.status === 'running' && !runActive ? <p className="run-step-note">Interrupted while running; a resume runs it again.</p> : null}
      <PiiCountsLine counts={record.pii} />
      <div className="detail-grid">
        <div className="detail-block">
          <h4>Inputs</h4>
          <ValueList values={record.inputs} label={`${step.label}: inputs`} empty="No inputs." />
        </div>
        <div className="detail-block">
          <h4>Outputs</h4>
          {record.outputs ? <ValueList values={record.outputs} label={`${step.label}: outputs`} empty="No outputs (no branch taken)." /> : <p className="hint">None yet.</p>}
          {onTrace ? <StepTraceButton record={record} onTrace={onTrace} /> : null}
        </div>
      </div>
      {record.attempts.length > 0 ? (
        <div className="detail-block">
          <h4>Attempts</h4>
          <table className="detail-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Duration</th>
                <th scope="col">Result</th>
                <th scope="col">Retry after</th>
              </tr>
            </thead>
            <tbody>
              {record.attempts.map((attempt) => (
                <tr key={attempt.attempt}>
                  <td>{attempt.attempt}</td>
                  <td>{formatDuration(attempt.finishedAt - attempt.startedAt)}</td>
                  <td className="detail-wrap">{attempt.error ? `${attempt.error.code}: ${attempt.error.message}` : 'Succeeded'}</td>
                  <td>{attempt.retryDelayMs !== undefined ? formatDuration(attempt.retryDelayMs) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {record.llmCalls.length > 0 ? (
        <div className="detail-block">
          <h4>Model calls</h4>
          <table className="detail-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Tokens in / out</th>
                <th scope="col">Cost</th>
                <th scope="col">Latency</th>
                <th scope="col">First token</th>
                <th scope="col">Finish</th>
              </tr>
            </thead>
            <tbody>
              {record.llmCalls.map((call, i) => (
                <tr key={i}>
                  <td>
                    {call.model}
                    <span className="detail-muted"> · {call.providerId}</span>
                  </td>
                  <td>
                    {formatTokens(call.inputTokens)} / {formatTokens(call.outputTokens)}
                  </td>
                  <td>{formatCost(call.costUsd)}</td>
                  <td>{formatDuration(call.latencyMs)}</td>
                  <td>{call.ttftMs !== null ? formatDuration(call.ttftMs) : '—'}</td>
                  <td className="detail-wrap">{call.error ? `${call.error.code}: ${call.error.message}` : (call.response?.finishReason ?? '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {record.toolCalls.length > 0 ? (
        <div className="detail-block">
          <h4>Tool calls</h4>
          <ol className="detail-tools">
            {record.toolCalls.map((call, i) => (
              <li key={i}>
                <p>
                  <strong>{call.name}</strong> <span className="detail-muted">({call.type}, round {call.iteration}, {formatDuration(call.latencyMs)})</span>
                </p>
                <pre>Arguments: {valueText(call.arguments)}</pre>
                {call.error ? <pre className="detail-error-text">Error: {call.error.message}</pre> : <pre>Result: {valueText(call.result)}</pre>}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {record.logs.length > 0 ? (
        <div className="detail-block">
          <h4>Logs</h4>
          <pre className="detail-logs">{record.logs.join('\n')}</pre>
        </div>
      ) : null}
    </div>
  );
}
