/**
 * The review policy a Review gate asks, backed by trust records: the link between the executor
 * (which pauses on "review") and the trust gradient (which decides how often to ask).
 *
 * For each output reaching a gate it finds the record of the step feeding the gate (keyed by flow
 * and node), resets it to full review if that step's configuration fingerprint changed, applies
 * the gate's rules, draws against the step's tier with the step's seed, and counts the execution,
 * all in one atomic update of the record. The verdict carries the fingerprint, so a decision taken
 * later (perhaps after the prompt changed again) is counted against the configuration that
 * produced the output, not the current one.
 *
 * A gate step that is re-executed after a crash before its checkpoint asks again for the same
 * output: the draw is the same (seeded by run, gate and visit), so the verdict is too; the
 * execution is counted twice, which only nudges the review-rate chart.
 */
import type { ReviewDecision, ReviewItem } from '../run/types';
import type { ReviewPolicy, ReviewRequest, ReviewVerdict } from '../run/ports';
import { configFingerprint, type FingerprintDefaults } from './fingerprint';
import { decideReview, needsReview, sampleKey } from './policy';
import { applyDecision, newTrustRecord, recordExecution, trustDecisionFor, trustKey, withFingerprint, type TrustRecord } from './record';
import { forcedByRules } from './rules';
import { forcedByVerdicts } from '../validation/verdict';

/** Where trust records live. `update` must read, change and write one record atomically. */
export interface TrustStore {
  update(key: string, change: (current: TrustRecord | undefined) => TrustRecord): Promise<TrustRecord>;
}

export interface TrustPolicyOptions {
  now?: () => number;
  /** A new step's sampling seed (default: 128 random bits, hex). */
  newSeed?: () => string;
  /** The flow's default provider and model, for steps that rely on them (see configFingerprint). */
  defaults?: (flowId: string) => FingerprintDefaults | undefined;
}

/** A verdict with the configuration it was given for; the executor keeps it on the review item. */
export interface TrustVerdict extends ReviewVerdict {
  trustKey: string;
  fingerprint: string;
}

export function randomSeed(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Which trust record an output belongs to: the step feeding the gate, else the gate itself. */
export function subjectOf(request: { flowId: string; gateNodeId: string; subjectNodeId?: string | undefined }): { key: string; nodeId: string } {
  const nodeId = request.subjectNodeId ?? request.gateNodeId;
  return { key: trustKey(request.flowId, nodeId), nodeId };
}

export function subjectFingerprint(request: Pick<ReviewRequest, 'subjectKind' | 'subjectConfig'>, defaults?: FingerprintDefaults): string {
  return configFingerprint(request.subjectKind ?? 'none', request.subjectConfig ?? {}, defaults);
}

export function trustPolicy(store: TrustStore, options: TrustPolicyOptions = {}): ReviewPolicy {
  const now = options.now ?? Date.now;
  const newSeed = options.newSeed ?? randomSeed;
  return async (request): Promise<TrustVerdict> => {
    const { key, nodeId } = subjectOf(request);
    const fingerprint = subjectFingerprint(request, options.defaults?.(request.flowId));
    const forced = [...forcedByRules(request.rules, request.output), ...forcedByVerdicts(request.verdicts)];
    let verdict: TrustVerdict | undefined;
    await store.update(key, (current) => {
      const at = now();
      let record = current ?? newTrustRecord(request.flowId, nodeId, fingerprint, newSeed(), at);
      record = withFingerprint(record, fingerprint, at);
      const reason = decideReview({ tier: record.tier, seed: record.seed, key: sampleKey(request.runId, request.gateNodeId, request.visit), forced });
      const review = needsReview(reason);
      verdict = { review, reason, trustKey: key, fingerprint };
      return recordExecution(record, { reviewed: review, at });
    });
    if (!verdict) throw new Error(`The trust store did not apply the update for ${key}.`);
    return verdict;
  };
}

/**
 * Counts a person's decision on a review item as evidence for its step (and demotes the step on a
 * rejection at a reduced tier). Items without a fingerprint were created before trust existed and
 * count against the current configuration.
 */
export function recordReviewDecision(store: TrustStore, item: Pick<ReviewItem, 'flowId' | 'gateNodeId' | 'subjectNodeId'> & { fingerprint?: string }, decision: ReviewDecision): Promise<TrustRecord> {
  const { key } = subjectOf(item);
  return store.update(key, (current) => {
    if (!current) throw new Error(`No trust record for ${key}: a decision arrived for a step that never reached its gate.`);
    return applyDecision(current, { decision: trustDecisionFor(decision.action), at: decision.at, by: decision.by, ...(item.fingerprint ? { fingerprint: item.fingerprint } : {}) });
  });
}

/** An in-memory TrustStore, for tests and Node runs. */
export function memoryTrustStore(): TrustStore & { records: Map<string, TrustRecord> } {
  const records = new Map<string, TrustRecord>();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    records,
    update(key, change) {
      const next = queue.then(() => {
        const updated = change(records.get(key));
        records.set(key, updated);
        return updated;
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
