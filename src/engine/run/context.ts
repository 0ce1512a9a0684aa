/**
 * Builds the context a node kind's run() receives: its config and inputs, and the services it
 * reaches the world through, wrapped so every model call, tool call and log line is recorded on
 * the step and cancellation reaches every in-flight request. With the flow's PII policy on (`pii`),
 * model calls and HTTP requests go through the step's masking scope (pii/session.ts): the request
 * recorded is the one sent (masked), the reply recorded is the provider's (placeholders and all),
 * and the step gets the reply re-identified. Streamed deltas are what the model sent: placeholders
 * stay in them.
 */
import type { FlowSettings } from '../flow/schema';
import type { ChatProvider, ChatUsage } from '../llm/types';
import type { LlmCallRecord, StepContext, ToolCallRecord } from '../nodes/types';
import { TrellisError, isAbortError, toErrorInfo } from '../util/errors';
import type { CodeSandbox, HttpPort, ModelResolver } from './ports';
import { canonicalJson } from '../flow/canonical';
import { fnv1a64 } from '../trust/hash';
import { makeVerdict, type Verdict } from '../validation/verdict';
import type { PiiStepScope } from '../pii/session';

export interface StepServices {
  models: ModelResolver;
  http: HttpPort;
  sandbox: CodeSandbox;
  /** Price of a call in US dollars, or null when unknown. */
  costOf?: (provider: ChatProvider, model: string, usage: ChatUsage) => Promise<number | null>;
  now?: () => number;
}

export interface StepActivity {
  llmCalls: LlmCallRecord[];
  toolCalls: ToolCallRecord[];
  logs: string[];
  verdicts: Verdict[];
}

export interface StepContextArgs<C> {
  config: C;
  inputs: Record<string, unknown>;
  runInputs: Record<string, unknown>;
  node: { id: string; kind: string; label: string; version?: number };
  flow: { id: string; settings: FlowSettings };
  run: { id: string; stepIndex: number; attempt: number; visit: number };
  signal: AbortSignal;
  services: StepServices;
  onDelta?: (text: string) => void;
  /** The step's PII masking scope when the flow's policy is on. */
  pii?: PiiStepScope;
}

const MAX_LOG_LINES = 1000;

export function createStepContext<C>(args: StepContextArgs<C>): { ctx: StepContext<C>; activity: StepActivity } {
  const { services, signal } = args;
  const now = services.now ?? Date.now;
  const activity: StepActivity = { llmCalls: [], toolCalls: [], logs: [], verdicts: [] };
  // Tokens, cost and time since the previous verdict are charged to the next one.
  let verdictFrom = { at: now(), calls: 0 };

  const throwIfCancelled = () => {
    if (signal.aborted) throw new TrellisError('cancelled', `Step "${args.node.label}" was cancelled.`);
  };

  const ctx: StepContext<C> = {
    config: args.config,
    inputs: args.inputs,
    runInputs: args.runInputs,
    node: args.node,
    flow: args.flow,
    run: args.run,
    signal,
    async chat(request) {
      throwIfCancelled();
      const { providerId, model: requestedModel, ...rest } = request;
      const { provider, model } = services.models.resolve(
        providerId ?? args.flow.settings.providerId,
        requestedModel ?? args.flow.settings.model,
      );
      const masked = args.pii ? await args.pii.maskChat({ ...rest, model }) : null;
      const chatRequest = masked?.request ?? { ...rest, model };
      const piiCounts = masked ? { pii: masked.counts } : {};
      const startedAt = now();
      try {
        const response = await provider.chat(chatRequest, { signal, ...(args.onDelta ? { onDelta: args.onDelta } : {}) });
        const costUsd = services.costOf ? await services.costOf(provider, response.model || model, response.usage) : null;
        activity.llmCalls.push({
          providerId: provider.id,
          model: response.model || model,
          request: chatRequest,
          response: { content: response.content, toolCalls: response.toolCalls, finishReason: response.finishReason },
          inputTokens: response.usage.inputTokens,
          outputTokens: response.usage.outputTokens,
          costUsd,
          latencyMs: response.latencyMs,
          ttftMs: response.ttftMs,
          startedAt,
          ...piiCounts,
        });
        return args.pii ? args.pii.reidentifyChat(response) : response;
      } catch (error) {
        activity.llmCalls.push({
          providerId: provider.id,
          model,
          request: chatRequest,
          response: null,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: null,
          latencyMs: now() - startedAt,
          ttftMs: null,
          startedAt,
          ...piiCounts,
          error: toErrorInfo(error),
        });
        if (isAbortError(error)) throw new TrellisError('cancelled', `Step "${args.node.label}" was cancelled.`, { cause: error });
        throw error;
      }
    },
    async http(request) {
      throwIfCancelled();
      const send = (outgoing: typeof request) => services.http({ ...outgoing, signal });
      return args.pii ? args.pii.http(request, send) : send(request);
    },
    async runCode(request) {
      throwIfCancelled();
      return services.sandbox.run({ ...request, signal });
    },
    log(message) {
      if (activity.logs.length < MAX_LOG_LINES) activity.logs.push(message);
      else if (activity.logs.length === MAX_LOG_LINES) activity.logs.push(`(more than ${MAX_LOG_LINES} log lines; the rest were dropped)`);
    },
    recordToolCall(record) {
      activity.toolCalls.push(record);
    },
    recordVerdict(report) {
      const at = now();
      const calls = activity.llmCalls.slice(verdictFrom.calls);
      const priced = calls.filter((call) => call.costUsd !== null);
      const verdict = makeVerdict(report, {
        validator: report.validator ?? args.node.label,
        version: validatorVersion(args.node.kind, args.node.version ?? 1, args.config),
        nodeId: args.node.id,
        kind: args.node.kind,
        stepIndex: args.run.stepIndex,
        visit: args.run.visit,
        latencyMs: report.latencyMs ?? Math.max(0, at - verdictFrom.at),
        inputTokens: calls.reduce((sum, call) => sum + call.inputTokens, 0),
        outputTokens: calls.reduce((sum, call) => sum + call.outputTokens, 0),
        costUsd: priced.length > 0 ? priced.reduce((sum, call) => sum + (call.costUsd ?? 0), 0) : null,
        at,
      });
      verdictFrom = { at, calls: activity.llmCalls.length };
      activity.verdicts.push(verdict);
      return verdict;
    },
  };
  return { ctx, activity };
}

/** `${kind}@${kindVersion}#${first 8 hex of the config's hash}`: which validator, in which configuration. */
export function validatorVersion(kind: string, kindVersion: number, config: unknown): string {
  return `${kind}@${kindVersion}#${fnv1a64(canonicalJson(config ?? null)).slice(0, 8)}`;
}
