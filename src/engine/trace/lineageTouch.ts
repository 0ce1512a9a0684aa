/**
 * What touched one step visit of a lineage: the prompt version of a model step (its configuration
 * fingerprint, the one trust is kept by), the models that answered, the checks it ran (with their
 * versions) and, on a review gate, whether a person was asked, why, and what they decided.
 */
import type { PlanStep } from '../compile/types';
import type { ReviewDecision, ReviewItem, ReviewReason, StepRecord } from '../run/types';
import { configFingerprint, type FingerprintDefaults } from '../trust/fingerprint';
import type { VerdictLayer, VerdictStatus } from '../validation/verdict';

export interface LineageCheck {
  layer: VerdictLayer;
  validator: string;
  status: VerdictStatus;
  label: string | null;
  /** `${kind}@${kindVersion}#${configHash}`: which version of the check gave the verdict. */
  version: string;
}

export interface LineageReview {
  /** The review item, when a person was asked. */
  itemId?: string;
  /** Whether a person was asked (false: the trust tier let the output through, see `reason`). */
  reviewed: boolean;
  reason: ReviewReason;
  /** The configuration fingerprint of the reviewed step when the gate asked. */
  fingerprint?: string;
  /** The person's decision, once taken (absent while the item waits). */
  decision?: ReviewDecision;
}

export interface LineageTouch {
  /**
   * The configuration fingerprint of a model step (agent, LLM router, judge, grounding check):
   * prompt, model, temperature, schema and tools, as trust/fingerprint.ts computes it.
   */
  promptVersion?: string;
  /** The models that answered on this visit (failed calls left out), in first-use order. */
  models: Array<{ providerId: string; model: string }>;
  /** The step's checks on this visit: the last verdict of each validator. */
  checks: LineageCheck[];
  review?: LineageReview;
}

export function touchOf(step: PlanStep | undefined, record: StepRecord, items: ReadonlyMap<string, ReviewItem>, defaults: FingerprintDefaults): LineageTouch {
  const touch: LineageTouch = { models: modelsOf(record), checks: checksOf(record) };
  if (step && step.category === 'agent') touch.promptVersion = configFingerprint(step.kind, step.config, defaults);
  const review = reviewOf(record, items);
  if (review) touch.review = review;
  return touch;
}

function modelsOf(record: StepRecord): LineageTouch['models'] {
  const seen = new Map<string, { providerId: string; model: string }>();
  for (const call of record.llmCalls) {
    if (call.error) continue;
    const key = `${call.providerId}\n${call.model}`;
    if (!seen.has(key)) seen.set(key, { providerId: call.providerId, model: call.model });
  }
  return [...seen.values()];
}

function checksOf(record: StepRecord): LineageCheck[] {
  const last = new Map<string, LineageCheck>();
  for (const v of record.verdicts ?? []) {
    if (v.layer === 'human') continue; // the gate's review stands for the person
    last.set(`${v.layer}\n${v.validator}`, { layer: v.layer, validator: v.validator, status: v.status, label: v.label, version: v.version });
  }
  return [...last.values()];
}

/** A gate visit's review: its record's, with the item's decision when the run has not applied it yet. */
function reviewOf(record: StepRecord, items: ReadonlyMap<string, ReviewItem>): LineageReview | undefined {
  const item = items.get(record.review?.itemId ?? record.id);
  const stepReview = record.review;
  if (!stepReview && !item) return undefined;
  const reason = stepReview?.reason ?? (item as ReviewItem).reason;
  const review: LineageReview = { reviewed: stepReview?.reviewed ?? true, reason };
  const itemId = stepReview?.itemId ?? item?.id;
  if (itemId !== undefined) review.itemId = itemId;
  const fingerprint = stepReview?.fingerprint ?? item?.fingerprint;
  if (fingerprint !== undefined) review.fingerprint = fingerprint;
  const decision = stepReview?.decision ?? item?.decision;
  if (decision) review.decision = decision;
  return review;
}
