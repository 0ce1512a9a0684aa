/**
 * One run of a plan: schedules ready steps (plan order is priority) up to the concurrency
 * limit, checkpoints every step record through the store, applies guards, retries and bounded
 * loops, pauses at review gates, and emits the event stream. Resuming rebuilds this state from
 * the store's records (and applies the review decisions taken meanwhile).
 */
import type { Plan, PlanLoop, PlanStep } from '../compile/types';
import type { FlowDoc } from '../flow/schema';
import { getNodeKind } from '../nodes/registry';
import { TrellisError, isAbortError, toErrorInfo, type ErrorInfo } from '../util/errors';
import { MinHeap } from '../util/minHeap';
import { runAttempts } from './attempts';
import type { StepServices } from './context';
import { gateSubjects, isGate, type GateKind, type GateVisit } from './gate';
import { completeGate, reviewAtGate, type GateHost } from './gateSteps';
import { finishRun, storageErrorInfo } from './finish';
import { decide } from './guards';
import type { ReviewPolicy } from './ports';
import { addCalls, iterateLoop, loopTurn, newStepRecord, stepRecordId } from './records';
import { abortableSleep, type RetryPolicy } from './retry';
import { DONE, PENDING, QUEUED, RUNNING, StepGraph, WAITING } from './stepGraph';
import type { Checkpoint, ReviewItem, RunEvent, RunEventListener, RunRecord, RunStore, StepRecord } from './types';
import type { Verdict } from '../validation/verdict';
import { PiiSession, type PiiSessionOptions } from '../pii/session';
import type { PiiVaultEntry } from '../pii/vault';
import { privacyVerdict } from './privacy';

export interface ExecutionEnv {
  store: RunStore;
  services: StepServices;
  retry: RetryPolicy;
  concurrency: number;
  onEvent: RunEventListener | undefined;
  reviewPolicy: ReviewPolicy;
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export class RunExecution {
  private readonly steps: readonly PlanStep[];
  private readonly graph: StepGraph;
  private readonly pendingInputs: (Record<string, unknown> | null)[];
  private readonly loopBySource = new Map<number, PlanLoop>();
  /** Gate step -> the step it reviews; and the latest inputs of each such subject. */
  private readonly subjects: Map<number, PlanStep | undefined>;
  private readonly subjectSteps: Set<number>;
  private readonly subjectInputs = new Map<number, Record<string, unknown>>();
  /** Every verdict the run's steps recorded, all attempts (review items carry them). */
  private readonly verdicts: Verdict[] = [];
  private readonly ready = new MinHeap();
  private readonly controller = new AbortController();
  private running = 0;
  private failure: { error: ErrorInfo; step: number | undefined } | null = null;
  private storageError: unknown = null;
  private finished = false;
  /** PII masking for this run's model calls and HTTP requests; null when the flow's policy is off. */
  private readonly pii: PiiSession | null;
  private resolveDone!: (run: RunRecord) => void;
  readonly done: Promise<RunRecord>;

  constructor(
    private readonly plan: Plan,
    private readonly flow: FlowDoc,
    private run: RunRecord,
    private readonly env: ExecutionEnv,
    pii?: Omit<PiiSessionOptions, 'entries' | 'save'> | null,
  ) {
    this.pii = pii ? new PiiSession({ ...pii, entries: run.pii?.entries ?? [], save: (entries) => this.savePii(entries) }) : null;
    this.steps = plan.steps;
    this.graph = new StepGraph(this.steps);
    this.pendingInputs = new Array<Record<string, unknown> | null>(this.steps.length).fill(null);
    for (const loop of plan.loops) this.loopBySource.set(loop.sourceStep, loop);
    this.subjects = gateSubjects(plan, (step) => getNodeKind(step.kind));
    this.subjectSteps = new Set([...this.subjects.values()].flatMap((subject) => (subject ? [subject.index] : [])));
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get runId(): string {
    return this.run.id;
  }

  cancel(): void {
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  /**
   * Starts scheduling; `completed` holds the records of a resumed run. Gates waiting for review
   * stay waiting, unless `decided` holds their item's decision: then they complete from it.
   */
  start(completed: StepRecord[], resumed: boolean, decided: ReadonlyMap<string, ReviewItem> = new Map()): void {
    this.emit({ type: 'run.started', runId: this.run.id, at: this.env.now(), resumed, flowVersion: this.run.flowVersion });
    const toApply: Array<[number, StepRecord, ReviewItem]> = [];
    for (const record of completed) {
      if (record.verdicts) this.verdicts.push(...record.verdicts);
      if (record.visit !== this.visit(record.stepIndex)) continue;
      const i = record.stepIndex;
      if (record.status === 'succeeded') this.graph.markDone(i, { skipped: false, outputs: record.outputs ?? {} });
      else if (record.status === 'skipped') this.graph.markDone(i, { skipped: true });
      else if (record.status === 'waiting_review') {
        this.graph.status[i] = WAITING;
        const item = decided.get(record.review?.itemId ?? record.id);
        if (item) toApply.push([i, record, item]);
      }
      if (record.status === 'succeeded' && this.subjectSteps.has(i)) this.subjectInputs.set(i, record.inputs);
    }
    for (let i = 0; i < this.steps.length; i++) this.graph.recount(i);
    for (let i = 0; i < this.steps.length; i++) if (this.graph.isReady(i)) this.evaluate(i);
    for (const [i, record, item] of toApply) completeGate(this.gateHost(), this.steps[i] as PlanStep, { ...record }, item.output, item);
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

  private checkpoint(checkpoint: Checkpoint): Promise<void> {
    const promise = this.env.store.checkpoint(checkpoint);
    promise.catch((error: unknown) => {
      if (this.storageError === null) this.storageError = error;
      this.stop({ error: storageErrorInfo(error), step: undefined });
    });
    return promise;
  }

  /** The vault's entries go into the run record, durable before the model call that uses them. */
  private savePii(entries: PiiVaultEntry[]): Promise<void> {
    this.run.pii = { entries };
    return this.checkpoint({ runId: this.run.id, steps: [], run: { pii: { entries } } });
  }

  private stop(failure: { error: ErrorInfo; step: number | undefined }): void {
    if (!this.failure) this.failure = failure;
  }

  /** All inputs of a pending step are settled: run it, or skip it. */
  private evaluate(i: number): void {
    const step = this.steps[i] as PlanStep;
    const decision = decide(step, this.steps, this.graph.outcomes, this.run.state);
    if (decision.run) {
      this.pendingInputs[i] = decision.inputs;
      this.graph.status[i] = QUEUED;
      this.ready.push(i);
      return;
    }
    const at = this.env.now();
    const record = newStepRecord(this.run.id, step, this.visit(i), 'skipped', {}, at);
    record.skipReason = decision.reason;
    record.finishedAt = at;
    this.checkpoint({ runId: this.run.id, steps: [record] });
    this.emit({ type: 'step.skipped', runId: this.run.id, at, record });
    this.graph.complete(i, { skipped: true }, (d) => this.evaluate(d));
  }

  private pump(): void {
    while (this.running < this.env.concurrency && this.ready.size > 0 && !this.failure && !this.controller.signal.aborted) {
      const i = this.ready.pop() as number;
      this.graph.status[i] = RUNNING;
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
    if (this.subjectSteps.has(i)) this.subjectInputs.set(i, inputs);
    const signal = this.controller.signal;
    const record = newStepRecord(this.run.id, step, this.visit(i), 'running', inputs, this.env.now());
    try {
      if (!def) throw new TrellisError('internal', `Node kind "${step.kind}" of "${step.label}" is not registered.`);
      if (isGate(def)) return await reviewAtGate(this.gateHost(), this.gateVisit(i, def, record), def, signal);
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
        pii: this.pii,
      });
      if (outcome.kind === 'succeeded') {
        if (this.pii && def.category === 'agent') this.checkPrivacy(step, record, outcome.outputs);
        return this.succeed(i, record, outcome.outputs);
      }
      if (outcome.kind === 'failed') return this.fail(i, record, outcome.error);
      return this.abandon(i);
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return this.abandon(i);
      return this.fail(i, record, toErrorInfo(error));
    }
  }

  /** The privacy layer: the leak re-scan of an agent step's outputs (see privacy.ts). */
  private checkPrivacy(step: PlanStep, record: StepRecord, outputs: Record<string, unknown>): void {
    if (!this.pii) return;
    const verdict = privacyVerdict({ step, record, outputs, session: this.pii, verdicts: this.verdicts, now: this.env.now });
    if (verdict) (record.verdicts ??= []).push(verdict);
  }

  /** The view of this execution that review gates (gateSteps.ts) work through. */
  private gateHost(): GateHost {
    return {
      env: this.env,
      run: this.run,
      stopping: (signal) => this.failure !== null || signal.aborted,
      emit: (event) => this.emit(event),
      checkpoint: (checkpoint) => void this.checkpoint(checkpoint),
      wait: (i) => (this.graph.status[i] = WAITING),
      succeed: (i, record, outputs) => this.succeed(i, record, outputs),
      fail: (i, record, error) => this.fail(i, record, error),
      abandon: (i) => this.abandon(i),
    };
  }

  private gateVisit(i: number, def: GateKind, record: StepRecord): GateVisit {
    const step = this.steps[i] as PlanStep;
    const subject = this.subjects.get(i);
    const subjectInputs = subject ? this.subjectInputs.get(subject.index) : undefined;
    return { run: this.run, step, subject, subjectInputs, record, review: def.review.subject(step.config, record.inputs), verdicts: [...this.verdicts] };
  }

  /** The step was cancelled or the run is stopping: it stays incomplete and re-runs on resume. */
  private abandon(i: number): void {
    this.graph.status[i] = PENDING;
  }

  private fail(i: number, record: StepRecord, error: ErrorInfo): void {
    if (record.verdicts) this.verdicts.push(...record.verdicts);
    const at = this.env.now();
    record.status = 'failed';
    record.error = error;
    record.finishedAt = at;
    this.checkpoint({ runId: this.run.id, steps: [record], ...this.totalsPatch(record) });
    this.emit({ type: 'step.failed', runId: this.run.id, at, record });
    this.graph.status[i] = PENDING;
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
    const loop = this.loopBySource.get(i);
    const turn = loop ? loopTurn(loop, this.run.state, produced) : null;
    const outputs = turn?.outputs ?? produced;
    const looped = turn?.looped === true;
    if (loop && turn) {
      record.loopOutcome = turn.looped ? 'looped' : 'exhausted';
      if (!turn.looped) this.emit({ type: 'loop.exhausted', runId: this.run.id, at, loopId: loop.id, maxIterations: loop.maxIterations });
      if (!turn.looped && !loop.hasExhaustedBranch) {
        record.outputs = outputs;
        return this.fail(i, record, {
          code: 'exhausted',
          message: `"${step.label}" sent its output back ${loop.maxIterations} times (the loop's limit) and still did not pass; connect its "exhausted" output to decide what happens then.`,
          retryable: false,
        });
      }
    }
    record.status = 'succeeded';
    record.outputs = outputs;
    record.finishedAt = at;
    if (record.verdicts) this.verdicts.push(...record.verdicts);
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
      this.graph.restart(loop.body, (b) => this.evaluate(b));
      return;
    }
    this.graph.complete(i, { skipped: false, outputs }, (d) => this.evaluate(d));
  }

  private async finish(): Promise<void> {
    const unfinished = this.steps.filter((_, i) => this.graph.status[i] !== DONE && this.graph.status[i] !== WAITING).map((s) => s.label);
    this.run = await finishRun(this.env, this.run, {
      cancelled: this.controller.signal.aborted,
      failure: this.failure,
      storageError: this.storageError,
      waitingFor: this.steps
        .filter((step) => this.graph.status[step.index] === WAITING)
        .map((step) => ({ stepIndex: step.index, nodeId: step.nodeId, label: step.label, reviewId: stepRecordId(this.run.id, step.index, this.visit(step.index)) })),
      unfinished,
    });
    this.resolveDone(this.run);
  }
}

export { abortableSleep };
