/**
 * One run of a plan: schedules ready steps (plan order is priority) up to the concurrency
 * limit, checkpoints every step record through the store, applies guards, retries and bounded
 * loops, and emits the event stream. Resuming rebuilds this state from the store's records.
 */
import type { Plan, PlanLoop, PlanStep } from '../compile/types';
import { EXHAUSTED_PORT } from '../compile/edges';
import type { FlowDoc } from '../flow/schema';
import { getNodeKind } from '../nodes/registry';
import { TrellisError, isAbortError, toErrorInfo, type ErrorInfo } from '../util/errors';
import { MinHeap } from '../util/minHeap';
import { runAttempts } from './attempts';
import type { StepServices } from './context';
import { decide, type Outcome } from './guards';
import { addCalls, iterateLoop, newStepRecord } from './records';
import { abortableSleep, type RetryPolicy } from './retry';
import type { Checkpoint, RunEvent, RunEventListener, RunRecord, RunStatus, RunStore, StepRecord } from './types';

export interface ExecutionEnv {
  store: RunStore;
  services: StepServices;
  retry: RetryPolicy;
  concurrency: number;
  onEvent: RunEventListener | undefined;
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

const PENDING = 0;
const QUEUED = 1;
const RUNNING = 2;
const DONE = 3;

export class RunExecution {
  private readonly steps: readonly PlanStep[];
  private readonly status: Uint8Array;
  private readonly outcomes: (Outcome | null)[];
  private readonly pendingInputs: (Record<string, unknown> | null)[];
  private readonly remaining: Int32Array;
  private readonly deps: number[][];
  private readonly dependents: number[][];
  private readonly loopBySource = new Map<number, PlanLoop>();
  private readonly ready = new MinHeap();
  private readonly controller = new AbortController();
  private running = 0;
  private failure: { error: ErrorInfo; step: number | undefined } | null = null;
  private storageError: unknown = null;
  private finished = false;
  private resolveDone!: (run: RunRecord) => void;
  readonly done: Promise<RunRecord>;

  constructor(
    private readonly plan: Plan,
    private readonly flow: FlowDoc,
    private run: RunRecord,
    private readonly env: ExecutionEnv,
  ) {
    this.steps = plan.steps;
    const n = this.steps.length;
    this.status = new Uint8Array(n);
    this.outcomes = new Array<Outcome | null>(n).fill(null);
    this.pendingInputs = new Array<Record<string, unknown> | null>(n).fill(null);
    this.remaining = new Int32Array(n);
    this.deps = this.steps.map((step) => {
      const set = new Set<number>();
      for (const b of step.inputs) set.add(b.sourceStep);
      for (const w of step.waitFor) set.add(w);
      return [...set];
    });
    this.dependents = this.steps.map(() => []);
    this.deps.forEach((list, i) => list.forEach((d) => this.dependents[d]?.push(i)));
    for (const loop of plan.loops) this.loopBySource.set(loop.sourceStep, loop);
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get runId(): string {
    return this.run.id;
  }

  cancel(): void {
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  /** Starts scheduling; `completed` holds the finished records of a resumed run. */
  start(completed: StepRecord[], resumed: boolean): void {
    this.emit({ type: 'run.started', runId: this.run.id, at: this.env.now(), resumed, flowVersion: this.run.flowVersion });
    for (const record of completed) {
      if (record.visit !== this.visit(record.stepIndex)) continue;
      if (record.status === 'succeeded') this.markDone(record.stepIndex, { skipped: false, outputs: record.outputs ?? {} });
      else if (record.status === 'skipped') this.markDone(record.stepIndex, { skipped: true });
    }
    for (let i = 0; i < this.steps.length; i++) this.recount(i);
    for (let i = 0; i < this.steps.length; i++) if (this.status[i] === PENDING && this.remaining[i] === 0) this.evaluate(i);
    this.pump();
  }

  private emit(event: RunEvent): void {
    if (!this.env.onEvent) return;
    try {
      this.env.onEvent(event);
    } catch {
      // A listener's failure must not break the run.
    }
  }

  private visit(i: number): number {
    return this.run.state.visits[i] ?? 0;
  }

  private markDone(i: number, outcome: Outcome): void {
    this.status[i] = DONE;
    this.outcomes[i] = outcome;
  }

  private recount(i: number): void {
    if (this.status[i] === DONE) return;
    let count = 0;
    for (const d of this.deps[i] as number[]) if (this.status[d] !== DONE) count++;
    this.remaining[i] = count;
  }

  private checkpoint(checkpoint: Checkpoint): Promise<void> {
    const promise = this.env.store.checkpoint(checkpoint);
    promise.catch((error: unknown) => {
      if (this.storageError === null) this.storageError = error;
      this.stop({ error: storageErrorInfo(error), step: undefined });
    });
    return promise;
  }

  private stop(failure: { error: ErrorInfo; step: number | undefined }): void {
    if (!this.failure) this.failure = failure;
  }

  /** All inputs of a pending step are settled: run it, or skip it. */
  private evaluate(i: number): void {
    const step = this.steps[i] as PlanStep;
    const decision = decide(step, this.steps, this.outcomes, this.run.state);
    if (decision.run) {
      this.pendingInputs[i] = decision.inputs;
      this.status[i] = QUEUED;
      this.ready.push(i);
      return;
    }
    const at = this.env.now();
    const record = newStepRecord(this.run.id, step, this.visit(i), 'skipped', {}, at);
    record.skipReason = decision.reason;
    record.finishedAt = at;
    this.checkpoint({ runId: this.run.id, steps: [record] });
    this.emit({ type: 'step.skipped', runId: this.run.id, at, record });
    this.complete(i, { skipped: true });
  }

  private complete(i: number, outcome: Outcome): void {
    this.markDone(i, outcome);
    for (const d of this.dependents[i] as number[]) {
      if (this.status[d] !== PENDING) continue;
      this.remaining[d] = (this.remaining[d] as number) - 1;
      if (this.remaining[d] === 0) this.evaluate(d);
    }
  }

  private pump(): void {
    while (this.running < this.env.concurrency && this.ready.size > 0 && !this.failure && !this.controller.signal.aborted) {
      const i = this.ready.pop() as number;
      this.status[i] = RUNNING;
      this.running++;
      void this.execute(i).finally(() => {
        this.running--;
        this.pump();
      });
    }
    if (this.running === 0 && !this.finished && (this.ready.size === 0 || this.failure || this.controller.signal.aborted)) {
      this.finished = true;
      void this.finish();
    }
  }

  private async execute(i: number): Promise<void> {
    const step = this.steps[i] as PlanStep;
    const def = getNodeKind(step.kind);
    const inputs = this.pendingInputs[i] ?? {};
    this.pendingInputs[i] = null;
    const signal = this.controller.signal;
    const record = newStepRecord(this.run.id, step, this.visit(i), 'running', inputs, this.env.now());
    try {
      if (!def) throw new TrellisError('internal', `Node kind "${step.kind}" of "${step.label}" is not registered.`);
      if (step.costly) {
        // Everything before a costly step is durable first, so it never runs twice.
        await this.env.store.flush();
        if (this.failure || signal.aborted) return this.abandon(i);
        this.checkpoint({ runId: this.run.id, steps: [{ ...record, attempts: [], llmCalls: [], toolCalls: [], logs: [] }] });
      }
      const outcome = await runAttempts({
        def,
        step,
        record,
        flow: this.flow,
        runInputs: this.run.inputs,
        signal,
        env: this.env,
        emit: (event) => this.emit(event),
        stopping: () => this.failure !== null,
      });
      if (outcome.kind === 'succeeded') return this.succeed(i, record, outcome.outputs);
      if (outcome.kind === 'failed') return this.fail(i, record, outcome.error);
      return this.abandon(i);
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return this.abandon(i);
      return this.fail(i, record, toErrorInfo(error));
    }
  }

  /** The step was cancelled or the run is stopping: it stays incomplete and re-runs on resume. */
  private abandon(i: number): void {
    this.status[i] = PENDING;
  }

  private fail(i: number, record: StepRecord, error: ErrorInfo): void {
    const at = this.env.now();
    record.status = 'failed';
    record.error = error;
    record.finishedAt = at;
    this.checkpoint({ runId: this.run.id, steps: [record], ...this.totalsPatch(record) });
    this.emit({ type: 'step.failed', runId: this.run.id, at, record });
    this.status[i] = PENDING;
    this.stop({ error, step: i });
  }

  private totalsPatch(record: StepRecord): Pick<Checkpoint, 'run'> | Record<string, never> {
    if (record.llmCalls.length === 0) return {};
    this.run.totals = addCalls(this.run.totals, record.llmCalls);
    return { run: { totals: this.run.totals } };
  }

  private succeed(i: number, record: StepRecord, produced: Record<string, unknown>): void {
    const step = this.steps[i] as PlanStep;
    const at = this.env.now();
    let outputs = produced;
    const loop = this.loopBySource.get(i);
    let looped = false;
    if (loop && loop.sourcePort in produced) {
      const iterations = this.run.state.loops[loop.id]?.iterations ?? 0;
      if (iterations < loop.maxIterations) {
        looped = true;
        record.loopOutcome = 'looped';
      } else {
        record.loopOutcome = 'exhausted';
        const { [loop.sourcePort]: value, ...rest } = produced;
        outputs = { ...rest, [EXHAUSTED_PORT]: value };
        this.emit({ type: 'loop.exhausted', runId: this.run.id, at, loopId: loop.id, maxIterations: loop.maxIterations });
        if (!loop.hasExhaustedBranch) {
          record.outputs = outputs;
          return this.fail(i, record, {
            code: 'exhausted',
            message: `"${step.label}" sent its output back ${loop.maxIterations} times (the loop's limit) and still did not pass; connect its "exhausted" output to decide what happens then.`,
            retryable: false,
          });
        }
      }
    }
    record.status = 'succeeded';
    record.outputs = outputs;
    record.finishedAt = at;
    const patch: Partial<RunRecord> = {};
    if (record.llmCalls.length > 0) {
      this.run.totals = addCalls(this.run.totals, record.llmCalls);
      patch.totals = this.run.totals;
    }
    if (step.runOutputName !== undefined && 'value' in record.inputs) {
      this.run.outputs = { ...this.run.outputs, [step.runOutputName]: record.inputs.value };
      patch.outputs = this.run.outputs;
    }
    if (looped && loop) {
      this.run.state = iterateLoop(this.run.state, loop, this.plan.loops, produced[loop.sourcePort]);
      patch.state = this.run.state;
    }
    this.checkpoint({ runId: this.run.id, steps: [record], ...(Object.keys(patch).length > 0 ? { run: patch } : {}) });
    this.emit({ type: 'step.finished', runId: this.run.id, at, record });
    if (looped && loop) {
      const iteration = this.run.state.loops[loop.id]?.iterations ?? 0;
      this.emit({ type: 'loop.iterated', runId: this.run.id, at, loopId: loop.id, iteration, maxIterations: loop.maxIterations });
      this.restartBody(loop);
      return;
    }
    this.complete(i, { skipped: false, outputs });
  }

  /** Resets a loop's body to pending for its next iteration and re-evaluates what is ready. */
  private restartBody(loop: PlanLoop): void {
    for (const b of loop.body) {
      this.status[b] = PENDING;
      this.outcomes[b] = null;
    }
    const affected = new Set<number>(loop.body);
    for (const b of loop.body) for (const d of this.dependents[b] as number[]) affected.add(d);
    for (const a of affected) this.recount(a);
    for (const b of loop.body) if (this.status[b] === PENDING && this.remaining[b] === 0) this.evaluate(b);
  }

  private async finish(): Promise<void> {
    const cancelled = this.controller.signal.aborted;
    let status: RunStatus;
    let error: ErrorInfo | undefined;
    if (cancelled) status = 'cancelled';
    else if (this.failure) {
      status = 'failed';
      error = this.failure.error;
    } else if (this.status.every((s) => s === DONE)) status = 'succeeded';
    else {
      status = 'failed';
      const stuck = this.steps.filter((_, i) => this.status[i] !== DONE).map((s) => `"${s.label}"`);
      error = { code: 'internal', message: `The run stopped with steps that never became ready: ${stuck.join(', ')}.`, retryable: false };
    }
    const finishedAt = this.env.now();
    const patch: Partial<RunRecord> = { status, finishedAt };
    if (error) patch.error = error;
    if (this.failure?.step !== undefined) patch.failedStep = this.failure.step;
    this.run = { ...this.run, ...patch };
    if (this.storageError === null) {
      try {
        await this.env.store.checkpoint({ runId: this.run.id, steps: [], run: patch });
        await this.env.store.flush();
      } catch (storageError) {
        this.run = { ...this.run, status: 'failed', error: storageErrorInfo(storageError) };
      }
    } else {
      this.run = { ...this.run, status: 'failed', error: storageErrorInfo(this.storageError) };
    }
    this.emit({ type: 'run.finished', runId: this.run.id, at: finishedAt, run: this.run });
    this.resolveDone(this.run);
  }
}

function storageErrorInfo(error: unknown): ErrorInfo {
  const info = toErrorInfo(error);
  if (error instanceof TrellisError) return info;
  return { ...info, message: `Could not save the run's progress: ${info.message}` };
}

export { abortableSleep };
