/**
 * Review gates in a run: which step a gate reviews (its subject), what it asks the review policy,
 * the review item a pause persists, and the decisions a resume finds. The executor (execution.ts)
 * decides when; this file says what.
 */
import type { Plan, PlanStep } from '../compile/types';
import type { AnyNodeKind } from '../nodes/registry';
import type { ReviewHooks } from '../nodes/types';
import type { ReviewRequest, ReviewVerdict } from './ports';
import type { ReviewItem, RunRecord, RunStore, StepRecord } from './types';
import type { Verdict } from '../validation/verdict';

export type GateKind = AnyNodeKind & { review: ReviewHooks<unknown> };

export function isGate(def: AnyNodeKind | undefined): def is GateKind {
  return def?.review !== undefined;
}

/**
 * The step whose output a gate reviews, per gate step index: the step feeding its subject port,
 * traced back through steps that pass a value on unchanged (validators' pass and fail ports,
 * merges), so a gate after "Compose -> Judge -> Grounding check" reviews (and counts trust for)
 * Compose.
 */
export function gateSubjects(plan: Plan, defOf: (step: PlanStep) => AnyNodeKind | undefined): Map<number, PlanStep | undefined> {
  const subjects = new Map<number, PlanStep | undefined>();
  for (const step of plan.steps) {
    const def = defOf(step);
    if (!isGate(def)) continue;
    const binding = step.inputs.find((b) => b.port === def.review.subjectPort);
    let subject = binding ? plan.steps[binding.sourceStep] : undefined;
    for (let hops = 0; subject && hops < plan.steps.length; hops++) {
      const through = defOf(subject)?.passesThrough?.(subject.config);
      const next = through === undefined ? undefined : subject.inputs.find((b) => through.includes(b.port));
      if (!next) break;
      subject = plan.steps[next.sourceStep];
    }
    subjects.set(step.index, subject);
  }
  return subjects;
}

export interface GateVisit {
  run: RunRecord;
  step: PlanStep;
  subject: PlanStep | undefined;
  /** The subject's inputs on the visit that produced the output (undefined when unknown). */
  subjectInputs: Record<string, unknown> | undefined;
  record: StepRecord;
  /** What the gate's hooks say is under review. */
  review: { output: unknown; instructions: string; rules: unknown[] };
  /** The run's verdicts so far, every attempt. */
  verdicts: Verdict[];
}

export function reviewRequest(gate: GateVisit): ReviewRequest {
  return {
    runId: gate.run.id,
    flowId: gate.run.flowId,
    gateNodeId: gate.step.nodeId,
    subjectNodeId: gate.subject?.nodeId,
    subjectKind: gate.subject?.kind,
    subjectConfig: gate.subject?.config,
    output: gate.review.output,
    visit: gate.record.visit,
    rules: gate.review.rules,
    ...(gate.verdicts.length > 0 ? { verdicts: gate.verdicts } : {}),
  };
}

/** The trust fields of a verdict or item (trust key and fingerprint), those present only. */
export function trustOf(source: { trustKey?: string | undefined; fingerprint?: string | undefined }): { trustKey?: string; fingerprint?: string } {
  return {
    ...(source.trustKey !== undefined ? { trustKey: source.trustKey } : {}),
    ...(source.fingerprint !== undefined ? { fingerprint: source.fingerprint } : {}),
  };
}

/** The review item of a gate visit the policy sent to a person; it keeps the verdict's reason and trust fields. */
export function newReviewItem(gate: GateVisit, verdict: ReviewVerdict, at: number): ReviewItem {
  const { run, step, subject, record } = gate;
  const item: ReviewItem = {
    id: record.id,
    runId: run.id,
    flowId: run.flowId,
    flowName: run.flowName,
    flowVersion: run.flowVersion,
    stepIndex: step.index,
    visit: record.visit,
    gateNodeId: step.nodeId,
    gateLabel: step.label,
    input: subject && gate.subjectInputs !== undefined ? gate.subjectInputs : record.inputs,
    output: gate.review.output,
    instructions: gate.review.instructions,
    reason: verdict.reason,
    ...trustOf(verdict),
    status: 'pending',
    createdAt: at,
    comments: [],
    ...(gate.verdicts.length > 0 ? { verdicts: gate.verdicts } : {}),
  };
  if (subject) {
    item.subjectNodeId = subject.nodeId;
    item.subjectLabel = subject.label;
    item.subjectKind = subject.kind;
  }
  return item;
}

/** The current visit's records of gates waiting for review. */
export function waitingRecords(run: RunRecord, steps: readonly StepRecord[]): StepRecord[] {
  return steps.filter((s) => s.status === 'waiting_review' && s.visit === (run.state.visits[s.stepIndex] ?? 0));
}

/**
 * The review items of the gates a run waits on that were withdrawn when the run ended (cancelled
 * while paused), made pending again: the resumed run waits for them once more.
 */
export async function reopenedReviews(store: RunStore, waiting: readonly StepRecord[]): Promise<ReviewItem[]> {
  const reopened: ReviewItem[] = [];
  for (const record of waiting) {
    const item = await store.loadReview(record.review?.itemId ?? record.id);
    if (item?.status !== 'withdrawn') continue;
    const { withdrawnAt: _ended, ...rest } = item;
    reopened.push({ ...rest, status: 'pending' });
  }
  return reopened;
}

/** The decided review items of the gates a run waits on, by item id. */
export async function decidedReviews(store: RunStore, waiting: readonly StepRecord[]): Promise<Map<string, ReviewItem>> {
  const decided = new Map<string, ReviewItem>();
  for (const record of waiting) {
    const item = await store.loadReview(record.review?.itemId ?? record.id);
    if (item?.decision) decided.set(item.id, item);
  }
  return decided;
}
