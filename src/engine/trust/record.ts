/**
 * A step's trust record and its state machine (DESIGN.md, "Review and the trust gradient").
 * One record per flow step, kept across configuration changes: the current fingerprint's tier and
 * evidence, a summary of each earlier fingerprint, and a bounded event history from which the
 * Trust page draws review and defect rates over executions (see `series`).
 *
 * Every function is pure and returns a new record; storage persists whatever comes back.
 * Promotion needs the evidence *and* a person (`promote` is called on a click); demotion is
 * automatic: a rejection at a reduced tier, or a configuration change.
 */
import { recommendation, tierLabel, FULL_REVIEW, isTier, NO_EVIDENCE, type Evidence, type Recommendation, type Tier } from './tiers';

export type TrustDecision = 'approved' | 'edited' | 'rejected';

export type TrustEventKind = 'created' | 'execution' | 'decision' | 'promoted' | 'demoted' | 'set_by_hand' | 'reset_fingerprint';

/** One thing that happened to a step's trust. Flat, so it stores and charts simply. */
export interface TrustEvent {
  at: number;
  kind: TrustEventKind;
  /** Tier changes (promoted, demoted, set_by_hand, reset_fingerprint): before and after. */
  from?: Tier;
  to?: Tier;
  /** Who: the reviewer of a decision, the person who promoted or set a tier. */
  by?: string;
  /** Why, in words (a demotion's cause, a hand setting's note). */
  reason?: string;
  /** execution: whether a person was asked to review the output. */
  reviewed?: boolean;
  /** decision: edited or rejected. */
  defect?: boolean;
  decision?: TrustDecision;
  /** decision: false when it was about an output of an earlier fingerprint (not evidence now). */
  counted?: boolean;
  /** created, reset_fingerprint: the (new) fingerprint. */
  fingerprint?: string;
}

/** The summary kept of an earlier configuration when the fingerprint changes. */
export interface PreviousFingerprint {
  fingerprint: string;
  tier: Tier;
  evidence: Evidence;
  executions: number;
  endedAt: number;
}

export interface TrustRecord {
  /** `trustKey(flowId, nodeId)`. */
  key: string;
  flowId: string;
  nodeId: string;
  fingerprint: string;
  tier: Tier;
  /** The sampling seed of this step (see `decideReview`); logged with every draw. */
  seed: string;
  /** Decisions at the current fingerprint. */
  evidence: Evidence;
  /** Decisions since the step entered its current tier at this fingerprint (the SPRT reads it). */
  sinceTier: Evidence;
  /** Outputs that passed the gate at the current fingerprint, reviewed or not. */
  executions: number;
  /** The last MAX_HISTORY events, oldest first. */
  history: TrustEvent[];
  /** How many execution events were trimmed from the front of `history` (so charts keep their x axis). */
  trimmedExecutions: number;
  /** Earlier fingerprints, oldest first (the last MAX_PREVIOUS). */
  previous: PreviousFingerprint[];
  updatedAt: number;
}

/**
 * History is bounded so a record stays small enough to load and save on every execution: 5,000
 * events cover at least the last 2,500 executions (one event each, plus one per decision); at
 * 60-150 bytes an event as JSON that is well under 1 MB. Older events are dropped; the counts in
 * `evidence` and `executions` are never trimmed.
 */
export const MAX_HISTORY = 5000;
export const MAX_PREVIOUS = 50;

/** The key of a step's record. Ids are letters, digits, "_" and "-", so "/" cannot be ambiguous. */
export function trustKey(flowId: string, nodeId: string): string {
  return `${flowId}/${nodeId}`;
}

/** The reviewer's action (run/types.ts `ReviewAction`) as trust evidence. */
export function trustDecisionFor(action: 'approve' | 'edit' | 'reject'): TrustDecision {
  return action === 'approve' ? 'approved' : action === 'edit' ? 'edited' : 'rejected';
}

function appendEvents(record: TrustRecord, events: TrustEvent[]): Pick<TrustRecord, 'history' | 'trimmedExecutions'> {
  const history = [...record.history, ...events];
  const excess = history.length - MAX_HISTORY;
  if (excess <= 0) return { history, trimmedExecutions: record.trimmedExecutions };
  const dropped = history.splice(0, excess);
  return { history, trimmedExecutions: record.trimmedExecutions + dropped.filter((event) => event.kind === 'execution').length };
}

function withEvents(record: TrustRecord, changes: Partial<TrustRecord>, events: TrustEvent[], at: number): TrustRecord {
  return { ...record, ...changes, ...appendEvents(record, events), updatedAt: at };
}

export function newTrustRecord(flowId: string, nodeId: string, fingerprint: string, seed: string, at: number): TrustRecord {
  return {
    key: trustKey(flowId, nodeId),
    flowId,
    nodeId,
    fingerprint,
    tier: FULL_REVIEW,
    seed,
    evidence: { ...NO_EVIDENCE },
    sinceTier: { ...NO_EVIDENCE },
    executions: 0,
    history: [{ at, kind: 'created', to: FULL_REVIEW, fingerprint }],
    trimmedExecutions: 0,
    previous: [],
    updatedAt: at,
  };
}

/** An output passed the gate (reviewed or not); `reviewed`: a person was asked. */
export function recordExecution(record: TrustRecord, input: { reviewed: boolean; at: number }): TrustRecord {
  return withEvents(record, { executions: record.executions + 1 }, [{ at: input.at, kind: 'execution', reviewed: input.reviewed }], input.at);
}

function addDecision(evidence: Evidence, decision: TrustDecision): Evidence {
  return {
    reviewed: evidence.reviewed + 1,
    approvedAsIs: evidence.approvedAsIs + (decision === 'approved' ? 1 : 0),
    edited: evidence.edited + (decision === 'edited' ? 1 : 0),
    rejected: evidence.rejected + (decision === 'rejected' ? 1 : 0),
  };
}

export interface DecisionInput {
  decision: TrustDecision;
  at: number;
  by: string;
  /**
   * The fingerprint of the step when it produced the reviewed output. A decision about an output
   * of an earlier configuration is recorded but is not evidence about the current one (and does
   * not demote it). Absent: the current fingerprint.
   */
  fingerprint?: string;
}

/**
 * A person decided on an output. Edits and rejections are defects. A rejection at a reduced tier
 * (autonomous included) demotes the step to full review at once; at 100% there is nothing lower.
 */
export function applyDecision(record: TrustRecord, input: DecisionInput): TrustRecord {
  const { decision, at, by } = input;
  const counted = input.fingerprint === undefined || input.fingerprint === record.fingerprint;
  const event: TrustEvent = { at, kind: 'decision', decision, by, defect: decision !== 'approved', counted };
  if (!counted) return withEvents(record, {}, [event], at);
  const evidence = addDecision(record.evidence, decision);
  if (decision === 'rejected' && record.tier < FULL_REVIEW) {
    const demotion: TrustEvent = {
      at,
      kind: 'demoted',
      from: record.tier,
      to: FULL_REVIEW,
      reason: `${by} rejected an output while the step was at ${tierLabel(record.tier)}: back to full review.`,
    };
    return withEvents(record, { evidence, tier: FULL_REVIEW, sinceTier: { ...NO_EVIDENCE } }, [event, demotion], at);
  }
  return withEvents(record, { evidence, sinceTier: addDecision(record.sinceTier, decision) }, [event], at);
}

/** What `promote` throws when the evidence does not support a promotion. */
export class PromotionRefusedError extends Error {
  readonly recommendation: Recommendation;
  constructor(record: TrustRecord, rec: Recommendation) {
    const target = rec.nextTier === null ? 'a lower review rate' : `${tierLabel(rec.nextTier)} review`;
    super(`Step "${record.nodeId}" cannot move to ${target} yet: ${rec.needed.text}`);
    this.name = 'PromotionRefusedError';
    this.recommendation = rec;
  }
}

/** The step's recommendation from its current evidence (see `recommendation`). */
export function recommendationFor(record: TrustRecord): Recommendation {
  return recommendation({ tier: record.tier, evidence: record.evidence, sinceTier: record.sinceTier });
}

/** A person accepts the recommendation. Throws PromotionRefusedError unless it is eligible. */
export function promote(record: TrustRecord, input: { by: string; at: number }): TrustRecord {
  const rec = recommendationFor(record);
  if (!rec.eligible || rec.nextTier === null) throw new PromotionRefusedError(record, rec);
  const event: TrustEvent = { at: input.at, kind: 'promoted', from: record.tier, to: rec.nextTier, by: input.by, reason: rec.needed.text };
  return withEvents(record, { tier: rec.nextTier, sinceTier: { ...NO_EVIDENCE } }, [event], input.at);
}

/**
 * A person sets the tier, evidence or not (including autonomous, which only this can do).
 * Recorded with who and why; the same tier again changes nothing.
 */
export function setTierByHand(record: TrustRecord, input: { tier: Tier; by: string; at: number; reason?: string }): TrustRecord {
  if (!isTier(input.tier)) throw new RangeError(`setTierByHand: ${String(input.tier)} is not a review tier`);
  if (!input.by.trim()) throw new RangeError('setTierByHand: say who changed the tier');
  if (input.tier === record.tier) return record;
  const event: TrustEvent = { at: input.at, kind: 'set_by_hand', from: record.tier, to: input.tier, by: input.by, ...(input.reason ? { reason: input.reason } : {}) };
  return withEvents(record, { tier: input.tier, sinceTier: { ...NO_EVIDENCE } }, [event], input.at);
}

/**
 * The step's configuration now has `fingerprint`. If it changed, the old tier and evidence are
 * kept in `previous` and the step starts again at full review with no evidence: evidence about
 * one configuration says little about another.
 */
export function withFingerprint(record: TrustRecord, fingerprint: string, at: number): TrustRecord {
  if (fingerprint === record.fingerprint) return record;
  const ended: PreviousFingerprint = { fingerprint: record.fingerprint, tier: record.tier, evidence: record.evidence, executions: record.executions, endedAt: at };
  const event: TrustEvent = {
    at,
    kind: 'reset_fingerprint',
    from: record.tier,
    to: FULL_REVIEW,
    fingerprint,
    reason: `The configuration changed (${record.fingerprint} -> ${fingerprint}): back to full review with new evidence.`,
  };
  const changes: Partial<TrustRecord> = {
    fingerprint,
    tier: FULL_REVIEW,
    evidence: { ...NO_EVIDENCE },
    sinceTier: { ...NO_EVIDENCE },
    executions: 0,
    previous: [...record.previous, ended].slice(-MAX_PREVIOUS),
  };
  return withEvents(record, changes, [event], at);
}
