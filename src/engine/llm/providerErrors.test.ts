import { describe, expect, it } from 'vitest';
import { parseRetryAfter, scrubSecret } from './providerErrors';
import { sampleForPattern } from './patternSample';

describe('scrubSecret', () => {
  const key = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234';
  it('removes the key, its fragments, masked echoes and bearer tokens', () => {
    const text = [
      `key ${key}.`,
      'Incorrect API key provided: sk-proj-************************1234.',
      `partial ${key.slice(5, 20)} here`,
      'Authorization: Bearer abc.def',
      'sk-other-1234567890 leaked',
    ].join('\n');
    const out = scrubSecret(text, key);
    for (let i = 0; i + 6 <= key.length; i += 1) expect(out).not.toContain(key.slice(i, i + 6));
    expect(out).not.toContain('abc.def');
    expect(out).not.toContain('sk-other');
    expect(out).toContain('Incorrect API key provided: [redacted].');
  });

  it('leaves ordinary text alone', () => {
    expect(scrubSecret('The model gpt-4o-mini does not exist.', key)).toBe('The model gpt-4o-mini does not exist.');
  });
});

describe('parseRetryAfter', () => {
  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.5' }))).toBe(500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('sampleForPattern', () => {
  it.each(['^\\d{5}$', '^[A-Z]{2}-\\d{3}$', '^(foo|bar)-[a-z]+$', '^[^,]+,\\s?\\w*$', '^v\\d+\\.\\d+(\\.\\d+)?$', 'abc'])('matches %s', (pattern) => {
    const sample = sampleForPattern(pattern);
    expect(sample).toBeDefined();
    expect(new RegExp(pattern, 'u').test(sample!)).toBe(true);
  });

  it('gives up on lookarounds and backreferences', () => {
    expect(sampleForPattern('^(?=a)a$')).toBeUndefined();
    expect(sampleForPattern('^(a)\\1$')).toBeUndefined();
  });
});
