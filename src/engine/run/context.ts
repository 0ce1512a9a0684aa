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
}

export interface StepContextArgs<C> {
  config: C;
  inputs: Record<string, unknown>;
  runInputs: Record<string, unknown>;
  node: { id: string; kind: string; label: string };
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
  const activity: StepActivity = { llmCalls: [], toolCalls: [], logs: [] };

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
  };
  return { ctx, activity };
}
