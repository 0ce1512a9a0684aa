import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64, seededUniform } from './hash';

/** The textbook FNV-1a 64 on BigInt, one byte at a time: the reference for the 32-bit-halves version. */
function referenceFnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    // From the FNV reference test suite (isthe.com/chongo/tech/comp/fnv, test_fnv.c)
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('agrees with a BigInt implementation on any text, including non-ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      expect(fnv1a64(text)).toBe(referenceFnv1a64(text));
    }), { numRuns: 500 });
    expect(fnv1a64('prüfen ✓ 日本')).toBe(referenceFnv1a64('prüfen ✓ 日本'));
  });
});

describe('seededUniform', () => {
  it('is deterministic and in [0, 1)', () => {
    expect(seededUniform('s', 'k')).toBe(seededUniform('s', 'k'));
    for (let i = 0; i < 1000; i += 1) {
      const draw = seededUniform('seed', `key-${i}`);
      expect(draw).toBeGreaterThanOrEqual(0);
      expect(draw).toBeLessThan(1);
    }
  });

  it('separates seed from key', () => {
    expect(seededUniform('ab', 'c')).not.toBe(seededUniform('a', 'bc'));
    expect(seededUniform('seed-1', 'k')).not.toBe(seededUniform('seed-2', 'k'));
  });

  it('spreads keys that differ only in their last characters evenly over ten buckets', () => {
    const buckets = new Array<number>(10).fill(0);
    const n = 20_000;
    for (let i = 0; i < n; i += 1) buckets[Math.floor(seededUniform('7f3a', `run-${Math.floor(i / 4)}:gate:${i % 4}`) * 10)]! += 1;
    // Chi-square with 9 degrees of freedom; 27.88 is its 99.9% point.
    const chi2 = buckets.reduce((sum, count) => sum + (count - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88);
  });
});
