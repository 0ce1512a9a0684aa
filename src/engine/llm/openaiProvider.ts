/**
 * The provider adapter for OpenAI and OpenAI-compatible endpoints (Ollama, vLLM, ...), built on the
 * official `openai` SDK. It always streams, records tokens, latency and time to first token, and
 * turns every failure into a specific TrellisError (see providerErrors.ts). The SDK does no
 * retries: the executor owns the retry policy.
 */
import { TrellisError } from '../util/errors';
import { StreamAccumulator, buildRequestBody } from './openaiMapping';
import { loadOpenAISdk } from './openaiSdk';
import { toProviderError } from './providerErrors';
import { estimateUsage } from './tokens';
import type { ChatOptions, ChatProvider, ChatRequest, ChatResponse, ProviderConfig } from './types';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Sent instead of a key to keyless local servers; the Authorization header is then omitted. */
const NO_KEY = 'no-key';

export interface OpenAIProviderOptions {
  /** The fetch implementation to use (defaults to the global one). */
  fetch?: typeof fetch;
}

function resolveBaseURL(config: ProviderConfig): string {
  const raw = config.baseURL?.trim();
  if (config.kind === 'openai-compatible' && !raw) {
    throw new TrellisError(
      'config',
      `Provider "${config.label}" is OpenAI-compatible and needs a base URL (for example http://localhost:11434/v1 for Ollama).`,
    );
  }
  const url = raw || OPENAI_BASE_URL;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new TrellisError('config', `Provider "${config.label}" has an invalid base URL "${url}": expected an http(s) address such as ${OPENAI_BASE_URL}.`);
  }
  return url.replace(/\/+$/, '');
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function createOpenAIProvider(config: ProviderConfig, apiKey: string | undefined, options: OpenAIProviderOptions = {}): ChatProvider {
  if (config.kind === 'scripted') {
    throw new TrellisError('config', `Provider "${config.label}" is the scripted demo model; it does not use the OpenAI adapter.`);
  }
  const baseURL = resolveBaseURL(config);
  const timeoutMs = config.timeoutMs && config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_TIMEOUT_MS;
  const key = apiKey?.trim() || undefined;
  // The SDK loads on the first call; the client is made once.
  let clientPromise: ReturnType<typeof makeClient> | undefined;
  const makeClient = async () => new (await loadOpenAISdk()).default({
    apiKey: key ?? NO_KEY,
    baseURL,
    organization: null,
    project: null,
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
    ...(key ? {} : { defaultHeaders: { Authorization: null } }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const getClient = () => (clientPromise ??= makeClient().catch((error: unknown) => {
    clientPromise = undefined;
    throw error;
  }));
  const maxTokensField = config.kind === 'openai' ? 'max_completion_tokens' : 'max_tokens';
  const errorContext = { label: config.label, baseURL, timeoutMs, ...(key ? { apiKey: key } : {}) };

  const requireKey = (model?: string): void => {
    if (config.kind === 'openai' && !key) {
      throw new TrellisError('auth', `No API key is set for ${config.label}${model ? ` (model "${model}")` : ''}. Add one in Settings.`);
    }
  };

  async function chat(request: ChatRequest, chatOptions: ChatOptions = {}): Promise<ChatResponse> {
    const { signal, onDelta } = chatOptions;
    const model = request.model || config.defaultModel;
    if (signal?.aborted) throw new TrellisError('cancelled', `The call to ${config.label} for model "${model}" was cancelled.`);
    requireKey(model);

    // One controller for the SDK: the caller's cancellation and our stall timer both abort it.
    const controller = new AbortController();
    let cancelled = false;
    let timedOut = false;
    let streaming = false;
    const onAbort = () => {
      cancelled = true;
      controller.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    const armStallTimer = () => {
      if (stallTimer !== undefined) clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };

    const startedAt = now();
    let ttftMs: number | null = null;
    const acc = new StreamAccumulator();
    let listenerError: { error: unknown } | undefined;
    try {
      const body = buildRequestBody({ ...request, model }, maxTokensField);
      const client = await getClient();
      const stream = await client.chat.completions.create(body, { signal: controller.signal, timeout: timeoutMs });
      streaming = true;
      armStallTimer();
      let chunks = 0;
      for await (const chunk of stream) {
        chunks += 1;
        armStallTimer();
        const { text, token } = acc.add(chunk);
        if (token && ttftMs === null) ttftMs = now() - startedAt;
        if (text && onDelta) {
          try {
            onDelta(text);
          } catch (error) {
            // A failing listener is the caller's error, not the provider's: pass it on unchanged.
            listenerError = { error };
            throw error;
          }
        }
      }
      if (cancelled || timedOut) throw new Error('aborted');
      if (chunks === 0) {
        throw new TrellisError(
          'malformed',
          `${config.label} answered, but not with an OpenAI-compatible stream (no data for model "${model}"). Check that the base URL ${baseURL} points at an OpenAI-compatible API.`,
        );
      }
      if (acc.finishReason === null) {
        throw new TrellisError(
          'truncated',
          `The response from ${config.label} for model "${model}" ended before the model finished (the stream closed without a finish reason). The answer is incomplete.`,
          { retryable: true },
        );
      }
    } catch (error) {
      if (listenerError) throw listenerError.error;
      throw toProviderError(error, { ...errorContext, model, cancelled, timedOut, streaming });
    } finally {
      if (stallTimer !== undefined) clearTimeout(stallTimer);
      signal?.removeEventListener('abort', onAbort);
    }

    const toolCalls = acc.toolCalls();
    let content: string | null = acc.sawContent ? acc.content : null;
    let finishReason = acc.finishReason;
    if (content === null && acc.refusal) {
      content = acc.refusal;
      finishReason = 'refusal';
    }
    const usage = acc.usage ?? estimateUsage({ ...request, model }, { content, toolCalls });
    return {
      content,
      toolCalls,
      finishReason,
      usage,
      model: acc.model ?? model,
      latencyMs: now() - startedAt,
      ttftMs,
    };
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    requireKey();
    try {
      const ids: string[] = [];
      const client = await getClient();
      for await (const entry of client.models.list({ ...(signal ? { signal } : {}), timeout: timeoutMs })) {
        if (typeof entry.id === 'string') ids.push(entry.id);
      }
      return [...new Set(ids)].sort();
    } catch (error) {
      throw toProviderError(error, { ...errorContext, cancelled: signal?.aborted ?? false });
    }
  }

  return {
    id: config.id,
    label: config.label,
    scripted: false,
    ...(config.kind === 'openai' ? { pricingProvider: 'openai' } : {}),
    chat,
    listModels,
  };
}
