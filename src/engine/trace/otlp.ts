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
import type { ProviderConfig } from '../llm/types';
import type { RunRecord, StepRecord } from '../run/types';
import { buildSpan, spanStatus } from './otlpSpans';
import { attributes, msToUnixNano, spanIdFor, traceIdFor, type ExportTraceServiceRequest, type OtlpSpan } from './otlpWire';
import type { Trace } from './spans';

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
    const built = buildSpan(span, record, records.run, options);
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
      status: spanStatus(span, options.includeContent),
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
