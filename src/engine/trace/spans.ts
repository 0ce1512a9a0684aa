/**
 * A run's trace: its records turned into a tree of timed spans — the run, each step (each visit
 * of a revise loop), each model call (with time to first token), each tool call, each validation
 * layer and each wait for a person. The trace viewer draws it as a waterfall and the OTLP export
 * sends it to observability tools; both read this one derivation, so they always agree.
 *
 * Pure: the same records give the same spans. Spans are ordered parents first, then by start.
 */
import type { ErrorInfo } from '../util/errors';
import type { ReviewItem, RunRecord, StepRecord } from '../run/types';
import type { VerdictLayer, VerdictStatus } from '../validation/verdict';

export type SpanKind = 'run' | 'step' | 'llm' | 'tool' | 'validation' | 'review';
/** 'running': not finished yet (endMs null); 'waiting': a person has not decided yet. */
export type SpanStatus = 'ok' | 'error' | 'skipped' | 'running' | 'waiting';

export interface LlmSpanData {
  /** Index into the step record's llmCalls. */
  index: number;
  providerId: string;
  model: string;
  temperature: number | null;
  maxTokens: number | null;
  ttftMs: number | null;
  finishReason: string | null;
  messages: number;
}

export interface TraceSpan {
  /** Unique within the run: 'run', 's:<step>:<visit>', then ':llm:<i>', ':tool:<i>', ':check:<i>', ':review'. */
  id: string;
  parentId: string | null;
  kind: SpanKind;
  name: string;
  /** Epoch milliseconds. */
  startMs: number;
  /** Null while the span is still open (a running step, a pending review). */
  endMs: number | null;
  status: SpanStatus;
  error?: ErrorInfo;
  depth: number;
  /** The step record the span belongs to (absent on the run span). */
  stepId?: string;
  nodeId?: string;
  stepKind?: string;
  stepIndex?: number;
  visit?: number;
  inputTokens: number;
  outputTokens: number;
  /** US dollars; null when unknown or not applicable. */
  costUsd: number | null;
  llm?: LlmSpanData;
  tool?: { index: number; name: string; type: 'http' | 'code'; iteration: number };
  check?: { index: number; layer: VerdictLayer; validator: string; status: VerdictStatus; score: number | null; threshold: number | null; label: string | null; attempt: number };
  review?: { itemId: string; decision: { action: string; by: string; at: number; reason?: string } | null };
}

export interface TraceTotals {
  spans: number;
  /** Run start to its end (or to `now` while it runs or waits). */
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  llmCalls: number;
  /** Time spent in model calls (summed: parallel calls count each). */
  modelMs: number;
  /** Time outputs waited for a person (summed over review waits; open waits up to `now`). */
  reviewWaitMs: number;
}

export interface Trace {
  runId: string;
  spans: TraceSpan[];
  totals: TraceTotals;
}

const stepSpanId = (record: Pick<StepRecord, 'stepIndex' | 'visit'>) => `s:${record.stepIndex}:${record.visit}`;

function stepStatus(record: StepRecord): SpanStatus {
  switch (record.status) {
    case 'succeeded':
      return 'ok';
    case 'failed':
      return 'error';
    case 'skipped':
      return 'skipped';
    case 'waiting_review':
      return 'waiting';
    default:
      return 'running';
  }
}

function childSpans(record: StepRecord, parent: string, items: ReadonlyMap<string, ReviewItem>): TraceSpan[] {
  const base = { parentId: parent, depth: 2, stepId: record.id, nodeId: record.nodeId, stepKind: record.kind, stepIndex: record.stepIndex, visit: record.visit };
  const spans: TraceSpan[] = [];
  record.llmCalls.forEach((call, index) => {
    spans.push({
      ...base,
      id: `${parent}:llm:${index}`,
      kind: 'llm',
      name: `chat ${call.model}`,
      startMs: call.startedAt,
      endMs: call.startedAt + call.latencyMs,
      status: call.error ? 'error' : 'ok',
      ...(call.error ? { error: call.error } : {}),
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      costUsd: call.costUsd,
      llm: {
        index,
        providerId: call.providerId,
        model: call.model,
        temperature: call.request.temperature ?? null,
        maxTokens: call.request.maxTokens ?? null,
        ttftMs: call.ttftMs,
        finishReason: call.response?.finishReason ?? null,
        messages: call.request.messages.length,
      },
    });
  });
  record.toolCalls.forEach((call, index) => {
    // Records from before tool calls kept their start: place the call after the model turn that asked for it.
    const asked = record.llmCalls[call.iteration - 1];
    const start = call.startedAt ?? (asked ? asked.startedAt + asked.latencyMs : record.startedAt);
    spans.push({
      ...base,
      id: `${parent}:tool:${index}`,
      kind: 'tool',
      name: `tool ${call.name}`,
      startMs: start,
      endMs: start + call.latencyMs,
      status: call.error ? 'error' : 'ok',
      ...(call.error ? { error: call.error } : {}),
      inputTokens: 0,
      outputTokens: 0,
      costUsd: null,
      tool: { index, name: call.name, type: call.type, iteration: call.iteration },
    });
  });
  (record.verdicts ?? []).forEach((verdict, index) => {
    if (verdict.layer === 'human') return; // the review span stands for the person's decision
    spans.push({
      ...base,
      id: `${parent}:check:${index}`,
      kind: 'validation',
      name: `${verdict.layer} ${verdict.validator}`,
      startMs: verdict.at - verdict.latencyMs,
      endMs: verdict.at,
      status: verdict.status === 'error' ? 'error' : 'ok',
      inputTokens: verdict.inputTokens,
      outputTokens: verdict.outputTokens,
      costUsd: verdict.costUsd,
      check: {
        index,
        layer: verdict.layer,
        validator: verdict.validator,
        status: verdict.status,
        score: verdict.score,
        threshold: verdict.threshold,
        label: verdict.label,
        attempt: verdict.attempt,
      },
    });
  });
  if (record.review?.reviewed) {
    const itemId = record.review.itemId ?? record.id;
    const item = items.get(itemId);
    const decision = record.review.decision ?? item?.decision ?? null;
    spans.push({
      ...base,
      id: `${parent}:review`,
      kind: 'review',
      name: `review ${record.label}`,
      startMs: item?.createdAt ?? record.startedAt,
      endMs: decision ? decision.at : null,
      status: decision ? (decision.action === 'reject' ? 'error' : 'ok') : 'waiting',
      inputTokens: 0,
      outputTokens: 0,
      costUsd: null,
      review: {
        itemId,
        decision: decision ? { action: decision.action, by: decision.by, at: decision.at, ...(decision.reason ? { reason: decision.reason } : {}) } : null,
      },
    });
  }
  return spans.sort((a, b) => a.startMs - b.startMs);
}

/** The trace of a run from its records; `now` closes open spans in the totals. */
export function buildTrace(run: RunRecord, steps: readonly StepRecord[], reviews: readonly ReviewItem[] = [], now: number = Date.now()): Trace {
  const items = new Map(reviews.map((item) => [item.id, item]));
  const ordered = [...steps].sort((a, b) => a.startedAt - b.startedAt || a.stepIndex - b.stepIndex || a.visit - b.visit);
  const runSpan: TraceSpan = {
    id: 'run',
    parentId: null,
    kind: 'run',
    name: run.flowName,
    startMs: run.startedAt,
    endMs: run.finishedAt ?? null,
    status: run.status === 'succeeded' ? 'ok' : run.status === 'failed' || run.status === 'cancelled' || run.status === 'interrupted' ? 'error' : run.status === 'paused' ? 'waiting' : 'running',
    ...(run.error ? { error: run.error } : {}),
    depth: 0,
    inputTokens: run.totals.inputTokens,
    outputTokens: run.totals.outputTokens,
    costUsd: run.totals.costUsd,
  };
  const spans: TraceSpan[] = [runSpan];
  const totals: TraceTotals = {
    spans: 0,
    durationMs: Math.max(0, (run.finishedAt ?? now) - run.startedAt),
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    llmCalls: 0,
    modelMs: 0,
    reviewWaitMs: 0,
  };
  for (const record of ordered) {
    const id = stepSpanId(record);
    const calls = record.llmCalls;
    spans.push({
      id,
      parentId: 'run',
      kind: 'step',
      name: record.label,
      startMs: record.startedAt,
      endMs: record.finishedAt ?? (record.status === 'skipped' ? record.startedAt : null),
      status: stepStatus(record),
      ...(record.error ? { error: record.error } : {}),
      depth: 1,
      stepId: record.id,
      nodeId: record.nodeId,
      stepKind: record.kind,
      stepIndex: record.stepIndex,
      visit: record.visit,
      inputTokens: calls.reduce((sum, c) => sum + c.inputTokens, 0),
      outputTokens: calls.reduce((sum, c) => sum + c.outputTokens, 0),
      costUsd: calls.some((c) => c.costUsd !== null) ? calls.reduce((sum, c) => sum + (c.costUsd ?? 0), 0) : null,
    });
    // From the calls' own latencies: end minus start of epoch-millisecond times loses the fraction.
    totals.modelMs += calls.reduce((sum, c) => sum + c.latencyMs, 0);
    for (const child of childSpans(record, id, items)) {
      spans.push(child);
      if (child.kind === 'llm') {
        totals.llmCalls += 1;
        totals.inputTokens += child.inputTokens;
        totals.outputTokens += child.outputTokens;
        totals.costUsd += child.costUsd ?? 0;
      }
      if (child.kind === 'review') totals.reviewWaitMs += Math.max(0, (child.endMs ?? now) - child.startMs);
    }
  }
  totals.spans = spans.length;
  return { runId: run.id, spans, totals };
}
