/**
 * Starting and resuming runs. A run compiles its flow, records the immutable flow version it
 * executes (by content hash), then walks the plan (see execution.ts).
 */
import { compile } from '../compile';
import type { Diagnostic } from '../compile/types';
import { flowVersionHash } from '../flow/hash';
import type { FlowDoc } from '../flow/schema';
import { TrellisError } from '../util/errors';
import type { StepServices } from './context';
import { RunExecution, type ExecutionEnv } from './execution';
import { decidedReviews, reopenedReviews, waitingRecords } from './gate';
import { reviewEverything, type ReviewPolicy } from './ports';
import { emptyState, emptyTotals } from './records';
import { preparePii } from './privacy';
import { DEFAULT_RETRY_POLICY, abortableSleep, type RetryPolicy } from './retry';
import type { RunEventListener, RunRecord, RunStore } from './types';

export interface RunOptions {
  store: RunStore;
  services: StepServices;
  retry?: Partial<RetryPolicy>;
  /** Steps at once; defaults to the flow's setting. */
  concurrency?: number;
  onEvent?: RunEventListener;
  /** Which outputs a person reviews at review gates; default: every one (`{ kind: 'full' }`). */
  reviewPolicy?: ReviewPolicy;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RunHandle {
  runId: string;
  /** Resolves with the final run record, or the paused one when it waits for review (it never rejects). */
  done: Promise<RunRecord>;
  /** Aborts in-flight model calls and requests; the run ends 'cancelled' and can be resumed. */
  cancel(): void;
}

export class FlowNotRunnableError extends TrellisError {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super('config', `The flow has ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix before it can run: ${errors.slice(0, 3).map((d) => d.message).join(' ')}${errors.length > 3 ? ' …' : ''}`, { details: errors });
    this.name = 'FlowNotRunnableError';
  }
}

function environment(options: RunOptions, flow: FlowDoc): ExecutionEnv {
  return {
    store: options.store,
    services: options.services,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    concurrency: Math.max(1, options.concurrency ?? flow.settings.concurrency),
    onEvent: options.onEvent,
    reviewPolicy: options.reviewPolicy ?? reviewEverything,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
  };
}

function compileOrThrow(flow: FlowDoc) {
  const { plan, diagnostics } = compile(flow);
  if (diagnostics.some((d) => d.severity === 'error')) throw new FlowNotRunnableError(diagnostics);
  return plan;
}

/**
 * Version hashes by flow document. Flow documents are treated as immutable (the app replaces them
 * on edit), so a dataset run of many rows hashes its flow once.
 */
const versionHashes = new WeakMap<FlowDoc, string>();

async function versionOf(flow: FlowDoc): Promise<string> {
  let hash = versionHashes.get(flow);
  if (hash === undefined) {
    hash = await flowVersionHash(flow);
    versionHashes.set(flow, hash);
  }
  return hash;
}

function newRunId(): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  return `run_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Starts a run of `flow` with `inputs` (by Input field name). Throws FlowNotRunnableError when
 * the flow has errors; otherwise the run's own failures end up in the run record.
 */
export async function startRun(flow: FlowDoc, inputs: Record<string, unknown>, options: RunOptions & { runId?: string; batchId?: string }): Promise<RunHandle> {
  const plan = compileOrThrow(flow);
  const env = environment(options, flow);
  const pii = await preparePii(flow);
  const hash = await versionOf(flow);
  const at = env.now();
  await options.store.saveFlowVersion({ hash, flowId: flow.id, flow, createdAt: at });
  const run: RunRecord = {
    id: options.runId ?? newRunId(),
    flowId: flow.id,
    flowName: flow.name,
    flowVersion: hash,
    status: 'running',
    inputs,
    outputs: {},
    createdAt: at,
    startedAt: at,
    resumes: 0,
    state: emptyState(),
    totals: emptyTotals(),
    ...(options.batchId !== undefined ? { batchId: options.batchId } : {}),
  };
  await options.store.createRun(run);
  const execution = new RunExecution(plan, flow, run, env, pii);
  execution.start([], false);
  return { runId: run.id, done: execution.done, cancel: () => execution.cancel() };
}

/** Another resume of the same run claimed it first; that one goes on, this one does nothing. */
export class ResumeConflictError extends TrellisError {
  constructor(readonly runId: string, cause: unknown) {
    super('conflict', `Run "${runId}" is already being resumed elsewhere; it goes on there.`, { cause });
    this.name = 'ResumeConflictError';
  }
}

/**
 * Resumes an interrupted, cancelled, failed or paused run from its checkpoints: completed steps
 * are not run again; review gates whose item was decided meanwhile complete from the decision;
 * the rest run as they would have. A paused run with no new decision stays paused (the handle
 * resolves with it at once, nothing is written). The resume claims the run with a conditional
 * write, so of two concurrent resumes only one goes on: the other throws ResumeConflictError.
 */
export async function resumeRun(runId: string, options: RunOptions): Promise<RunHandle> {
  const loaded = await options.store.loadRun(runId);
  if (!loaded) throw new TrellisError('input', `There is no run "${runId}" to resume.`);
  if (loaded.run.status === 'succeeded') throw new TrellisError('input', `Run "${runId}" already succeeded; there is nothing to resume.`);
  const waiting = waitingRecords(loaded.run, loaded.steps);
  const decided = await decidedReviews(options.store, waiting);
  if (loaded.run.status === 'paused' && decided.size === 0) {
    return { runId, done: Promise.resolve(loaded.run), cancel: () => undefined };
  }
  const version = await options.store.loadFlowVersion(loaded.run.flowVersion);
  if (!version) throw new TrellisError('internal', `Run "${runId}" points to flow version ${loaded.run.flowVersion.slice(0, 12)}, which is not in the store.`);
  const flow = version.flow;
  const plan = compileOrThrow(flow);
  const env = environment(options, flow);
  const pii = await preparePii(flow);
  const patch = { status: 'running' as const, resumes: loaded.run.resumes + 1 };
  const run: RunRecord = { ...loaded.run, ...patch };
  delete run.error;
  delete run.failedStep;
  delete run.finishedAt;
  delete run.waitingFor;
  try {
    await options.store.checkpoint({
      runId,
      steps: [],
      run: { ...patch, error: undefined, failedStep: undefined, finishedAt: undefined, waitingFor: undefined },
      expect: { status: loaded.run.status, resumes: loaded.run.resumes },
    });
  } catch (error) {
    if (error instanceof TrellisError && error.code === 'conflict') throw new ResumeConflictError(runId, error);
    throw error;
  }
  // Items withdrawn when the run ended while it waited are back in the queue (ordered commits:
  // after the claim, before anything the execution writes).
  for (const review of await reopenedReviews(options.store, waiting)) void options.store.checkpoint({ runId, steps: [], review });
  const execution = new RunExecution(plan, flow, run, env, pii);
  execution.start(loaded.steps, true, decided);
  return { runId, done: execution.done, cancel: () => execution.cancel() };
}
