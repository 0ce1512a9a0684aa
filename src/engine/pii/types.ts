/**
 * Personal data (PII) in text: what kinds Trellis detects, what a detection is, and what a flow's
 * policy says to do with each kind before text leaves the browser for a model or a web service.
 * Detection lives in detect.ts; masking a run's model traffic (stable placeholders, re-identified
 * outputs) in mask.ts and the run's vault.
 */

/** Built-in entity types, in the order the policy editor lists them. */
export const PII_TYPES = ['email', 'phone', 'credit_card', 'ssn', 'iban', 'ip_address', 'date_of_birth', 'person'] as const;
export type BuiltinPiiType = (typeof PII_TYPES)[number];

/** A built-in type, or a flow's custom pattern as `custom:<name>` (e.g. `custom:employee_id`). */
export type PiiType = BuiltinPiiType | `custom:${string}`;

/** The placeholder stem of each built-in type: `<PERSON_1>`, `<EMAIL_2>`. */
export const PII_LABELS: Readonly<Record<BuiltinPiiType, string>> = {
  email: 'EMAIL',
  phone: 'PHONE',
  credit_card: 'CREDIT_CARD',
  ssn: 'SSN',
  iban: 'IBAN',
  ip_address: 'IP_ADDRESS',
  date_of_birth: 'DATE_OF_BIRTH',
  person: 'PERSON',
};

/** One detected entity: offsets into the scanned text (UTF-16, end exclusive) and its text. */
export interface PiiEntity {
  type: PiiType;
  start: number;
  end: number;
  value: string;
}

/**
 * mask: replaced by a numbered placeholder, put back in the model's output (reversible);
 * redact: replaced by `[REDACTED <TYPE>]`, never put back; allow: sent as it is.
 */
export type PiiAction = 'mask' | 'redact' | 'allow';
