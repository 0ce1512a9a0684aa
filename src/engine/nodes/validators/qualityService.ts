/**
 * The call a Quality API step makes: the request built from its config and the checked value, sent
 * through the step's HTTP port (or answered locally by the demo quality service for `demo:quality`),
 * and the reply as parsed JSON, or a failure that says what went wrong and where. Cancellation is
 * not a failure: it is thrown as it came; nor is a request the flow's PII policy blocks (it fails
 * the step: the flow's settings must change).
 */
import { hasHeader, describeTarget, isRetryableStatus, looksLikeJson, parseHttpUrl, parseRetryAfter, renderUrl, snippet } from '../httpShared';
import { renderTemplate, renderValue } from '../../util/template';
import { TrellisError, isAbortError, type ErrorCode } from '../../util/errors';
import { DEMO_QUALITY_LABEL, DEMO_QUALITY_URL, scoreDemoQuality } from '../../validation/demoQuality';
import type { StepContext } from '../types';
import { withNodeName } from '../shared';

/** The template variables of the URL and the body. */
export const QUALITY_VARIABLES = ['value', 'text', 'json'] as const;

export interface QualityRequestConfig {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** Why there is no answer to read a score from: for the verdict (label, explanation) and for a thrown error. */
export interface ServiceFailure {
  label: string;
  explanation: string;
  code: ErrorCode;
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
}

export type ServiceAnswer = { ok: true; json: unknown; target: string } | { ok: false; failure: ServiceFailure };

/** `{{value}}` (the value; `{{value.field}}` reads inside), `{{text}}` (the value as text), `{{json}}` (the value as JSON). */
export function qualityVariables(value: unknown): Record<(typeof QUALITY_VARIABLES)[number], unknown> {
  return { value, text: renderValue(value), json: JSON.stringify(value ?? null) };
}

/** An empty body template sends this: the value as text and as it is. */
export function defaultQualityBody(value: unknown): string {
  return JSON.stringify({ text: renderValue(value), value: value ?? null });
}

const failed = (failure: ServiceFailure): ServiceAnswer => ({ ok: false, failure });

function answerFromDemo(ctx: StepContext<unknown>, url: string, value: unknown): ServiceAnswer {
  if (url !== DEMO_QUALITY_URL) {
    return failed({
      label: 'unknown demo service',
      explanation: `"${url.slice(0, 100)}" is not a demo service; the only one is ${DEMO_QUALITY_URL} (${DEMO_QUALITY_LABEL})`,
      code: 'config',
      retryable: false,
    });
  }
  const result = scoreDemoQuality(renderValue(value));
  ctx.log(`${DEMO_QUALITY_URL}: the ${DEMO_QUALITY_LABEL.replace(/^Demo/, 'demo')} answered with score ${result.score}`);
  return { ok: true, json: result, target: DEMO_QUALITY_URL };
}

function portFailure(error: unknown, target: string, timeoutMs: number): ServiceFailure {
  const code = error instanceof TrellisError ? error.code : 'network';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'timeout') return { label: 'timeout', explanation: `No complete response from ${target} within ${timeoutMs} ms`, code, retryable: true };
  const retryable = error instanceof TrellisError && error.retryable;
  return { label: code === 'network' ? 'unreachable' : 'request failed', explanation: message || `The request to ${target} failed`, code, retryable };
}

/** Calls the quality service with the value; never throws but for cancellation. */
export async function askQualityService(ctx: StepContext<unknown>, config: QualityRequestConfig, value: unknown): Promise<ServiceAnswer> {
  if (ctx.signal.aborted) throw new TrellisError('cancelled', `Step "${ctx.node.label}" was cancelled.`);
  const variables = qualityVariables(value);
  const rendered = renderUrl(config.url, variables).trim();
  if (/^demo:/i.test(rendered)) return answerFromDemo(ctx, rendered, value);
  const parsed = parseHttpUrl(rendered);
  if ('problem' in parsed) return failed({ label: 'bad URL', explanation: parsed.problem, code: 'config', retryable: false });
  const target = describeTarget(parsed.url);

  const headers: Record<string, string> = { ...config.headers };
  let body: string | undefined;
  if (config.method === 'POST') {
    const custom = config.body.trim() !== '';
    body = custom ? renderTemplate(config.body, variables) : defaultQualityBody(value);
    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = !custom || looksLikeJson(body) ? 'application/json' : 'text/plain; charset=utf-8';
  }
  if (!hasHeader(headers, 'accept')) headers.Accept = 'application/json';

  let response;
  try {
    response = await ctx.http({ method: config.method, url: parsed.url.toString(), headers, timeoutMs: config.timeoutMs, ...(body !== undefined ? { body } : {}) });
  } catch (error) {
    if (ctx.signal.aborted || isAbortError(error)) throw error;
    if (error instanceof TrellisError && error.code === 'pii_blocked') throw withNodeName(error, 'Quality API', ctx.node.label);
    return failed(portFailure(error, target, config.timeoutMs));
  }
  ctx.log(`${config.method} ${target} -> ${response.status}`);
  if (response.status >= 400) {
    const text = snippet(response.body);
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    return failed({
      label: `HTTP ${response.status}`,
      explanation: `HTTP ${response.status} from ${target}${text ? `: ${text}` : ''}`,
      code: 'http_status',
      status: response.status,
      retryable: isRetryableStatus(response.status),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (response.body.trim() === '') {
    return failed({ label: 'not JSON', explanation: `the response from ${target} (HTTP ${response.status}) is empty, not JSON`, code: 'malformed', retryable: false });
  }
  try {
    return { ok: true, json: JSON.parse(response.body) as unknown, target };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed({
      label: 'not JSON',
      explanation: `the response from ${target} is not JSON (${reason}); it starts with "${snippet(response.body).slice(0, 80)}"`,
      code: 'malformed',
      retryable: false,
    });
  }
}
