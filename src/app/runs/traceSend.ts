/**
 * Sends an OTLP/HTTP JSON trace to a collector with fetch, and says what happened in words: the
 * spans accepted (or the collector's partial-success message), or why it failed, naming the URL
 * and HTTP status, with what to check. A network failure in a browser is often a CORS refusal
 * (the page cannot tell the two apart), so that message explains both. Header values (the
 * collector's credentials) never appear in a message, even when the collector echoes them.
 */
import type { ExportTraceServiceRequest } from '../../engine/trace/otlp';

export type SendOutcome =
  | { ok: true; status: number; spans: number; message: string; partial?: { rejectedSpans: number; errorMessage: string } }
  | { ok: false; status?: number; message: string };

export interface SendOptions {
  headers?: Record<string, string>;
  /** The page's origin, named in the CORS explanation. */
  origin?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

function spanCount(payload: ExportTraceServiceRequest): number {
  return payload.resourceSpans.reduce((sum, r) => sum + r.scopeSpans.reduce((n, s) => n + s.spans.length, 0), 0);
}

/** The text of a collector's error body: `{ message }`, `{ error: { message } }`, `{ error }` or plain text. */
function bodyDetail(text: string): string {
  let detail = text;
  try {
    const json = JSON.parse(text) as { message?: unknown; error?: unknown };
    const error = json.error as { message?: unknown } | string | undefined;
    const found = typeof json.message === 'string' ? json.message : typeof error === 'string' ? error : typeof error?.message === 'string' ? error.message : undefined;
    if (found) detail = found;
  } catch {
    // not JSON: the text as it is
  }
  detail = detail.replace(/\s+/g, ' ').trim();
  return detail.length > 200 ? `${detail.slice(0, 199)}…` : detail;
}

const HINTS: Record<number, string> = {
  400: 'The collector could not read the trace; check that the URL is its OTLP/HTTP traces endpoint.',
  401: 'Check the Authorization header (or other credentials) of the trace collector in Settings.',
  403: 'Check the Authorization header (or other credentials) of the trace collector in Settings.',
  404: 'Check the URL: an OTLP/HTTP traces endpoint usually ends in /v1/traces (e.g. http://localhost:4318/v1/traces).',
  405: 'Check the URL: this address does not take POST requests; an OTLP/HTTP traces endpoint usually ends in /v1/traces.',
  413: 'The trace is larger than the collector accepts; leave message content out, or raise the collector’s limit.',
  415: 'The collector does not accept OTLP JSON; enable OTLP/HTTP with JSON on it.',
};

function hintFor(status: number): string {
  return HINTS[status] ?? (status >= 500 ? 'The collector had a problem; try again in a moment, and look at its logs.' : 'Check the collector’s URL and settings.');
}

/** Replaces every header value (and its parts after a scheme such as "Bearer ") in `text` by "…". */
function scrub(text: string, headers: Record<string, string>): string {
  let out = text;
  for (const value of Object.values(headers)) {
    for (const secret of [value, value.replace(/^\S+\s+/, '')]) if (secret.length >= 4) out = out.split(secret).join('…');
  }
  return out;
}

/** POSTs the trace; never throws. */
export async function sendTrace(endpoint: string, payload: ExportTraceServiceRequest, options: SendOptions = {}): Promise<SendOutcome> {
  const headers = options.headers ?? {};
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const spans = spanCount(payload);
  let response: Response;
  try {
    response = await doFetch(endpoint, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { ok: false, message: `The trace collector at ${endpoint} did not answer within ${Math.round((options.timeoutMs ?? 20_000) / 100) / 10} s. Check that it runs and that the URL is right.` };
    }
    const origin = options.origin ? ` (${options.origin})` : '';
    return {
      ok: false,
      message:
        `Could not reach the trace collector at ${endpoint}. Either nothing answers at that address, or the browser blocked the request because the collector does not allow this page’s origin${origin} (CORS). ` +
        `Check that the collector runs and that its OTLP/HTTP receiver allows this origin (in an OpenTelemetry Collector: receivers › otlp › protocols › http › cors › allowed_origins).`,
    };
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    const detail = scrub(bodyDetail(text), headers);
    return {
      ok: false,
      status: response.status,
      message: `The trace collector at ${endpoint} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${detail ? `: ${detail}` : ''}. ${hintFor(response.status)}`,
    };
  }
  let partial: { rejectedSpans: number; errorMessage: string } | undefined;
  try {
    const body = JSON.parse(text) as { partialSuccess?: { rejectedSpans?: unknown; errorMessage?: unknown } };
    const rejected = Number(body.partialSuccess?.rejectedSpans ?? 0);
    const errorMessage = typeof body.partialSuccess?.errorMessage === 'string' ? scrub(body.partialSuccess.errorMessage, headers) : '';
    if (rejected > 0 || errorMessage) partial = { rejectedSpans: rejected, errorMessage };
  } catch {
    // an empty or non-JSON success body: accepted
  }
  if (partial) {
    const what = partial.rejectedSpans > 0 ? `rejected ${partial.rejectedSpans} of ${spans} spans` : 'accepted the trace with a warning';
    return { ok: true, status: response.status, spans, partial, message: `The trace collector at ${endpoint} ${what}${partial.errorMessage ? `: ${partial.errorMessage}` : '.'}` };
  }
  return { ok: true, status: response.status, spans, message: `Sent ${spans} spans to ${endpoint} (HTTP ${response.status}).` };
}
