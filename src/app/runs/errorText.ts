/**
 * Errors as a person reads them: a specific title (wrong key, rate limit, unknown model...), the
 * engine's message (which already says what and where), where in the flow it happened, and what
 * to do about it.
 */
import type { ErrorCode, ErrorInfo } from '../../engine/util/errors';

export interface ErrorView {
  title: string;
  message: string;
  /** Where in the flow: step number, label and attempt. */
  where?: string;
  /** Provider, model and HTTP status, when the error came from a model call. */
  source?: string;
  hint?: string;
  /** The fix is in Settings (key, base URL, model). */
  settings: boolean;
}

const TITLES: Record<ErrorCode, string> = {
  config: 'Configuration problem',
  input: 'Bad input',
  auth: 'Wrong or missing API key',
  not_found: 'Not found',
  rate_limit: 'Rate limited by the provider',
  quota: 'Provider quota used up',
  server: 'Provider server error',
  timeout: 'Timed out',
  network: 'Could not reach the provider',
  truncated: 'Response cut off',
  malformed: 'Malformed response',
  bad_request: 'Request rejected by the provider',
  cancelled: 'Cancelled',
  sandbox_timeout: 'Code ran too long',
  sandbox_memory: 'Code used too much memory',
  code_error: 'Code threw an error',
  http_status: 'HTTP request failed',
  schema: 'Output does not match its schema',
  no_branch: 'No branch chosen',
  exhausted: 'Limit reached',
  rejected: 'Rejected by a reviewer',
  conflict: 'Already done elsewhere',
  pii_blocked: 'Personal data blocked',
  internal: 'Unexpected error',
};

const HINTS: Partial<Record<ErrorCode, string>> = {
  auth: 'Check or replace the API key of this provider in Settings.',
  quota: 'Check the plan and billing of the account behind this key; retrying will not help.',
  network: 'Check the base URL in Settings and that the endpoint allows requests from this page (CORS).',
  rate_limit: 'Requests were retried after the wait the provider asked for. Lower the concurrency, or try again later.',
  server: 'The provider failed on its side; it may work again shortly.',
  sandbox_timeout: 'Make the code do less, or raise its time limit in the node settings.',
  sandbox_memory: 'Make the code use less memory, or raise its memory limit in the node settings.',
  schema: "Adjust the prompt or the output schema so the model's answer fits.",
  pii_blocked: 'To send it, add the host in the flow settings under PII > HTTP hosts, with “mask” or “allow”.',
};

function detailsOf(error: ErrorInfo): Record<string, unknown> {
  return typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details) ? (error.details as Record<string, unknown>) : {};
}

export interface ErrorPlace {
  stepNumber?: number;
  stepLabel?: string;
  kindTitle?: string;
  attempt?: number;
  maxAttempts?: number;
}

export function describeError(error: ErrorInfo, place: ErrorPlace = {}): ErrorView {
  const details = detailsOf(error);
  let title = TITLES[error.code] ?? 'Error';
  if (error.code === 'not_found') {
    const aboutModel = /does not know the model/i.test(error.message);
    title = aboutModel ? 'Unknown model' : 'Wrong address (HTTP 404)';
  }
  const sourceParts: string[] = [];
  if (typeof details.provider === 'string') sourceParts.push(`Provider: ${details.provider}`);
  if (typeof details.model === 'string') sourceParts.push(`model: ${details.model}`);
  if (error.status !== undefined) sourceParts.push(`HTTP ${error.status}`);
  const whereParts: string[] = [];
  if (place.stepLabel) {
    const number = place.stepNumber !== undefined ? `step ${place.stepNumber} ` : 'step ';
    whereParts.push(`In ${number}“${place.stepLabel}”${place.kindTitle ? ` (${place.kindTitle})` : ''}`);
  }
  if (place.attempt !== undefined) whereParts.push(`attempt ${place.attempt}${place.maxAttempts ? ` of ${place.maxAttempts}` : ''}`);
  const settings = ['auth', 'network', 'quota'].includes(error.code) || (error.code === 'not_found' && sourceParts.length > 0);
  const hint =
    error.code === 'not_found'
      ? title === 'Unknown model'
        ? 'Pick a model this provider offers, in the node or flow settings.'
        : 'Check the base URL of this provider in Settings (for OpenAI-compatible servers it usually ends in /v1).'
      : HINTS[error.code];
  return {
    title,
    message: error.message,
    ...(whereParts.length > 0 ? { where: whereParts.join(', ') } : {}),
    ...(sourceParts.length > 0 ? { source: sourceParts.join(' · ') } : {}),
    ...(hint ? { hint } : {}),
    settings,
  };
}

/** Compile problems (FlowNotRunnableError details) as text lines. */
export function diagnosticsOf(error: ErrorInfo): string[] {
  if (!Array.isArray(error.details)) return [];
  return error.details.map((d) => (typeof d === 'object' && d !== null && typeof (d as { message?: unknown }).message === 'string' ? (d as { message: string }).message : '')).filter(Boolean);
}
