import { describe, expect, it } from 'vitest';
import { clopperPearsonUpper, normalQuantile, reviewsForZeroDefects, sprt, wilsonLowerBound, wilsonUpperBound } from './stats';

/*
 * Reference values were computed independently in Python with SciPy 1.17:
 * - quantiles: scipy.stats.norm.ppf(p);
 * - Wilson bounds: by inverting the score test, i.e. solving (phat - p) / sqrt(p(1-p)/n) = ±z for p
 *   with scipy.optimize.brentq (xtol 1e-14), z = norm.ppf(confidence) — a different route from the
 *   closed form the code uses;
 * - Clopper–Pearson upper bounds: scipy.stats.beta.ppf(confidence, d + 1, n - d).
 */

describe('normalQuantile', () => {
  const table: [number, number][] = [
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.995, 2.5758293035489004],
    [0.999, 3.090232306167813],
    [0.05, -1.6448536269514729],
    [0.01, -2.3263478740408408],
    [1e-6, -4.753424308822899],
    [0.999999, 4.753424308817087],
  ];
  it.each(table)('Φ⁻¹(%s) = %s', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-8);
  });

  it('is ±Infinity at 0 and 1 and refuses values outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.2)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe('Wilson one-sided bounds', () => {
  // [successes, n, lower 95%, upper 95%, lower 99%]
  const table: [number, number, number, number, number][] = [
    [0, 10, 0, 0.2129419700834086, 0],
    [5, 10, 0.26927182113826725, 0.7307281788617328, 0.203710234855616],
    [9, 10, 0.6522813326641418, 0.9773650912691328, 0.5329727841402911],
    [95, 100, 0.9008389147209472, 0.9754526365741983, 0.8723768037875019],
    [299, 299, 0.9910325033371252, 1, 0.9822218036480829],
    [1, 1, 0.26986594878405473, 1, 0.15596014730946922],
    [24, 25, 0.8391336429086742, 0.9910251315657588, 0.7618048788305347],
    [25, 25, 0.9023464939939491, 1, 0.8220467835924052],
    [50, 52, 0.8902351734546969, 0.9871896169649033, 0.8446906313570559],
    [0, 1, 0, 0.7301340512159452, 0],
  ];
  it.each(table)('%s of %s: lower %s, upper %s (95%), lower %s (99%)', (x, n, lower, upper, lower99) => {
    expect(Math.abs(wilsonLowerBound(x, n) - lower)).toBeLessThan(1e-4);
    expect(Math.abs(wilsonUpperBound(x, n) - upper)).toBeLessThan(1e-4);
    expect(Math.abs(wilsonLowerBound(x, n, 0.99) - lower99)).toBeLessThan(1e-4);
  });

  it('agrees with the references far more closely than the 1e-4 the table asks', () => {
    expect(Math.abs(wilsonLowerBound(95, 100) - 0.9008389147209472)).toBeLessThan(1e-9);
  });

  it('uses a one-sided z: 25 clean reviews clear 0.90, which a two-sided 95% interval would not', () => {
    expect(wilsonLowerBound(25, 25)).toBeGreaterThanOrEqual(0.9);
    expect(wilsonLowerBound(24, 24)).toBeLessThan(0.9);
    expect(wilsonLowerBound(25, 25, 0.975)).toBeLessThan(0.9); // what z = 1.96 would give
  });

  it('proves nothing without evidence: 0/0 has lower bound 0 and upper bound 1', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonUpperBound(0, 0)).toBe(1);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonLowerBound(11, 10)).toThrow(RangeError);
    expect(() => wilsonLowerBound(-1, 10)).toThrow(RangeError);
    expect(() => wilsonLowerBound(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonLowerBound(1, 10, 1)).toThrow(RangeError);
  });
});

describe('Clopper–Pearson upper bound', () => {
  const table: [number, number, number][] = [
    [0, 10, 0.2588655508930522],
    [1, 10, 0.39416330243650466],
    [0, 299, 0.009969146792899269],
    [0, 298, 0.010002432437677691],
    [2, 50, 0.12061415542204412],
    [5, 100, 0.1022533776432745],
    [10, 10, 1],
  ];
  it.each(table)('%s defects in %s: upper %s', (d, n, upper) => {
    expect(Math.abs(clopperPearsonUpper(d, n) - upper)).toBeLessThan(1e-6);
  });

  it('0 defects in 299 reviews shows a defect rate under 1% at 95%; 298 does not', () => {
    expect(clopperPearsonUpper(0, 299, 0.95)).toBeLessThan(0.01);
    expect(clopperPearsonUpper(0, 298, 0.95)).toBeGreaterThan(0.01);
  });

  it('does not underflow with many trials', () => {
    const upper = clopperPearsonUpper(500, 100_000);
    expect(upper).toBeGreaterThan(0.005);
    expect(upper).toBeLessThan(0.0056);
  });
});

describe('reviewsForZeroDefects', () => {
  it('is 299 for 1% at 95% and agrees with the exact bound around it', () => {
    expect(reviewsForZeroDefects(0.01, 0.95)).toBe(299);
    for (const [rate, confidence] of [[0.01, 0.95], [0.05, 0.95], [0.02, 0.99], [0.1, 0.9]] as const) {
      const n = reviewsForZeroDefects(rate, confidence);
      expect(clopperPearsonUpper(0, n, confidence)).toBeLessThan(rate);
      expect(clopperPearsonUpper(0, n - 1, confidence)).toBeGreaterThanOrEqual(rate);
    }
  });

  it('is the rule of three near 3/rate for small rates', () => {
    expect(reviewsForZeroDefects(0.001)).toBe(2995);
  });
});

describe('sprt', () => {
  const base = { p0: 0.05, p1: 0.2, alpha: 0.05, beta: 0.05 };

  it("uses Wald's boundaries ln(β/(1-α)) and ln((1-β)/α)", () => {
    const result = sprt({ ...base, defects: 0, n: 0 });
    expect(result.llr).toBe(0);
    expect(result.upper).toBeCloseTo(Math.log(19), 12);
    expect(result.lower).toBeCloseTo(-Math.log(19), 12);
    expect(result.decision).toBe('continue');
  });

  it('computes the log-likelihood ratio of the evidence', () => {
    // 3 defects, 17 clean: 3 ln(0.2/0.05) + 17 ln(0.8/0.95) = 4.15888 - 2.92145 = 1.23743
    expect(sprt({ ...base, defects: 3, n: 20 }).llr).toBeCloseTo(3 * Math.log(4) + 17 * Math.log(0.8 / 0.95), 12);
    expect(sprt({ ...base, defects: 3, n: 20 }).llr).toBeCloseTo(1.23743, 4);
  });

  it('accepts after enough clean trials and not before', () => {
    // Each clean trial moves the LLR by ln(0.8/0.95) = -0.171850; ln 19 / 0.171850 = 17.13
    expect(sprt({ ...base, defects: 0, n: 17 }).decision).toBe('continue');
    expect(sprt({ ...base, defects: 0, n: 18 }).decision).toBe('accept');
  });

  it('rejects when defects pile up, and says continue in between', () => {
    // Each defect adds ln 4 = 1.386294; 3 defects alone: 4.1589 > ln 19 = 2.9444
    expect(sprt({ ...base, defects: 3, n: 3 }).decision).toBe('reject');
    expect(sprt({ ...base, defects: 2, n: 2 }).decision).toBe('continue');
    expect(sprt({ ...base, defects: 3, n: 20 }).decision).toBe('continue');
    expect(sprt({ ...base, defects: 10, n: 40 }).decision).toBe('reject');
  });

  it('refuses p1 <= p0 and out-of-range error rates', () => {
    expect(() => sprt({ ...base, p1: 0.05, defects: 0, n: 1 })).toThrow(RangeError);
    expect(() => sprt({ ...base, alpha: 0, defects: 0, n: 1 })).toThrow(RangeError);
  });
});
