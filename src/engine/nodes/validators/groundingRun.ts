/**
 * How a grounding check runs (see ../groundingCheck.ts for the kind): the deterministic
 * pre-check, then one model call listing claims with quotes, located as spans; one verdict.
 * Loaded on the check's first run, so the pre-check and prompts stay out of the app's entry bundle.
 */
import { TrellisError, type ErrorCode } from '../../util/errors';
import { renderValue } from '../../util/template';
import { groundingPrecheck, type PrecheckText } from '../../validation/precheck';
import { validationFailure } from '../../validation/failure';
import { askForJson, type AskJsonResult } from './askJson';
import { CLAIMS_SCHEMA, groundingSystemPrompt, groundingUserMessage, readClaims } from './groundingPrompt';
import { groundingResult, type LocatedClaim } from './groundingReport';
import { collectTexts, locateQuote, textsForPrompt } from './groundingText';
import type { StepContext, StepResult } from '../types';
import type { GroundingCheckConfig } from '../groundingCheck';

const TITLE = 'Grounding check';

type Ctx = StepContext<GroundingCheckConfig>;

/** The check could not answer: an 'error' verdict, then the fail port or (onError 'stop') a failed step. */
function couldNotCheck(ctx: Ctx, value: unknown, code: ErrorCode, label: string, why: string, details?: unknown): StepResult {
  const verdict = ctx.recordVerdict({ layer: 'grounding', status: 'error', score: null, threshold: ctx.config.threshold, label, explanation: `Could not check the output: ${why}.` });
  if (ctx.config.onError === 'stop') {
    throw new TrellisError(code, `${TITLE} "${ctx.node.label}" could not check the output: ${why}.`, details === undefined ? {} : { details });
  }
  ctx.log(`Could not check the output: ${why}.`);
  return { outputs: { fail: validationFailure(value, verdict, `The grounding check could not check this output: ${why}.`) } };
}

async function askModel(ctx: Ctx, sources: string, texts: readonly PrecheckText[]): Promise<AskJsonResult> {
  const { config } = ctx;
  try {
    return await askForJson(ctx, {
      system: groundingSystemPrompt(config.allow),
      user: groundingUserMessage(sources, textsForPrompt(texts)),
      schema: CLAIMS_SCHEMA,
      name: `${ctx.node.label}_claims`,
      maxReplies: config.maxReplies,
      providerId: config.providerId,
      model: config.model,
      temperature: config.temperature,
    });
  } catch (error) {
    if (!(error instanceof TrellisError && error.code === 'cancelled')) {
      const status = error instanceof TrellisError && error.status !== undefined ? ` (HTTP ${error.status})` : '';
      ctx.recordVerdict({
        layer: 'grounding',
        status: 'error',
        score: null,
        threshold: config.threshold,
        label: `model call failed${status}`,
        explanation: `Could not check the output: the model call failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    throw error;
  }
}

export async function runGroundingCheck(ctx: Ctx): Promise<StepResult> {
  const { config } = ctx;
  const value = ctx.inputs.value ?? null;
  const sources = renderValue(ctx.inputs.sources);
  const { texts, missing } = collectTexts(value, config.fields);
  if (missing.length > 0) ctx.log(`Not in this value: ${missing.join(', ')}.`);
  if (texts.length === 0) {
    if (config.fields.length > 0) {
      return couldNotCheck(ctx, value, 'input', 'no text to check', `none of the fields ${config.fields.join(', ')} holds text in this value`, { fields: config.fields });
    }
    ctx.recordVerdict({ layer: 'grounding', status: 'skipped', score: null, threshold: config.threshold, label: 'no text to check', explanation: 'The value holds no text, so it makes no claims.' });
    return { outputs: { pass: value } };
  }
  if (!sources.trim()) ctx.log('The sources are empty: every claim will be unsupported.');

  const precheck = groundingPrecheck(texts, sources, { ...config.precheck, allow: config.allow });
  if (precheck.length > 0) {
    const shown = precheck.slice(0, 20).map((f) => `"${f.term}"`).join(', ');
    ctx.log(`Pre-check: not in the sources: ${shown}${precheck.length > 20 ? ` and ${precheck.length - 20} more` : ''}.`);
  }

  let claims: LocatedClaim[] | null = null;
  if (config.useModel && !(config.failOnPrecheck && precheck.length > 0)) {
    const answer = await askModel(ctx, sources, texts);
    if (!answer.ok) {
      const why = `the model's ${answer.replies === 1 ? 'reply' : `${answer.replies} replies`} never matched the expected JSON (${answer.errors.join('; ')})`;
      return couldNotCheck(ctx, value, 'schema', 'unreadable model replies', why, { errors: answer.errors, replies: answer.replies });
    }
    claims = readClaims(answer.value).map((claim) => ({ ...claim, span: locateQuote(texts, claim.quote) }));
    const unlocated = claims.filter((claim) => claim.span === null).length;
    if (unlocated > 0) ctx.log(`${unlocated} of ${claims.length} quotes could not be found in the output; those claims have no span.`);
  }

  const result = groundingResult({ precheck, failOnPrecheck: config.failOnPrecheck, claims, threshold: config.threshold });
  const verdict = ctx.recordVerdict(result.report);
  return { outputs: result.passed ? { pass: value } : { fail: validationFailure(value, verdict, result.feedback) } };
}

