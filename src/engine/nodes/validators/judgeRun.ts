/**
 * How a judge runs (see ../judge.ts for the kind): the rubric prompt, the bounded JSON reply, the
 * deterministic pass/fail and its verdict. Loaded on the judge's first run, out of the entry bundle.
 */
import { TrellisError, isAbortError, toErrorInfo } from '../../util/errors';
import { validationFailure } from '../../validation/failure';
import {
  buildJudgeSystemPrompt,
  buildJudgeUserMessage,
  errorFeedback,
  failFeedback,
  judgeReplySchema,
  readJudgeAnswer,
  reasonsText,
  scoreLabel,
} from '../judge/prompt';
import type { StepContext, StepResult } from '../types';
import { askForJson } from './askJson';
import type { JudgeConfig } from '../judge';

function replies(n: number): string {
  return `${n} repl${n === 1 ? 'y' : 'ies'}`;
}

/** No usable verdict: recorded as an error, then sent down `fail` or thrown, as onError says. */
function noVerdict(ctx: StepContext<JudgeConfig>, problem: string, errors: readonly string[], count: number): StepResult {
  const { config } = ctx;
  const label = ctx.node.label;
  const verdict = ctx.recordVerdict({
    layer: 'judge',
    status: 'error',
    threshold: config.threshold,
    label: 'no usable verdict',
    explanation: `The judge could not score the output: ${problem}.`,
    findings: errors.map((message) => ({ message, severity: 'fail' as const, source: 'model' })),
  });
  if (config.onError === 'stop') {
    throw new TrellisError('schema', `Judge "${label}" got no usable verdict in ${replies(count)}: ${problem}.`, {
      details: { errors, replies: count },
    });
  }
  ctx.log(`No usable verdict in ${replies(count)}: ${problem}. The value goes down "fail".`);
  return { outputs: { fail: validationFailure(ctx.inputs.value ?? null, verdict, errorFeedback(problem, config.criteria)) } };
}

export async function runJudge(ctx: StepContext<JudgeConfig>): Promise<StepResult> {
  const { config } = ctx;
  const value = ctx.inputs.value ?? null;
  let reply: Awaited<ReturnType<typeof askForJson>>;
  try {
    reply = await askForJson(ctx, {
      system: buildJudgeSystemPrompt(config),
      user: buildJudgeUserMessage(value, ctx.inputs.context),
      schema: judgeReplySchema(config.scale),
      name: `${ctx.node.label}_verdict`,
      maxReplies: config.maxReplies,
      providerId: config.providerId,
      model: config.model,
      temperature: config.temperature,
    });
  } catch (error) {
    // A failed model call: the step record shows the judge could not check; the executor's retry policy decides what next.
    if (!isAbortError(error)) {
      const info = toErrorInfo(error);
      ctx.recordVerdict({
        layer: 'judge',
        status: 'error',
        threshold: config.threshold,
        label: info.status !== undefined ? `HTTP ${info.status}` : info.code,
        explanation: `The model call failed, so the output was not checked: ${info.message}`,
      });
    }
    throw error;
  }

  if (!reply.ok) return noVerdict(ctx, `the replies did not match the expected JSON: ${reply.errors.join('; ')}`, reply.errors, reply.replies);
  const answer = readJudgeAnswer(reply.value, config.scale);
  if (!answer.ok) return noVerdict(ctx, answer.problem, [answer.problem], reply.replies);

  const passed = answer.score >= config.threshold;
  const verdict = ctx.recordVerdict({
    layer: 'judge',
    status: passed ? 'pass' : 'fail',
    score: answer.score,
    threshold: config.threshold,
    label: scoreLabel(answer.score, config.scale, config.threshold),
    explanation: reasonsText(answer.reasons),
    findings: answer.reasons.map((message) => ({ message, severity: passed ? ('info' as const) : ('fail' as const), source: 'model' })),
  });
  if (passed) return { outputs: { pass: value } };
  ctx.log(`Scored ${answer.score}, below the threshold ${config.threshold}: the value goes down "fail".`);
  return { outputs: { fail: validationFailure(value, verdict, failFeedback(answer.score, config.scale, config.threshold, answer.reasons)) } };
}

