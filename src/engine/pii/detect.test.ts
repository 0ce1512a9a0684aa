import { describe, expect, it } from 'vitest';
import { compileCustomPatterns, detectPii } from './detect';

const found = (text: string) => detectPii(text).map((e) => [e.type, e.value]);

describe('detectPii', () => {
  it('finds each structured kind with exact offsets', () => {
    const text = 'Mail dana@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111, SSN 123-45-6789, IBAN DE89 3704 0044 0532 0130 00, host 192.168.1.20.';
    const entities = detectPii(text);
    expect(entities.map((e) => e.type)).toEqual(['email', 'phone', 'credit_card', 'ssn', 'iban', 'ip_address']);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.value);
  });

  it('refuses look-alikes', () => {
    expect(found('Card 4111 1111 1111 1112, SSN 666-12-3456, v1.2.3.4, order 415-555-0133, in 2019-2021, meeting 2024-05-06')).toEqual([]);
  });

  it('applies custom patterns', () => {
    const compiled = compileCustomPatterns([{ name: 'employee_id', pattern: 'EMP-\\d{6}' }]);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const text = 'EMP-123456 and EMP-654321';
    expect(detectPii(text, { custom: compiled.patterns }).map((e) => e.value)).toEqual(['EMP-123456', 'EMP-654321']);
    expect(detectPii(text, { custom: compiled.patterns }).map((e) => e.value)).toEqual(['EMP-123456', 'EMP-654321']);
  });
});
