/**
 * Quality API: sends its value to a scoring service over HTTP, reads a number from the JSON reply
 * at `scorePath`, and passes the value on unchanged down `pass` when the score meets the threshold
 * (`direction` says whether higher or lower is better), else down `fail` as a ValidationFailure.
 * Each run records one 'quality' verdict.
 *
 * - URL and body are templates over `{{text}}` (the value as text), `{{json}}` (the value as
 *   JSON, quoted: safe inside a JSON body) and `{{value}}` (`{{value.field}}` reads inside it);
 *   values in the URL are percent-encoded. An empty body sends `{"text": <text>, "value": <value>}`
 *   as JSON. GET sends no body.
 * - `demo:quality` is answered locally by the demo quality service (validation/demoQuality.ts),
 *   scripted and offline, without the HTTP port.
 * - When the reply has a `checks` list of `{ name?, pass, message }` (as the demo service's has),
 *   each becomes a finding on the verdict.
 * - No answer to score (HTTP >= 400, timeout, unreachable, not JSON, no number at `scorePath`) is
 *   an 'error' verdict, never a pass: `onError` 'fail' sends the value down `fail` with it, 'stop'
 *   fails the step. Cancellation is not a verdict; it propagates.
 */
import { z } from 'zod';
import { defineNodeKind, type StepContext } from './types';
import { stepError, templateSchema } from './shared';
import { HEADER_NAME, HEADER_NAME_MESSAGE, timeoutMsSchema } from './httpShared';
import { askQualityService, QUALITY_VARIABLES, type ServiceFailure } from './validators/qualityService';
import { readLabel, readScore, responseChecks } from './validators/qualityReading';
import { templateVariables } from '../util/template';
import { DEMO_QUALITY_URL } from '../validation/demoQuality';
import { validationFailure } from '../validation/failure';
import type { StepResult } from './types';

const TITLE = 'Quality API';
const DOT_PATH_MESSAGE = 'must be a dot path such as score or result.overall (list items by number: results.0.score)';

/** `result.overall`, `results.0.score` or `results[0].score` as path segments. */
export function pathSegments(path: string): string[] {
  return path.trim().replace(/\[(\d+)\]/g, '.$1').split('.');
}

/** A dot path; `emptyMeansNone`: an empty one is allowed (no path). */
function dotPathSchema(emptyMeansNone: boolean) {
  return z
    .string({ error: DOT_PATH_MESSAGE })
    .max(500, 'must be at most 500 characters')
    .refine((path) => (emptyMeansNone && path.trim() === '') || pathSegments(path).every((segment) => /^[^\s[\]]+$/.test(segment)), DOT_PATH_MESSAGE);
}

const VARIABLE_HELP = 'use {{text}} (the value as text), {{json}} (the value as JSON) or {{value}} ({{value.field}} reads inside it)';

export const qualityApiConfigSchema = z
  .strictObject({
    url: templateSchema(8_000)
      .refine((url) => url.trim().length > 0, 'must not be empty: a URL such as https://quality.example.com/score, or demo:quality')
      .default(DEMO_QUALITY_URL),
    method: z.enum(['POST', 'GET'], { error: 'must be "POST" or "GET"' }).default('POST'),
    headers: z
      .record(z.string(), z.string({ error: 'must be text' }).max(8_000, 'must be at most 8,000 characters'), { error: 'must be an object of header names and values' })
      .default(() => ({})),
    body: templateSchema(100_000).default(''),
    scorePath: dotPathSchema(false),
    threshold: z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number').default(0.7),
    direction: z.enum(['higher', 'lower'], { error: 'must be "higher" or "lower" (which scores are better)' }).default('higher'),
    labelPath: dotPathSchema(true).optional(),
    timeoutMs: timeoutMsSchema(),
    onError: z.enum(['fail', 'stop'], { error: 'must be "fail" (send the value down fail) or "stop" (fail the step)' }).default('fail'),
  })
  .superRefine((config, ctx) => {
    for (const key of ['url', 'body'] as const) {
      for (const name of templateVariables(config[key])) {
        if (!(QUALITY_VARIABLES as readonly string[]).includes(name)) ctx.addIssue({ code: 'custom', path: [key], message: `{{${name}}} is not available here: ${VARIABLE_HELP}` });
      }
    }
    if (config.method === 'GET' && config.body.trim() !== '') {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'a GET request sends no body: clear it (put {{text}} in the URL instead) or use POST' });
    }
    const names = Object.keys(config.headers);
    if (names.length > 50) ctx.addIssue({ code: 'custom', path: ['headers'], message: 'may have at most 50 headers' });
    for (const name of names) {
      if (!HEADER_NAME.test(name)) ctx.addIssue({ code: 'custom', path: ['headers', name], message: `"${name.slice(0, 60)}" ${HEADER_NAME_MESSAGE}` });
      else if (/[\r\n]/.test(config.headers[name] ?? '')) ctx.addIssue({ code: 'custom', path: ['headers', name], message: 'must not contain a line break' });
    }
  });

export type QualityApiConfig = z.output<typeof qualityApiConfigSchema>;

/** Two decimals, or as many as it takes to tell the score from the threshold. */
export function formatScores(score: number, threshold: number): [string, string] {
  const format = (n: number, digits: number) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));
  const short: [string, string] = [format(score, 2), format(threshold, 2)];
  if (short[0] !== short[1] || score === threshold) return short;
  return [String(Number(score.toPrecision(6))), String(Number(threshold.toPrecision(6)))];
}

function onServiceError(ctx: StepContext<QualityApiConfig>, value: unknown, failure: ServiceFailure): StepResult {
  const { config } = ctx;
  const verdict = ctx.recordVerdict({ layer: 'quality', status: 'error', score: null, threshold: config.threshold, label: failure.label, explanation: failure.explanation });
  ctx.log(`Could not score: ${failure.explanation}`);
  if (config.onError === 'stop') {
    throw stepError(TITLE, ctx.node.label, failure.code, failure.explanation, {
      retryable: failure.retryable,
      ...(failure.status !== undefined ? { status: failure.status } : {}),
      ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
    });
  }
  const feedback = `The quality check could not run (${failure.explanation}); the value itself was not judged.`;
  return { outputs: { fail: validationFailure(value, verdict, feedback) } };
}

export const qualityApiNode = defineNodeKind({
  kind: 'quality_api',
  version: 1,
  category: 'deterministic',
  title: TITLE,
  description: 'Scores its value with a quality service over HTTP; passes it on when the score meets the threshold, else down "fail".',
  configSchema: qualityApiConfigSchema,
  defaultConfig: (): QualityApiConfig => ({
    url: DEMO_QUALITY_URL,
    method: 'POST',
    headers: {},
    body: '',
    scorePath: 'score',
    threshold: 0.7,
    direction: 'higher',
    timeoutMs: 10_000,
    onError: 'fail',
  }),
  inputs: () => [{ name: 'value', required: true, description: 'The value to score.' }],
  outputs: () => [
    { name: 'pass', required: false, description: 'The value, unchanged, when its score meets the threshold.' },
    { name: 'fail', required: false, description: 'When it does not, or the service could not score it: { value, failure, feedback }.' },
  ],
  costly: true,
  passesThrough: () => ['value'],
  async run(ctx) {
    const { config } = ctx;
    const value = ctx.inputs.value;
    const answer = await askQualityService(ctx, config, value);
    if (!answer.ok) return onServiceError(ctx, value, answer.failure);
    const read = readScore(answer.json, pathSegments(config.scorePath), config.scorePath, answer.target);
    if ('problem' in read) return onServiceError(ctx, value, { label: 'no score', explanation: read.problem, code: 'malformed', retryable: false });

    const { score } = read;
    const higher = config.direction === 'higher';
    const passed = higher ? score >= config.threshold : score <= config.threshold;
    const [shown, needed] = formatScores(score, config.threshold);
    const need = `${needed} or ${higher ? 'more' : 'less'}`;
    const service = answer.target === DEMO_QUALITY_URL ? 'The demo quality service' : `The quality service at ${answer.target}`;
    const explanation = passed ? `${service} scored it ${shown}; ${need} passes.` : `${service} scored it ${shown}; it needs ${need}.`;
    const label = (config.labelPath?.trim() ? readLabel(answer.json, pathSegments(config.labelPath)) : null) ?? `score ${shown} (needs ${higher ? needed : `at most ${needed}`})`;
    const findings = responseChecks(answer.json);
    const verdict = ctx.recordVerdict({ layer: 'quality', status: passed ? 'pass' : 'fail', score, threshold: config.threshold, label, explanation, findings });
    ctx.log(`score ${shown}, needs ${need}: ${passed ? 'pass' : 'fail'}`);
    if (passed) return { outputs: { pass: value } };
    const short = findings.filter((finding) => finding.severity === 'fail').map((finding) => finding.message);
    const feedback = `${explanation}${short.length > 0 ? ` What fell short: ${short.join('; ')}.` : ''}`;
    return { outputs: { fail: validationFailure(value, verdict, feedback) } };
  },
});
