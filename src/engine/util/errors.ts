/**
 * Errors the engine raises. Every error says what failed and where, in words a person can act on,
 * and carries a machine-readable code so the executor can decide whether to retry.
 * Messages never contain secrets: provider adapters scrub keys before building them.
 */
export type ErrorCode =
  | 'config' // a node's configuration is invalid
  | 'input' // a step received input it cannot use
  | 'auth' // 401/403 from a provider
  | 'not_found' // 404: unknown model or wrong URL
  | 'rate_limit' // 429
  | 'quota' // provider quota exhausted, or storage quota
  | 'server' // 5xx
  | 'timeout'
  | 'network' // connection refused, DNS, CORS refusal
  | 'truncated' // a stream ended before it was complete
  | 'malformed' // a response that is not what the protocol promised
  | 'bad_request' // 400 from a provider
  | 'cancelled'
  | 'sandbox_timeout'
  | 'sandbox_memory'
  | 'code_error' // user code threw
  | 'http_status' // an HTTP request node got a non-success status
  | 'schema' // output did not match its JSON Schema
  | 'no_branch' // a router's answer named no branch
  | 'exhausted' // a bounded loop or iteration cap was reached
  | 'rejected' // a reviewer rejected the output (a review gate that fails the run)
  | 'conflict' // a write refused because someone else got there first (a decision, a resume)
  | 'pii_blocked' // the flow's PII policy refused to send personal data to an HTTP host
  | 'internal';

export interface TrellisErrorOptions {
  retryable?: boolean;
  retryAfterMs?: number;
  status?: number;
  details?: unknown;
  cause?: unknown;
}

export class TrellisError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: TrellisErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrellisError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    this.details = options.details;
  }
}

/** A plain, serializable description of an error, as stored in step records and events. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  status?: number;
  details?: unknown;
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof TrellisError) {
    const info: ErrorInfo = { code: error.code, message: error.message, retryable: error.retryable };
    if (error.status !== undefined) info.status = error.status;
    if (error.details !== undefined) info.details = error.details;
    return info;
  }
  if (isAbortError(error)) return { code: 'cancelled', message: 'The run was cancelled.', retryable: false };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message || 'Unknown error', retryable: false };
}

export function isAbortError(error: unknown): boolean {
  if (error instanceof TrellisError) return error.code === 'cancelled';
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    ((error as { name: unknown }).name === 'AbortError' || (error as { name: unknown }).name === 'APIUserAbortError')
  );
}
