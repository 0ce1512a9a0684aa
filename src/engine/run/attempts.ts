/**
 * Runs one step: attempt after attempt until it succeeds, fails for good, or the run stops.
 * Each attempt gets a fresh step context; what it did (model calls, tool calls, logs) and how it
 * ended are added to the step's record. Retryable errors wait (backoff with jitter, or the
 * provider's Retry-After) before the next attempt.
 */
import type { PlanStep } from '../compile/types';
import type { FlowDoc } from '../flow/schema';
import type { AnyNodeKind } from '../nodes/registry';
import { TrellisError, isAbortError, toErrorInfo, type ErrorInfo } from '../util/errors';
import { createStepContext, type StepActivity } from './context';
import type { ExecutionEnv } from './execution';
import { retryDelay } from './retry';
import type { RunEvent, StepRecord } from './types';
import type { PiiSession, PiiStepScope } from '../pii/session';

export type AttemptsOutcome = { kind: 'succeeded'; outputs: Record<string, unknown> } | { kind: 'failed'; error: ErrorInfo } | { kind: 'abandoned' };

export interface AttemptsArgs {
  def: AnyNodeKind;
  step: PlanStep;
  record: StepRecord;
  flow: FlowDoc;
  runInputs: Record<string, unknown>;
  signal: AbortSignal;
  env: ExecutionEnv;
  emit: (event: RunEvent) => void;
  /** True once the run is stopping (another step failed): no further attempts start. */
  stopping: () => boolean;
  /** The run's PII masking session when the flow's policy is on. */
  pii?: PiiSession | null;
}

function keep(record: StepRecord, activity: StepActivity, pii: PiiStepScope | undefined): void {
  record.llmCalls.push(...activity.llmCalls);
  record.toolCalls.push(...activity.toolCalls);
  record.logs.push(...activity.logs);
  if (activity.verdicts.length > 0) (record.verdicts ??= []).push(...activity.verdicts);
  const counts = pii?.counts();
  if (counts) record.pii = counts;
}

export async function runAttempts(args: AttemptsArgs): Promise<AttemptsOutcome> {
  const { def, step, record, signal, env, emit } = args;
  const runId = record.runId;
  const pii = args.pii?.scope();
  for (let attempt = 1; ; attempt++) {
    const startedAt = env.now();
    emit({ type: 'step.started', runId, at: startedAt, stepIndex: step.index, nodeId: step.nodeId, visit: record.visit, attempt });
    const { ctx, activity } = createStepContext({
      config: step.config,
      inputs: record.inputs,
      runInputs: args.runInputs,
      node: { id: step.nodeId, kind: step.kind, label: step.label, version: def.version },
      flow: { id: args.flow.id, settings: args.flow.settings },
      run: { id: runId, stepIndex: step.index, attempt, visit: record.visit },
      signal,
      services: env.services,
      onDelta: (text) => emit({ type: 'step.delta', runId, at: env.now(), stepIndex: step.index, nodeId: step.nodeId, text }),
      ...(pii ? { pii } : {}),
    });
    let error: unknown;
    try {
      const result = await def.run(ctx);
      keep(record, activity, pii);
      record.attempts.push({ attempt, startedAt, finishedAt: env.now() });
      checkOutputs(step, result.outputs);
      return { kind: 'succeeded', outputs: result.outputs };
    } catch (caught) {
      error = caught;
    }
    keep(record, activity, pii);
    if (signal.aborted || isAbortError(error)) return { kind: 'abandoned' };
    const info = toErrorInfo(error);
    const attemptRecord: StepRecord['attempts'][number] = { attempt, startedAt, finishedAt: env.now(), error: info };
    record.attempts.push(attemptRecord);
    const retryAfterMs = error instanceof TrellisError ? error.retryAfterMs : undefined;
    if (!info.retryable || attempt >= env.retry.maxAttempts || args.stopping()) return { kind: 'failed', error: info };
    if (retryAfterMs !== undefined && retryAfterMs > env.retry.maxRetryAfterMs) {
      const message = `${info.message} The provider asked to wait ${Math.ceil(retryAfterMs / 1000)} s before retrying, longer than the ${Math.ceil(env.retry.maxRetryAfterMs / 1000)} s limit.`;
      return { kind: 'failed', error: { ...info, message } };
    }
    const delayMs = retryDelay(env.retry, attempt, retryAfterMs, env.random);
    attemptRecord.retryDelayMs = delayMs;
    emit({ type: 'step.retrying', runId, at: env.now(), stepIndex: step.index, nodeId: step.nodeId, attempt, delayMs, error: info });
    try {
      await env.sleep(delayMs, signal);
    } catch {
      return { kind: 'abandoned' };
    }
  }
}

function checkOutputs(step: PlanStep, outputs: Record<string, unknown>): void {
  for (const port in outputs) {
    if (!step.outputs.some((p) => p.name === port)) {
      throw new TrellisError('internal', `"${step.label}" produced output "${port}", which its node kind does not declare.`);
    }
  }
}
