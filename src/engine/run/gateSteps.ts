/**
 * Running a review gate step: a decision already stored for this visit applies (a run retried
 * after the gate failed it); otherwise the review policy decides whether a person sees the output.
 * If so, the gate's record goes `waiting_review` and its review item is saved in the same
 * checkpoint; its dependents stay pending and the run pauses once nothing else can run. A decision
 * (or the policy letting the output through) completes the gate through its kind's hooks.
 */
import type { PlanStep } from '../compile/types';
import { getNodeKind } from '../nodes/registry';
import { TrellisError, toErrorInfo, type ErrorInfo } from '../util/errors';
import type { ExecutionEnv } from './execution';
import { isGate, newReviewItem, reviewRequest, trustOf, type GateKind, type GateVisit } from './gate';
import type { Checkpoint, ReviewDecision, ReviewItem, RunEvent, RunRecord, StepRecord } from './types';
import { validatorVersion } from './context';
import { makeVerdict, type Verdict } from '../validation/verdict';

/** What a gate step needs from the execution it belongs to. */
export interface GateHost {
  env: ExecutionEnv;
  run: RunRecord;
  /** True once the run stops (a failure elsewhere, a cancel): the gate leaves its step pending. */
  stopping(signal: AbortSignal): boolean;
  emit(event: RunEvent): void;
  checkpoint(checkpoint: Checkpoint): void;
  /** Marks the step as waiting for a decision. */
  wait(i: number): void;
  succeed(i: number, record: StepRecord, outputs: Record<string, unknown>): void;
  fail(i: number, record: StepRecord, error: ErrorInfo): void;
  abandon(i: number): void;
}

export async function reviewAtGate(host: GateHost, gate: GateVisit, def: GateKind, signal: AbortSignal): Promise<void> {
  const { step, record } = gate;
  const existing = await host.env.store.loadReview(record.id);
  if (host.stopping(signal)) return host.abandon(step.index);
  if (existing) {
    record.review = { reviewed: true, reason: existing.reason, ...trustOf(existing), itemId: existing.id };
    if (existing.decision) return completeGate(host, step, record, existing.output, existing);
    // Withdrawn when the run ended while it waited: the resumed run asks for it again.
    if (existing.status === 'withdrawn') {
      const { withdrawnAt: _ended, ...reopened } = existing;
      return pause(host, step, record, { ...reopened, status: 'pending' });
    }
    return pause(host, step, record, null);
  }
  host.emit({ type: 'step.started', runId: host.run.id, at: record.startedAt, stepIndex: step.index, nodeId: step.nodeId, visit: record.visit, attempt: 1 });
  const verdict = await host.env.reviewPolicy(reviewRequest(gate));
  if (host.stopping(signal)) return host.abandon(step.index);
  if (!verdict.review) {
    record.review = { reviewed: false, reason: verdict.reason, ...trustOf(verdict) };
    return completeGate(host, step, record, gate.review.output, null, def);
  }
  const item = newReviewItem(gate, verdict, host.env.now());
  record.review = { reviewed: true, reason: verdict.reason, ...trustOf(verdict), itemId: item.id };
  pause(host, step, record, item);
}

/** The gate waits for a person: its record (and new item) are saved together. */
function pause(host: GateHost, step: PlanStep, record: StepRecord, item: ReviewItem | null): void {
  record.status = 'waiting_review';
  host.checkpoint({ runId: host.run.id, steps: [record], ...(item ? { review: item } : {}) });
  if (item) host.emit({ type: 'review.requested', runId: host.run.id, at: item.createdAt, record, item });
  host.wait(step.index);
}

/** Completes a gate from a person's decision, or (item null) because nobody needed to see the output. */
export function completeGate(host: GateHost, step: PlanStep, record: StepRecord, output: unknown, item: ReviewItem | null, known?: GateKind): void {
  const def = known ?? getNodeKind(step.kind);
  const decision = item?.decision ?? null;
  if (item && decision && record.review) {
    record.review = { ...record.review, decision };
    record.verdicts = [...(record.verdicts ?? []).filter((v) => v.layer !== 'human'), humanVerdict(step, record, decision, def?.version ?? 1, item.verdicts)];
    host.emit({ type: 'review.decided', runId: host.run.id, at: host.env.now(), record, item });
  }
  try {
    if (!isGate(def)) throw new TrellisError('internal', `"${step.label}" waits for review but its kind "${step.kind}" has no review.`);
    const result = def.review.outcome(step.config, { output, decision, label: step.label });
    host.succeed(step.index, record, result.outputs);
  } catch (error) {
    host.fail(step.index, record, toErrorInfo(error));
  }
}

/** A person's decision as the last validation layer. */
function humanVerdict(step: PlanStep, record: StepRecord, decision: ReviewDecision, kindVersion: number, earlier: readonly Verdict[] = []): Verdict {
  // The attempt a person saw: the latest one validated before the gate (a gate outside a revise
  // loop has visit 0 however many attempts the loop took).
  const attempt = Math.max(record.visit + 1, ...earlier.map((v) => v.attempt));
  const action = decision.action === 'approve' ? 'approved' : decision.action === 'edit' ? 'edited and approved' : 'rejected';
  return makeVerdict(
    {
      layer: 'human',
      status: decision.action === 'reject' ? 'fail' : 'pass',
      label: `${action} by ${decision.by}`,
      explanation: decision.action === 'reject' ? (decision.reason ?? '') : decision.action === 'edit' ? 'The reviewer corrected the output before approving it.' : '',
    },
    {
      validator: step.label,
      version: validatorVersion(step.kind, kindVersion, step.config),
      nodeId: step.nodeId,
      kind: step.kind,
      stepIndex: step.index,
      visit: record.visit,
      attempt,
      latencyMs: Math.max(0, decision.at - record.startedAt),
      at: decision.at,
    },
  );
}
