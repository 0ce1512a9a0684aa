import { describe, expect, it } from 'vitest';
import type { PiiCounts } from '../../engine/pii/placeholders';
import { maskedPieces, mergePiiCounts, piiCountsText, runPiiCounts } from './piiText';

describe('PII counts in words', () => {
  it('says what was masked and redacted, in the policy order, counts only', () => {
    expect(piiCountsText({ masked: { person: 1, email: 2 }, redacted: { credit_card: 1 } })).toBe('Masked: 2 emails, 1 person · Redacted: 1 card');
    expect(piiCountsText({ masked: { 'custom:employee_id': 3, phone: 1 }, redacted: {} })).toBe('Masked: 1 phone number, 3 employee_id matches');
    expect(piiCountsText({ masked: {}, redacted: { ssn: 2 } })).toBe('Redacted: 2 SSNs');
    expect(piiCountsText({ masked: {}, redacted: {} })).toBe(null);
    expect(piiCountsText(undefined)).toBe(null);
  });

  it('merges the counts of several steps by the largest per type', () => {
    expect(mergePiiCounts([{ masked: { person: 1 }, redacted: {} }, undefined, { masked: { person: 2, email: 1 }, redacted: { ssn: 1 } }])).toEqual({ masked: { person: 2, email: 1 }, redacted: { ssn: 1 } });
    expect(mergePiiCounts([undefined])).toBe(undefined);
  });

  it('counts a run’s masked values from its vault by type, redacted ones from its steps', () => {
    const steps: { pii?: PiiCounts }[] = [{ pii: { masked: { person: 1 }, redacted: { ssn: 1 } } }, { pii: { masked: { email: 1 }, redacted: {} } }, {}];
    expect(runPiiCounts([{ type: 'person' }, { type: 'email' }, { type: 'email' }], steps)).toEqual({ masked: { person: 1, email: 2 }, redacted: { ssn: 1 } });
    expect(runPiiCounts(undefined, steps)).toEqual({ masked: { person: 1, email: 1 }, redacted: { ssn: 1 } });
    expect(runPiiCounts([], [{}])).toBe(undefined);
  });
});

describe('masked text as pieces', () => {
  it('finds placeholders and redaction markers and says what they stand for', () => {
    expect(maskedPieces('Dear <PERSON_1>, card [REDACTED CREDIT CARD] and <EMPLOYEE_ID_12>.')).toEqual([
      { kind: 'text', text: 'Dear ' },
      { kind: 'placeholder', text: '<PERSON_1>', description: "placeholder for a person's name" },
      { kind: 'text', text: ', card ' },
      { kind: 'redaction', text: '[REDACTED CREDIT CARD]', description: 'a credit card number, redacted' },
      { kind: 'text', text: ' and ' },
      { kind: 'placeholder', text: '<EMPLOYEE_ID_12>', description: 'placeholder for a match of the custom pattern “employee_id”' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves text without tokens (and HTML-looking text) as one plain piece', () => {
    expect(maskedPieces('<b>hello</b> <email_1>')).toEqual([{ kind: 'text', text: '<b>hello</b> <email_1>' }]);
    expect(maskedPieces('')).toEqual([]);
  });
});
