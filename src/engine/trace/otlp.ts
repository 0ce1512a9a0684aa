/**
 * A run's trace as an OTLP/HTTP JSON export (`ExportTraceServiceRequest`) for observability tools
 * (Jaeger, Phoenix, Langfuse, an OpenTelemetry collector), following the OpenTelemetry GenAI
 * semantic conventions (open-telemetry/semantic-conventions-genai, docs/gen-ai/gen-ai-spans.md,
 * gen-ai-agent-spans.md, gen-ai-events.md):
 *
 * - the run: `invoke_workflow {flow}` (INTERNAL), `gen_ai.workflow.name`, run totals as `trellis.*`;
 * - agent steps: `invoke_agent {label}` (INTERNAL) with `gen_ai.agent.name`/`.id`; other steps a
 *   plain INTERNAL span named by their label; all with `trellis.step.kind`/`.index`/`.visit`;
 * - model calls: `chat {request model}` (CLIENT) with `gen_ai.operation.name` 'chat',
 *   `gen_ai.provider.name` (and the older `gen_ai.system`), request and response model,
 *   temperature, max tokens, usage, finish reasons, time to first chunk, `server.address`/`.port`;
 * - tool calls: `execute_tool {name}` with `gen_ai.tool.name`/`.type`/`.call.id`; CLIENT for HTTP
 *   tools (they call a remote service), INTERNAL for sandboxed code tools;
 * - validation layers: a span each, carrying one `gen_ai.evaluation.result` event. The event sits
 *   on the validation span itself: a verdict does not always name the span of the output it
 *   judged (a judge step checks whatever fed it), while its own span is always exact;
 * - review waits: a span each; a decision adds a `trellis.review.decision` event (action,
 *   reviewer) and a `gen_ai.evaluation.result` event named 'Human review' labelled by the action.
 *
 * Content (prompts, completions, tool arguments and results, validator explanations, reviewers'
 * reasons, and error messages that may quote any of those) is exported only with
 * `includeContent`; without it the payload holds no message text. Secrets are never in the
 * records, so they cannot reach an export. Pure: the same records and options give the same bytes.
 */
import { SCRIPTED_PROVIDER_ID } from '../llm/scripted';
import type { ProviderConfig } from '../llm/types';
import type { RunRecord, StepRecord } from '../run/types';
import type { ErrorCode, ErrorInfo } from '../util/errors';
import { inputMessagesJson, jsonText, outputMessagesJson } from './otlpContent';
import { attributes, msToUnixNano, SPAN_KIND, spanIdFor, traceIdFor, type AttrInput, type ExportTraceServiceRequest, type OtlpEvent, type OtlpSpan, type OtlpStatusCode } from './otlpWire';
import type { Trace, TraceSpan } from './spans';

export * from './otlpWire';

export interface OtlpExportOptions {
  /** Export prompts, completions, tool arguments and results, explanations and reasons. */
  includeContent: boolean;
  /** `service.name` of the resource (default 'trellis'). */
  serviceName?: string;
  /** `service.version` and the instrumentation scope's version. */
  appVersion?: string;
  /** The providers' settings (never keys): names the GenAI provider and server of each model call. */
  providers?: readonly Pick<ProviderConfig, 'id' | 'kind' | 'baseURL'>[];
  /** End time given to spans still open (a running step, a pending review); default now. */
  now?: number;
}

/** The records the trace was built from (its run and step records). */
export interface OtlpRecords {
  run: RunRecord;
  steps: readonly StepRecord[];
}

export const OTLP_SCOPE_NAME = 'trellis.trace';

type Pairs = Array<[string, AttrInput]>;

/** Errors whose messages describe the system (a status, a timeout), never quoting content. */
const PLAIN_ERRORS = new Set<ErrorCode>(['auth', 'not_found', 'rate_limit', 'quota', 'server', 'timeout', 'network', 'truncated', 'cancelled', 'sandbox_timeout', 'sandbox_memory', 'exhausted', 'conflict']);

function errorMessage(error: ErrorInfo, includeContent: boolean): string {
  const message = includeContent || PLAIN_ERRORS.has(error.code) ? error.message : `${error.code} error${error.status ? ` (HTTP ${error.status})` : ''}; the message is left out because it may quote content`;
  return message.length > 1000 ? `${message.slice(0, 999)}…` : message;
}

/** Hosts of OpenAI-compatible APIs with a well-known `gen_ai.provider.name`. */
const KNOWN_HOSTS: ReadonlyArray<[RegExp, string]> = [
  [/(^|\.)openai\.azure\.com$/, 'azure.ai.openai'],
  [/(^|\.)api\.openai\.com$/, 'openai'],
  [/(^|\.)groq\.com$/, 'groq'],
  [/(^|\.)deepseek\.com$/, 'deepseek'],
  [/(^|\.)mistral\.ai$/, 'mistral_ai'],
  [/(^|\.)x\.ai$/, 'x_ai'],
  [/(^|\.)perplexity\.ai$/, 'perplexity'],
  [/(^|\.)anthropic\.com$/, 'anthropic'],
  [/^generativelanguage\.googleapis\.com$/, 'gcp.gemini'],
  [/(^|\.)moonshot\.(ai|cn)$/, 'moonshot_ai'],
];

interface ProviderInfo {
  name: string;
  address?: string;
  port?: number;
}

function providerInfo(providerId: string, providers: OtlpExportOptions['providers']): ProviderInfo {
  const config = providers?.find((p) => p.id === providerId);
  if (providerId === SCRIPTED_PROVIDER_ID || config?.kind === 'scripted') return { name: 'trellis.demo' };
  const base = config?.baseURL ?? (config?.kind === 'openai' ? 'https://api.openai.com/v1' : undefined);
  if (!base) return { name: 'openai' };
  try {
    const url = new URL(base);
    const host = url.hostname;
    const name = KNOWN_HOSTS.find(([pattern]) => pattern.test(host))?.[1] ?? 'openai';
    return { name, address: host, port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80 };
  } catch {
    return { name: 'openai' };
  }
}

function status(span: TraceSpan, includeContent: boolean): { code: OtlpStatusCode; message?: string } {
  if (span.status === 'error') return { code: 2, ...(span.error ? { message: errorMessage(span.error, includeContent) } : {}) };
  return { code: span.status === 'ok' ? 1 : 0 };
}

function evaluationEvent(at: number, pairs: Pairs): OtlpEvent {
  return { timeUnixNano: msToUnixNano(at), name: 'gen_ai.evaluation.result', attributes: attributes(pairs) };
}

interface Built {
  name: string;
  kind: number;
  pairs: Pairs;
  events: OtlpEvent[];
}

function runSpan(span: TraceSpan, run: RunRecord): Built {
  return {
    name: `invoke_workflow ${run.flowName}`,
    kind: SPAN_KIND.INTERNAL,
    pairs: [
      ['gen_ai.operation.name', { s: 'invoke_workflow' }],
      ['gen_ai.workflow.name', { s: run.flowName }],
      ['trellis.run.id', { s: run.id }],
      ['trellis.run.status', { s: run.status }],
      ['trellis.run.resumes', { i: run.resumes }],
      ['trellis.flow.id', { s: run.flowId }],
      ['trellis.flow.version', { s: run.flowVersion }],
      ['trellis.usage.input_tokens', { i: span.inputTokens }],
      ['trellis.usage.output_tokens', { i: span.outputTokens }],
      ['trellis.llm.calls', { i: run.totals.llmCalls }],
      ['trellis.cost.usd', { d: span.costUsd }],
    ],
    events: [],
  };
}

function stepSpan(span: TraceSpan, record: StepRecord | undefined, options: OtlpExportOptions): Built {
  const agent = record?.category === 'agent';
  const firstCall = record?.llmCalls[0];
  const review = record?.review;
  const events: OtlpEvent[] = (record?.attempts ?? [])
    .filter((attempt) => attempt.error)
    .map((attempt) => ({
      timeUnixNano: msToUnixNano(attempt.finishedAt),
      name: 'trellis.step.attempt_failed',
      attributes: attributes([
        ['trellis.attempt', { i: attempt.attempt }],
        ['error.type', { s: attempt.error?.code }],
        ['trellis.retry.delay_ms', { i: attempt.retryDelayMs }],
      ]),
    }));
  return {
    name: agent ? `invoke_agent ${span.name}` : span.name,
    kind: SPAN_KIND.INTERNAL,
    pairs: [
      ...(agent
        ? ([
            ['gen_ai.operation.name', { s: 'invoke_agent' }],
            ['gen_ai.agent.name', { s: span.name }],
            ['gen_ai.agent.id', { s: span.nodeId }],
            ['gen_ai.provider.name', { s: firstCall ? providerInfo(firstCall.providerId, options.providers).name : undefined }],
          ] satisfies Pairs)
        : []),
      ['trellis.step.label', { s: span.name }],
      ['trellis.step.kind', { s: span.stepKind }],
      ['trellis.step.category', { s: record?.category }],
      ['trellis.step.index', { i: span.stepIndex }],
      ['trellis.step.visit', { i: span.visit }],
      ['trellis.step.status', { s: record?.status }],
      ['trellis.node.id', { s: span.nodeId }],
      ['trellis.step.attempts', { i: record?.attempts.length }],
      ['trellis.step.skip_reason', { s: record?.skipReason }],
      ['trellis.step.loop_outcome', { s: record?.loopOutcome }],
      ['trellis.review.reviewed', { b: review?.reviewed }],
      ['trellis.review.why', { s: review?.reason.kind }],
      ['trellis.review.rate', { d: review && 'rate' in review.reason ? review.reason.rate : undefined }],
      ['trellis.review.draw', { d: review && 'draw' in review.reason ? review.reason.draw : undefined }],
      // Summed over the step's model calls; not gen_ai.usage.*, so tools that add usage up never count it twice.
      ['trellis.usage.input_tokens', { i: span.inputTokens }],
      ['trellis.usage.output_tokens', { i: span.outputTokens }],
      ['trellis.cost.usd', { d: span.costUsd }],
      ['error.type', { s: span.error?.code }],
    ],
    events,
  };
}

function llmSpan(span: TraceSpan, record: StepRecord | undefined, options: OtlpExportOptions): Built {
  const call = span.llm ? record?.llmCalls[span.llm.index] : undefined;
  const requested = call?.request.model ?? span.llm?.model ?? 'unknown';
  const provider = providerInfo(span.llm?.providerId ?? '', options.providers);
  const content = options.includeContent && call;
  return {
    name: `chat ${requested}`,
    kind: SPAN_KIND.CLIENT,
    pairs: [
      ['gen_ai.operation.name', { s: 'chat' }],
      ['gen_ai.provider.name', { s: provider.name }],
      ['gen_ai.system', { s: provider.name }],
      ['gen_ai.request.model', { s: requested }],
      ['gen_ai.response.model', { s: call?.response ? call.model : undefined }],
      ['gen_ai.output.type', { s: call ? (call.request.responseFormat ? 'json' : 'text') : undefined }],
      ['gen_ai.request.temperature', { d: span.llm?.temperature }],
      ['gen_ai.request.max_tokens', { i: span.llm?.maxTokens }],
      ['gen_ai.usage.input_tokens', { i: span.inputTokens }],
      ['gen_ai.usage.output_tokens', { i: span.outputTokens }],
      ['gen_ai.response.finish_reasons', { sa: span.llm?.finishReason ? [span.llm.finishReason] : undefined }],
      ['gen_ai.request.stream', { b: span.llm?.ttftMs != null ? true : undefined }],
      ['gen_ai.response.time_to_first_chunk', { d: span.llm?.ttftMs != null ? span.llm.ttftMs / 1000 : undefined }],
      ['server.address', { s: provider.address }],
      ['server.port', { i: provider.address ? provider.port : undefined }],
      ['trellis.provider.id', { s: span.llm?.providerId }],
      ['trellis.llm.messages', { i: span.llm?.messages }],
      ['trellis.cost.usd', { d: span.costUsd }],
      ['error.type', { s: span.error?.code }],
      ['gen_ai.input.messages', { s: content ? inputMessagesJson(call) : undefined }],
      ['gen_ai.output.messages', { s: content ? outputMessagesJson(call) : undefined }],
    ],
    events: [],
  };
}

function toolSpan(span: TraceSpan, record: StepRecord | undefined, options: OtlpExportOptions): Built {
  const tool = span.tool;
  const call = tool ? record?.toolCalls[tool.index] : undefined;
  // The model's call id: the k-th tool record of a model turn answers the k-th call that turn asked for.
  const sameTurn = tool && record ? record.toolCalls.slice(0, tool.index).filter((c) => c.iteration === tool.iteration).length : -1;
  const asked = tool && record ? record.llmCalls[tool.iteration - 1]?.response?.toolCalls[sameTurn] : undefined;
  const content = options.includeContent && call;
  return {
    name: `execute_tool ${tool?.name ?? span.name}`,
    kind: tool?.type === 'http' ? SPAN_KIND.CLIENT : SPAN_KIND.INTERNAL,
    pairs: [
      ['gen_ai.operation.name', { s: 'execute_tool' }],
      ['gen_ai.tool.name', { s: tool?.name }],
      ['gen_ai.tool.type', { s: 'function' }],
      ['gen_ai.tool.call.id', { s: asked && asked.name === tool?.name ? asked.id : undefined }],
      ['trellis.tool.type', { s: tool?.type }],
      ['trellis.tool.iteration', { i: tool?.iteration }],
      ['error.type', { s: span.error?.code }],
      ['gen_ai.tool.call.arguments', { s: content ? jsonText(call.arguments) : undefined }],
      ['gen_ai.tool.call.result', { s: content && !call.error ? jsonText(call.result) : undefined }],
    ],
    events: [],
  };
}

function validationSpan(span: TraceSpan, record: StepRecord | undefined, options: OtlpExportOptions): Built {
  const check = span.check;
  const verdict = check ? record?.verdicts?.[check.index] : undefined;
  return {
    name: span.name,
    kind: SPAN_KIND.INTERNAL,
    pairs: [
      ['trellis.validation.layer', { s: check?.layer }],
      ['trellis.validation.validator', { s: check?.validator }],
      ['trellis.validation.status', { s: check?.status }],
      ['trellis.validation.score', { d: check?.score }],
      ['trellis.validation.threshold', { d: check?.threshold }],
      ['trellis.validation.label', { s: check?.label }],
      ['trellis.validation.attempt', { i: check?.attempt }],
      ['trellis.validation.version', { s: verdict?.version }],
    ],
    events: check
      ? [
          evaluationEvent(span.endMs ?? span.startMs, [
            ['gen_ai.evaluation.name', { s: check.validator }],
            ['gen_ai.evaluation.score.value', { d: check.score }],
            ['gen_ai.evaluation.score.label', { s: check.status }],
            ['gen_ai.evaluation.explanation', { s: options.includeContent ? verdict?.explanation : undefined }],
            ['error.type', { s: check.status === 'error' ? (check.label ?? 'error') : undefined }],
            ['trellis.validation.layer', { s: check.layer }],
          ]),
        ]
      : [],
  };
}

function reviewSpan(span: TraceSpan, options: OtlpExportOptions): Built {
  const decision = span.review?.decision;
  const reason = options.includeContent ? decision?.reason : undefined;
  return {
    name: span.name,
    kind: SPAN_KIND.INTERNAL,
    pairs: [
      ['trellis.review.item_id', { s: span.review?.itemId }],
      ['trellis.review.action', { s: decision?.action }],
      ['trellis.review.reviewer', { s: decision?.by }],
    ],
    events: decision
      ? [
          {
            timeUnixNano: msToUnixNano(decision.at),
            name: 'trellis.review.decision',
            attributes: attributes([
              ['trellis.review.action', { s: decision.action }],
              ['trellis.review.reviewer', { s: decision.by }],
              ['trellis.review.reason', { s: reason }],
            ]),
          },
          evaluationEvent(decision.at, [
            ['gen_ai.evaluation.name', { s: 'Human review' }],
            ['gen_ai.evaluation.score.label', { s: decision.action }],
            ['gen_ai.evaluation.explanation', { s: reason }],
            ['trellis.validation.layer', { s: 'human' }],
          ]),
        ]
      : [],
  };
}

/** The OTLP/HTTP JSON request for a run's trace. */
export function toOtlp(trace: Trace, records: OtlpRecords, options: OtlpExportOptions): ExportTraceServiceRequest {
  const now = options.now ?? Date.now();
  const steps = new Map(records.steps.map((record) => [record.id, record]));
  const traceId = traceIdFor(trace.runId);
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const span of trace.spans) {
    let salt = 0;
    let id = spanIdFor(trace.runId, span.id);
    while (used.has(id)) id = spanIdFor(trace.runId, span.id, ++salt);
    used.add(id);
    ids.set(span.id, id);
  }

  const spans: OtlpSpan[] = trace.spans.map((span) => {
    const record = span.stepId ? steps.get(span.stepId) : undefined;
    const built =
      span.kind === 'run'
        ? runSpan(span, records.run)
        : span.kind === 'step'
          ? stepSpan(span, record, options)
          : span.kind === 'llm'
            ? llmSpan(span, record, options)
            : span.kind === 'tool'
              ? toolSpan(span, record, options)
              : span.kind === 'validation'
                ? validationSpan(span, record, options)
                : reviewSpan(span, options);
    const open = span.endMs === null;
    const parent = span.parentId === null ? undefined : ids.get(span.parentId);
    return {
      traceId,
      spanId: ids.get(span.id) as string,
      ...(parent ? { parentSpanId: parent } : {}),
      name: built.name,
      kind: built.kind,
      startTimeUnixNano: msToUnixNano(span.startMs),
      endTimeUnixNano: msToUnixNano(Math.max(span.startMs, span.endMs ?? now)),
      attributes: attributes([...built.pairs, ['trellis.span.status', { s: span.status }], ['trellis.span.open', { b: open ? true : undefined }]]),
      events: built.events,
      status: status(span, options.includeContent),
    };
  });

  return {
    resourceSpans: [
      {
        resource: {
          attributes: attributes([
            ['service.name', { s: options.serviceName ?? 'trellis' }],
            ['service.version', { s: options.appVersion }],
            ['telemetry.sdk.name', { s: 'trellis' }],
            ['telemetry.sdk.version', { s: options.appVersion }],
          ]),
        },
        scopeSpans: [{ scope: { name: OTLP_SCOPE_NAME, ...(options.appVersion ? { version: options.appVersion } : {}) }, spans }],
      },
    ],
  };
}
