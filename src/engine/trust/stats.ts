/**
 * The statistics behind the trust gradient (DESIGN.md, "Review and the trust gradient").
 *
 * A step earns a lower review rate from evidence: of the outputs a person reviewed, how many were
 * approved as they were. Two questions are asked of that evidence:
 *
 * - "How good is this step at least, with 95% confidence?" The Wilson score interval answers it.
 *   It behaves well exactly where review data lives: near 100% success and with few reviews,
 *   where the textbook normal interval claims certainty it does not have (0 defects in 10 would
 *   give an interval of width zero). The bounds are one-sided: a promotion only cares that the
 *   rate is high enough, so all of alpha goes to one side (z = 1.645 at 95%, not 1.96).
 * - "Is the defect rate acceptable or clearly too high?" A sequential probability ratio test
 *   (SPRT) answers it, and may be looked at after every review without inflating its error rates,
 *   which repeatedly peeking at a fixed-sample test would.
 *
 * Clopper–Pearson (the exact binomial bound) is here for the "how many clean reviews do we need"
 * question, e.g. 0 defects in 299 reviews show a defect rate under 1% at 95%.
 *
 * Pure functions of numbers; no dependencies.
 */

/** Coefficients of Acklam's rational approximation to the normal quantile. */
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function poly(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (const c of coefficients) sum = sum * x + c;
  return sum;
}

/**
 * The standard normal quantile (inverse CDF): the z with P(Z <= z) = p.
 * Peter Acklam's algorithm: rational approximations in a central region and both tails, with a
 * relative error below 1.15e-9, far finer than any review count can resolve. Computed rather than
 * hard-coded so a different confidence level is a parameter, not a new constant.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  }
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return -poly(C, q) / (poly(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`);
}

function checkCounts(successes: number, n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}: n must be a whole number >= 0, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`${what}: the count must be a whole number between 0 and n (${n}), got ${successes}`);
  }
}

/** Center and half-width of the Wilson score interval for z. */
function wilson(successes: number, n: number, z: number): { center: number; half: number } {
  const p = successes / n;
  const z2n = (z * z) / n;
  const denominator = 1 + z2n;
  const center = (p + z2n / 2) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { center, half };
}

/**
 * One-sided lower confidence bound of the Wilson score interval on a proportion: with the given
 * confidence, the true success rate is at least this. No evidence (n = 0) proves nothing: 0.
 */
export function wilsonLowerBound(successes: number, n: number, confidence = 0.95): number {
  checkCounts(successes, n, 'wilsonLowerBound');
  checkConfidence(confidence);
  if (n === 0) return 0;
  if (successes === 0) return 0;
  const { center, half } = wilson(successes, n, normalQuantile(confidence));
  return Math.min(1, Math.max(0, center - half));
}

/** One-sided upper confidence bound of the Wilson score interval; 1 when n = 0. */
export function wilsonUpperBound(successes: number, n: number, confidence = 0.95): number {
  checkCounts(successes, n, 'wilsonUpperBound');
  checkConfidence(confidence);
  if (n === 0 || successes === n) return 1;
  const { center, half } = wilson(successes, n, normalQuantile(confidence));
  return Math.min(1, Math.max(0, center + half));
}

/** log P(X <= k) for X ~ Binomial(n, p), 0 < p < 1, summed in log space so large n cannot underflow. */
function logBinomialCdf(k: number, n: number, p: number): number {
  const logOdds = Math.log(p) - Math.log1p(-p);
  let term = n * Math.log1p(-p); // log P(X = 0)
  let max = term;
  const terms = [term];
  for (let i = 0; i < k; i += 1) {
    term += Math.log((n - i) / (i + 1)) + logOdds;
    terms.push(term);
    if (term > max) max = term;
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return max + Math.log(sum);
}

/**
 * One-sided exact (Clopper–Pearson) upper confidence bound on a defect rate after `defects`
 * defects in `n` trials: the largest rate p still consistent with seeing so few defects, i.e. the
 * p where P(X <= defects | n, p) = 1 - confidence. For 0 defects that is 1 - alpha^(1/n);
 * otherwise it is found by bisection on the binomial CDF (which falls as p rises).
 */
export function clopperPearsonUpper(defects: number, n: number, confidence = 0.95): number {
  checkCounts(defects, n, 'clopperPearsonUpper');
  checkConfidence(confidence);
  if (n === 0 || defects === n) return 1;
  const alpha = 1 - confidence;
  if (defects === 0) return -Math.expm1(Math.log(alpha) / n);
  const target = Math.log(alpha);
  let lo = defects / n;
  let hi = 1;
  for (let i = 0; i < 80 && hi - lo > 1e-15; i += 1) {
    const mid = (lo + hi) / 2;
    if (logBinomialCdf(defects, n, mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * How many reviews, all without a defect, show that the defect rate is below `maxRate` with the
 * given confidence (the exact bound): the smallest n with 1 - alpha^(1/n) < maxRate.
 * 1% at 95% -> 299 (298 leaves the bound at 1.0002%).
 */
export function reviewsForZeroDefects(maxRate: number, confidence = 0.95): number {
  if (!(maxRate > 0 && maxRate < 1)) throw new RangeError(`reviewsForZeroDefects: maxRate must be strictly between 0 and 1, got ${maxRate}`);
  checkConfidence(confidence);
  // alpha^(1/n) > 1 - maxRate  <=>  n > ln(alpha) / ln(1 - maxRate)
  return Math.floor(Math.log(1 - confidence) / Math.log1p(-maxRate)) + 1;
}

export interface SprtInput {
  /** Defects seen so far. */
  defects: number;
  /** Trials (reviews) so far. */
  n: number;
  /** A defect rate at or below this is acceptable (the null hypothesis). */
  p0: number;
  /** A defect rate at or above this is not (the alternative); p1 > p0. */
  p1: number;
  /** Chance of deciding 'reject' when the rate is really p0. */
  alpha: number;
  /** Chance of deciding 'accept' when the rate is really p1. */
  beta: number;
}

export type SprtDecision = 'accept' | 'reject' | 'continue';

export interface SprtResult {
  /** Log-likelihood ratio of p1 against p0 for the evidence. */
  llr: number;
  /** At or below this LLR: accept (rate <= p0). ln(beta / (1 - alpha)). */
  lower: number;
  /** At or above this LLR: reject (rate >= p1). ln((1 - beta) / alpha). */
  upper: number;
  decision: SprtDecision;
}

/**
 * Wald's sequential probability ratio test for a Bernoulli defect rate, on the cumulative
 * evidence. Each defect moves the LLR up by ln(p1/p0), each clean trial down by
 * ln((1-p0)/(1-p1)); crossing Wald's boundaries decides. 'reject' means the evidence says the
 * rate is at least p1, which blocks a promotion however good the point estimate looks.
 */
export function sprt(input: SprtInput): SprtResult {
  const { defects, n, p0, p1, alpha, beta } = input;
  checkCounts(defects, n, 'sprt');
  if (!(p0 > 0 && p1 > p0 && p1 < 1)) throw new RangeError(`sprt: needs 0 < p0 < p1 < 1, got p0 = ${p0}, p1 = ${p1}`);
  if (!(alpha > 0 && alpha < 1 && beta > 0 && beta < 1)) throw new RangeError(`sprt: alpha and beta must be strictly between 0 and 1`);
  const llr = defects * Math.log(p1 / p0) + (n - defects) * (Math.log1p(-p1) - Math.log1p(-p0));
  const lower = Math.log(beta / (1 - alpha));
  const upper = Math.log((1 - beta) / alpha);
  const decision: SprtDecision = llr >= upper ? 'reject' : llr <= lower ? 'accept' : 'continue';
  return { llr, lower, upper, decision };
}
