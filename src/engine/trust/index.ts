/**
 * The trust gradient's pure engine (DESIGN.md, "Review and the trust gradient"): statistics,
 * tiers and their promotion table, configuration fingerprints, the review decision of a gate,
 * output-field rules, and the per-step trust record with its chart series.
 */
export { clopperPearsonUpper, normalQuantile, reviewsForZeroDefects, sprt, wilsonLowerBound, wilsonUpperBound } from './stats';
export type { SprtDecision, SprtInput, SprtResult } from './stats';

export {
  ALL_TIERS,
  AUDIT_FLOOR,
  AUTONOMOUS,
  defectsOf,
  FULL_REVIEW,
  isTier,
  NO_EVIDENCE,
  PROMOTION_CONFIDENCE,
  PROMOTION_STEPS,
  promotionStepFrom,
  recommendation,
  REVIEW_TIERS,
  SPRT_ALPHA,
  SPRT_BETA,
  tierLabel,
} from './tiers';
export type { Evidence, PromotionStep, Recommendation, Tier, TierEvidence } from './tiers';

export { configFingerprint, FINGERPRINT_FIELDS, fingerprintSubject } from './fingerprint';
export type { FingerprintDefaults } from './fingerprint';

export { decideReview, needsReview, reviewDraw, reviewReasonText, sampleKey } from './policy';
export type { ReviewQuestion, ReviewReason } from './policy';

export { compilePattern, describeRule, evaluateRules, forcedByRules, reviewRuleSchema, reviewRulesSchema, RULE_OPS, validateRules, valueAtPath } from './rules';
export type { CompiledPattern, ReviewRule, RuleOp } from './rules';

export {
  applyDecision,
  MAX_HISTORY,
  MAX_PREVIOUS,
  newTrustRecord,
  promote,
  PromotionRefusedError,
  recommendationFor,
  recordExecution,
  setTierByHand,
  trustDecisionFor,
  trustKey,
  withFingerprint,
} from './record';
export type { DecisionInput, PreviousFingerprint, TrustDecision, TrustEvent, TrustEventKind, TrustRecord } from './record';

export { series } from './series';
export type { SeriesPoint } from './series';

export { fnv1a64, seededUniform } from './hash';

export { flowDefaults, gateFingerprints } from './flowFingerprints';

export { memoryTrustStore, randomSeed, recordReviewDecision, subjectFingerprint, subjectOf, trustPolicy } from './gatePolicy';
export type { TrustPolicyOptions, TrustStore, TrustVerdict } from './gatePolicy';
