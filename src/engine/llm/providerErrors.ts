/**
 * Turns every way a model call can fail into a TrellisError with a specific message a person can
 * act on: which provider, which model, what went wrong and what to check. Messages and details
 * never contain the API key, not even the fragments a server echoes back ("sk-ab***xyz").
 */
import type { APIError } from 'openai';
import { TrellisError, type ErrorCode } from '../util/errors';
import { loadedOpenAISdk } from './openaiSdk';

/** `error instanceof` a class of the loaded SDK (false while the SDK is not loaded). */
function isA(error: unknown, cls: (abstract new (...args: never[]) => unknown) | undefined): boolean {
  return cls !== undefined && error instanceof cls;
}

export interface ProviderErrorContext {
  /** The provider's label as the user named it in Settings. */
  label: string;
  /** The model asked for; absent when listing models. */
  model?: string;
  baseURL: string;
  /** The key in use, only to scrub it from any text we pass on. */
  apiKey?: string;
  /** The caller's signal was aborted: the user cancelled. */
  cancelled?: boolean;
  /** Our own wait for the next streamed chunk ran out. */
  timedOut?: boolean;
  timeoutMs?: number;
  /** The response had started streaming when the failure happened. */
  streaming?: boolean;
}

const REDACTED = '[redacted]';

/**
 * Removes a secret from text: the whole key, any run of six or more of its characters, masked
 * echoes ("sk-proj-****abcd"), key-shaped tokens and bearer credentials.
 */
export function scrubSecret(text: string, secret?: string): string {
  let out = text;
  const key = secret?.trim();
  if (key && key.length >= 4) out = out.split(key).join(REDACTED);
  out = out.replace(/\b(Bearer)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`);
  return out.replace(/[^\s"'`,;:()<>[\]{}]+/g, (token) => {
    const bare = token.replace(/[.!?]+$/, '');
    const trailing = token.slice(bare.length);
    if (bare.length < 4) return token;
    if (/\*{3,}/.test(bare) || /^(sk|pk|rk|key)[-_][\w*-]{4,}/i.test(bare)) return REDACTED + trailing;
    if (key && key.length >= 8) {
      if (bare.length >= 6 && key.includes(bare)) return REDACTED + trailing;
      for (let i = 0; i + 6 <= key.length; i += 1) {
        if (bare.includes(key.slice(i, i + 6))) return REDACTED + trailing;
      }
    }
    return token;
  });
}

/** Milliseconds to wait from `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function parseRetryAfter(headers: Headers | Record<string, string> | undefined, nowMs: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const get = (name: string): string | undefined =>
    headers instanceof Headers ? headers.get(name) ?? undefined : headers[name] ?? headers[name.toLowerCase()];
  const ms = get('retry-after-ms');
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Math.round(Number(ms));
  const after = get('retry-after')?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Math.round(Number(after) * 1000);
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function seconds(ms: number | undefined): string {
  if (ms === undefined) return 'the time limit';
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function describeCause(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (typeof current === 'object' && current !== null) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
      current = (current as { cause?: unknown }).cause;
    } else break;
  }
  return undefined;
}

function serverText(error: APIError): string | undefined {
  const body = error.error as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : undefined;
  if (!message) return undefined;
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

/** Maps any failure of a model call (SDK errors, stream errors, aborts) to a TrellisError. */
export function toProviderError(error: unknown, ctx: ProviderErrorContext): TrellisError {
  if (error instanceof TrellisError) return error;
  const sdk = loadedOpenAISdk();
  const scrub = (text: string) => scrubSecret(text, ctx.apiKey);
  const who = ctx.label;
  const forModel = ctx.model ? ` for model "${ctx.model}"` : '';
  const make = (code: ErrorCode, message: string, extra: { retryable?: boolean; retryAfterMs?: number; status?: number; details?: Record<string, unknown> } = {}) => {
    const details: Record<string, unknown> = { provider: who, baseURL: ctx.baseURL, ...(ctx.model ? { model: ctx.model } : {}), ...extra.details };
    return new TrellisError(code, scrub(message), {
      retryable: extra.retryable ?? false,
      ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
      ...(extra.status !== undefined ? { status: extra.status } : {}),
      details: JSON.parse(scrub(JSON.stringify(details))) as unknown,
    });
  };

  if (ctx.timedOut) {
    return make('timeout', `${who} stopped responding${forModel}: nothing arrived for ${seconds(ctx.timeoutMs)}. The request timed out.`, { retryable: true });
  }
  if (ctx.cancelled || isA(error, sdk?.APIUserAbortError) || (error instanceof Error && error.name === 'AbortError')) {
    return make('cancelled', `The call to ${who}${forModel} was cancelled.`);
  }
  if (isA(error, sdk?.APIConnectionTimeoutError)) {
    return make('timeout', `${who} did not answer within ${seconds(ctx.timeoutMs)}${forModel}. The request timed out.`, { retryable: true });
  }
  if (isA(error, sdk?.APIConnectionError)) {
    const code = describeCause(error);
    return make(
      'network',
      `Could not reach ${who} at ${ctx.baseURL}${code ? ` (${code})` : ''}. The endpoint may be down, the address wrong, or it may be refusing cross-origin requests (CORS) from this page.`,
      { retryable: true, ...(code ? { details: { cause: code } } : {}) },
    );
  }
  if (isA(error, sdk?.APIError)) return fromStatus(error as APIError, ctx, make);
  if (error instanceof SyntaxError) {
    return make('malformed', `${who} sent a response${forModel} that is not valid JSON: ${error.message.slice(0, 200)}`, { retryable: true });
  }
  if (ctx.streaming || (error instanceof TypeError && /terminated|closed|reset|socket/i.test(String(error.message)))) {
    const code = describeCause(error);
    return make('truncated', `The connection to ${who} closed in the middle of the response${forModel}${code ? ` (${code})` : ''}. The answer is incomplete.`, { retryable: true });
  }
  if (isA(error, sdk?.OpenAIError)) {
    const message = (error as Error).message;
    return make('internal', `The call to ${who}${forModel} failed: ${message}`);
  }
  const text = error instanceof Error ? error.message : String(error);
  return make('internal', `The call to ${who}${forModel} failed unexpectedly: ${text || 'unknown error'}`);
}

type Make = (
  code: ErrorCode,
  message: string,
  extra?: { retryable?: boolean; retryAfterMs?: number; status?: number; details?: Record<string, unknown> },
) => TrellisError;

function fromStatus(error: APIError, ctx: ProviderErrorContext, make: Make): TrellisError {
  const status = error.status;
  const who = ctx.label;
  const forModel = ctx.model ? ` for model "${ctx.model}"` : '';
  const text = serverText(error);
  const errCode = typeof error.code === 'string' ? error.code : undefined;
  const errType = typeof error.type === 'string' ? error.type : undefined;
  const details: Record<string, unknown> = {
    ...(errCode ? { code: errCode } : {}),
    ...(errType ? { type: errType } : {}),
    ...(error.requestID ? { requestId: error.requestID } : {}),
    ...(text ? { serverMessage: text } : {}),
  };
  const said = text ? ` The server said: ${text}` : '';
  const base = { status, details } as const;

  if (status === undefined) {
    // An error object sent inside the stream.
    if (errCode === 'insufficient_quota' || errType === 'insufficient_quota') {
      return make('quota', `${who} reports that the account's quota is used up${forModel}. Check the plan and billing of this API key.`, { details });
    }
    return make('server', `${who} reported an error in the middle of the response${forModel}.${said}`, { retryable: true, details });
  }
  if (status === 401 || status === 403) {
    const what = status === 403 ? 'refused access with the API key' : 'rejected the API key';
    return make('auth', `${who} ${what} (HTTP ${status})${forModel}. Check the key in Settings.`, base);
  }
  if (status === 404) {
    const aboutModel = errCode === 'model_not_found' || /model/i.test(text ?? '');
    if (aboutModel && ctx.model) {
      return make('not_found', `${who} does not know the model "${ctx.model}" (HTTP 404). Check the model name for this provider, or pick one from its model list.`, base);
    }
    return make('not_found', `${who} has no such endpoint at ${ctx.baseURL} (HTTP 404)${forModel}. Check the base URL in Settings (for OpenAI-compatible servers it usually ends in /v1).`, base);
  }
  if (status === 429) {
    if (errCode === 'insufficient_quota' || errType === 'insufficient_quota') {
      return make('quota', `${who} reports that the account's quota is used up (HTTP 429 insufficient_quota)${forModel}. Check the plan and billing of this API key; retrying will not help.`, base);
    }
    const retryAfterMs = parseRetryAfter(error.headers);
    const wait = retryAfterMs !== undefined ? ` It asks to wait ${seconds(retryAfterMs)}.` : '';
    return make('rate_limit', `${who} is rate limiting requests (HTTP 429)${forModel}.${wait}`, {
      ...base,
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (status === 408) {
    return make('timeout', `${who} timed out handling the request (HTTP 408)${forModel}.`, { ...base, retryable: true });
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(error.headers);
    return make('server', `${who} had a server error (HTTP ${status})${forModel}.${said}`, {
      ...base,
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  return make('bad_request', `${who} rejected the request${forModel} (HTTP ${status}).${said || ' Check the model settings, tools and output schema.'}`, base);
}
