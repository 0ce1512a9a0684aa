/**
 * The OTLP span of each kind of trace span: name, kind, attributes and events (see otlp.ts for the
 * conventions followed). Content-bearing attributes are added only with `includeContent`.
 */
import { SCRIPTED_PROVIDER_ID } from '../llm/scripted';
import type { RunRecord, StepRecord } from '../run/types';
import type { ErrorCode, ErrorInfo } from '../util/errors';
import type { OtlpExportOptions } from './otlp';
import { inputMessagesJson, jsonText, outputMessagesJson } from './otlpContent';
import { attributes, msToUnixNano, SPAN_KIND, type AttrInput, type OtlpEvent, type OtlpStatusCode } from './otlpWire';
import type { TraceSpan } from './spans';

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

export function spanStatus(span: TraceSpan, includeContent: boolean): { code: OtlpStatusCode; message?: string } {
  if (span.status === 'error') return { code: 2, ...(span.error ? { message: errorMessage(span.error, includeContent) } : {}) };
  return { code: span.status === 'ok' ? 1 : 0 };
}

function evaluationEvent(at: number, pairs: Pairs): OtlpEvent {
  return { timeUnixNano: msToUnixNano(at), name: 'gen_ai.evaluation.result', attributes: attributes(pairs) };
}

export interface Built {
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
    // GenAI semantic conventions: execute_tool spans are INTERNAL, whatever the tool does inside.
    kind: SPAN_KIND.INTERNAL,
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


/** The OTLP name, kind, attributes and events of a trace span. */
export function buildSpan(span: TraceSpan, record: StepRecord | undefined, run: RunRecord, options: OtlpExportOptions): Built {
  switch (span.kind) {
    case 'run':
      return runSpan(span, run);
    case 'step':
      return stepSpan(span, record, options);
    case 'llm':
      return llmSpan(span, record, options);
    case 'tool':
      return toolSpan(span, record, options);
    case 'validation':
      return validationSpan(span, record, options);
    default:
      return reviewSpan(span, options);
  }
}
