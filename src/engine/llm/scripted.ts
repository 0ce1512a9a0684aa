/**
 * The offline scripted responder: the app's demo model until a real provider is configured, and
 * the default answer of the test server (one implementation for both). It is plainly labelled as
 * not a real model. It answers deterministically from the request alone:
 * - tools given and no tool result yet: it calls the first tool, arguments shaped by its schema;
 * - a response format: JSON that validates against the schema (router branches follow the text);
 * - otherwise: a short labelled text derived from the last user message.
 */
import { isPlainObject } from '../util/json';
import { TrellisError } from '../util/errors';
import { sampleFromSchema } from './schemaSample';
import { clip, countWords, firstSentences, splitIntoChunks, stableHash } from './scriptedText';
import { estimateTokens, estimateUsage } from './tokens';
import type { ChatMessage, ChatOptions, ChatProvider, ChatRequest, ChatResponse, ToolCall } from './types';

export const SCRIPTED_PROVIDER_ID = 'demo';
export const SCRIPTED_PROVIDER_LABEL = 'Demo model (scripted, offline)';
export const SCRIPTED_MODEL = 'trellis-demo';
export const SCRIPTED_LABEL = '[Demo model — scripted reply, not a real model]';

export interface ScriptedAnswer {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: string;
}

function lastOf<R extends ChatMessage['role']>(messages: ChatMessage[], role: R): Extract<ChatMessage, { role: R }> | undefined {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message?.role === role) return message as Extract<ChatMessage, { role: R }>;
  }
  return undefined;
}

/** The text replies are derived from: the last user message, else the system prompt. */
function sourceText(request: ChatRequest): string {
  return lastOf(request.messages, 'user')?.content ?? lastOf(request.messages, 'system')?.content ?? '';
}

function textReply(request: ChatRequest, text: string): string {
  const toolResults = request.messages.filter((m): m is Extract<ChatMessage, { role: 'tool' }> => m.role === 'tool');
  if (toolResults.length > 0) {
    const results = toolResults.map((m) => clip(m.content.replace(/\s+/g, ' ').trim(), 160) || '(empty)').join('; ');
    const ask = firstSentences(text, 1, 160);
    return `${SCRIPTED_LABEL} Based on ${toolResults.length === 1 ? 'the tool result' : `${toolResults.length} tool results`}: ${results}${ask ? ` — in answer to: "${ask}"` : ''}`;
  }
  const summary = firstSentences(text, 2, 280);
  if (!summary) return `${SCRIPTED_LABEL} There was no message to answer.`;
  const words = countWords(text);
  return `${SCRIPTED_LABEL} Summary of your message (${words} word${words === 1 ? '' : 's'}): ${summary}`;
}

/** The scripted answer to a request. Pure: the same request always gets the same answer. */
export function scriptedReply(request: ChatRequest): ScriptedAnswer {
  const text = sourceText(request);
  const hasToolResult = request.messages.some((m) => m.role === 'tool');
  const tool = request.tools?.[0];
  if (tool && !hasToolResult) {
    const parameters = isPlainObject(tool.parameters) ? tool.parameters : { type: 'object' };
    const value = sampleFromSchema(parameters, { text, seed: tool.name });
    const args = JSON.stringify(isPlainObject(value) ? value : {});
    const id = `call_${stableHash(`${tool.name}|${args}|${request.messages.length}`).toString(36).padStart(7, '0')}`;
    return { content: null, toolCalls: [{ id, name: tool.name, arguments: args }], finishReason: 'tool_calls' };
  }
  if (request.responseFormat) {
    const value = sampleFromSchema(request.responseFormat.schema, { text, seed: request.responseFormat.name });
    return { content: JSON.stringify(value), toolCalls: [], finishReason: 'stop' };
  }
  let content = textReply(request, text);
  let finishReason = 'stop';
  if (request.maxTokens !== undefined && request.maxTokens >= 0 && estimateTokens(content) > request.maxTokens) {
    content = content.slice(0, request.maxTokens * 4);
    finishReason = 'length';
  }
  return { content, toolCalls: [], finishReason };
}

export interface ScriptedProviderOptions {
  /** Pause between streamed chunks; 0 (the default) streams without yielding to the event loop. */
  chunkDelayMs?: number;
  id?: string;
  label?: string;
}

function cancelled(): TrellisError {
  return new TrellisError('cancelled', `The call to ${SCRIPTED_PROVIDER_LABEL} was cancelled.`);
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The demo provider: scripted replies, streamed in a few chunks, offline and free. */
export function createScriptedProvider(options: ScriptedProviderOptions = {}): ChatProvider {
  const chunkDelayMs = Math.max(0, options.chunkDelayMs ?? 0);
  return {
    id: options.id ?? SCRIPTED_PROVIDER_ID,
    label: options.label ?? SCRIPTED_PROVIDER_LABEL,
    scripted: true,
    async chat(request: ChatRequest, chatOptions: ChatOptions = {}): Promise<ChatResponse> {
      const { signal, onDelta } = chatOptions;
      if (signal?.aborted) throw cancelled();
      const startedAt = now();
      const model = request.model || SCRIPTED_MODEL;
      const reply = scriptedReply({ ...request, model });
      const chunks = splitIntoChunks(reply.content ?? '', 4);
      let ttftMs: number | null = null;
      for (const [index, chunk] of chunks.entries()) {
        if (index > 0 && chunkDelayMs > 0) await pause(chunkDelayMs, signal);
        if (signal?.aborted) throw cancelled();
        ttftMs ??= now() - startedAt;
        onDelta?.(chunk);
      }
      if (signal?.aborted) throw cancelled();
      if (ttftMs === null && reply.toolCalls.length > 0) ttftMs = now() - startedAt;
      return {
        content: reply.content,
        toolCalls: reply.toolCalls,
        finishReason: reply.finishReason,
        usage: estimateUsage({ ...request, model }, reply),
        model,
        latencyMs: now() - startedAt,
        ttftMs,
      };
    },
    async listModels(signal?: AbortSignal): Promise<string[]> {
      if (signal?.aborted) throw cancelled();
      return [SCRIPTED_MODEL];
    },
  };
}
