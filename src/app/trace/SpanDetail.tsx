/**
 * The picked span in full, from the step record it came from: for a model call the exact messages
 * sent and the raw response; for a tool call its arguments, result or error; for a step its inputs
 * and outputs; for a check its verdict; for a review the decision. All of it as text: model output
 * is untrusted and never rendered as HTML.
 */
import type { ReviewItem, StepRecord } from '../../engine/run/types';
import type { TraceSpan } from '../../engine/trace/spans';
import { ErrorBox } from '../runs/ErrorBox';
import { formatCost, formatDuration, formatFullTime, formatTokens } from '../runs/format';
import { stepReviewText } from '../runs/reviewText';
import { ValueList } from '../runs/ValueView';
import { VerdictLayerRow } from '../validation/VerdictLayers';
import { Fact } from './Fact';
import { LlmCallDetail } from './LlmCallDetail';
import { KIND_ICONS, KIND_WORDS, spanDurationText, spanStatusText } from './spanText';

export interface SpanDetailProps {
  span: TraceSpan;
  /** The span's title (spanTitles). */
  title: string;
  steps: readonly StepRecord[];
  reviews: readonly ReviewItem[];
  originMs: number;
  now: number;
  zoomed: boolean;
  onZoom(zoom: boolean): void;
  onClose(): void;
}

export function SpanDetail({ span, title, steps, reviews, originMs, now, zoomed, onZoom, onClose }: SpanDetailProps) {
  const record = span.stepId ? steps.find((s) => s.id === span.stepId) : undefined;
  const status = spanStatusText(span);
  return (
    <section className="panel trace-detail" aria-labelledby="trace-detail-title" tabIndex={0}>
      <div className="trace-detail-head">
        <p className={`trace-detail-kind tw-k-${span.kind}`}>
          <span aria-hidden="true">{KIND_ICONS[span.kind]}</span> {KIND_WORDS[span.kind]}
        </p>
        <h2 id="trace-detail-title">{title}</h2>
        <p className={`trace-detail-status tw-status tw-status-${status.tone}`}>
          <span aria-hidden="true">{status.icon}</span> {status.word}
        </p>
        <button type="button" className="trace-detail-close button-ghost" onClick={onClose} aria-label="Close the details" title="Close (Escape)">
          ✕
        </button>
      </div>
      <dl className="trace-facts">
        <Fact term="Started">
          {formatFullTime(span.startMs)} <span className="detail-muted">(+{formatDuration(Math.max(0, span.startMs - originMs))})</span>
        </Fact>
        <Fact term="Duration">{spanDurationText(span, now)}</Fact>
        {span.inputTokens + span.outputTokens > 0 ? (
          <Fact term="Tokens">
            {formatTokens(span.inputTokens)} in, {formatTokens(span.outputTokens)} out
          </Fact>
        ) : null}
        {span.costUsd !== null && span.inputTokens + span.outputTokens > 0 ? <Fact term="Cost">{formatCost(span.costUsd)}</Fact> : null}
      </dl>
      <div className="trace-detail-actions">
        <button type="button" onClick={() => onZoom(!zoomed)} aria-pressed={zoomed}>
          {zoomed ? 'Show the whole run' : 'Zoom the timeline to this span'}
        </button>
      </div>
      {span.error && span.kind !== 'llm' && span.kind !== 'tool' ? <ErrorBox error={span.error} compact /> : null}
      <Body span={span} label={title} record={record} reviews={reviews} />
    </section>
  );
}

function Body({ span, label, record, reviews }: { span: TraceSpan; label: string; record: StepRecord | undefined; reviews: readonly ReviewItem[] }) {
  if (span.kind === 'run') return <p className="hint">The whole run. Its inputs and outputs are on the Overview.</p>;
  if (!record) return <p className="hint">The step record of this span is not stored here.</p>;
  switch (span.kind) {
    case 'llm': {
      const call = span.llm ? record.llmCalls[span.llm.index] : undefined;
      return call ? <LlmCallDetail call={call} /> : <p className="hint">The model call is not in its step record.</p>;
    }
    case 'tool': {
      const call = span.tool ? record.toolCalls[span.tool.index] : undefined;
      if (!call) return <p className="hint">The tool call is not in its step record.</p>;
      return (
        <>
          <p className="trace-sub">
            {call.type === 'http' ? 'HTTP tool' : 'Code tool'}, asked for in model turn {call.iteration}
          </p>
          <h3 className="trace-h">Arguments</h3>
          <ValueList values={{ arguments: call.arguments }} label={`${label}: arguments`} />
          <h3 className="trace-h">{call.error ? 'Error' : 'Result'}</h3>
          {call.error ? <ErrorBox error={call.error} compact /> : <ValueList values={{ result: call.result }} label={`${label}: result`} />}
        </>
      );
    }
    case 'validation': {
      const verdict = span.check ? record.verdicts?.[span.check.index] : undefined;
      if (!verdict) return <p className="hint">The verdict is not in its step record.</p>;
      return (
        <div className="vl trace-verdict" role="group" aria-label={`Verdict of ${label}`}>
          <ol className="vl-rows">
            <VerdictLayerRow row={{ kind: 'verdict', verdict, caught: false }} compact={false} />
          </ol>
        </div>
      );
    }
    case 'review': {
      const item = span.review ? reviews.find((r) => r.id === span.review?.itemId) : undefined;
      const decision = span.review?.decision;
      return (
        <>
          {record.review ? <p className="trace-sub">{stepReviewText(record.review, record.status === 'waiting_review')}</p> : null}
          {decision ? (
            <dl className="trace-facts">
              <Fact term="Decision">{spanStatusText(span).word}</Fact>
              <Fact term="By">{decision.by}</Fact>
              <Fact term="At">{formatFullTime(decision.at)}</Fact>
              {decision.reason ? <Fact term="Reason">{decision.reason}</Fact> : null}
            </dl>
          ) : (
            <p className="trace-sub">No one has decided yet.</p>
          )}
          {item ? (
            <>
              <h3 className="trace-h">Output under review</h3>
              <ValueList values={{ output: item.output }} label={`${label}: output under review`} />
            </>
          ) : null}
        </>
      );
    }
    default:
      return (
        <>
          {record.skipReason ? <p className="trace-sub">Skipped: {record.skipReason}</p> : null}
          {record.attempts.length > 1 ? <p className="trace-sub">{record.attempts.length} attempts</p> : null}
          <h3 className="trace-h">Inputs</h3>
          <ValueList values={record.inputs} label={`${label}: inputs`} empty="No inputs." />
          <h3 className="trace-h">Outputs</h3>
          {record.outputs ? <ValueList values={record.outputs} label={`${label}: outputs`} empty="No outputs (no branch taken)." /> : <p className="hint">None yet.</p>}
        </>
      );
  }
}
