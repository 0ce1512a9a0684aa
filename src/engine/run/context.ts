/**
 * Builds the context a node kind's run() receives: its config and inputs, and the services it
 * reaches the world through, wrapped so every model call, tool call and log line is recorded on
 * the step and cancellation reaches every in-flight request.
 */
import type { FlowSettings } from '../flow/schema';
import type { ChatProvider, ChatUsage } from '../llm/types';
import type { LlmCallRecord, StepContext, ToolCallRecord } from '../nodes/types';
import { TrellisError, isAbortError, toErrorInfo } from '../util/errors';
import type { CodeSandbox, HttpPort, ModelResolver } from './ports';
import { canonicalJson } from '../flow/canonical';
import { fnv1a64 } from '../trust/hash';
import type { Verdict } from '../validation/verdict';

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
      const chatRequest = { ...rest, model };
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
        });
        return response;
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
          error: toErrorInfo(error),
        });
        if (isAbortError(error)) throw new TrellisError('cancelled', `Step "${args.node.label}" was cancelled.`, { cause: error });
        throw error;
      }
    },
    async http(request) {
      throwIfCancelled();
      return services.http({ ...request, signal });
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
      const verdict: Verdict = {
        layer: report.layer,
        validator: report.validator ?? args.node.label,
        version: validatorVersion(args.node.kind, args.node.version ?? 1, args.config),
        nodeId: args.node.id,
        kind: args.node.kind,
        stepIndex: args.run.stepIndex,
        visit: args.run.visit,
        attempt: args.run.visit + 1,
        ...(report.iteration !== undefined ? { iteration: report.iteration } : {}),
        status: report.status,
        score: report.score ?? null,
        threshold: report.threshold ?? null,
        label: report.label ?? null,
        explanation: report.explanation,
        ...(report.path !== undefined ? { path: report.path } : {}),
        findings: report.findings ?? [],
        latencyMs: report.latencyMs ?? Math.max(0, at - verdictFrom.at),
        inputTokens: calls.reduce((sum, call) => sum + call.inputTokens, 0),
        outputTokens: calls.reduce((sum, call) => sum + call.outputTokens, 0),
        costUsd: priced.length > 0 ? priced.reduce((sum, call) => sum + (call.costUsd ?? 0), 0) : null,
        at,
      };
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
