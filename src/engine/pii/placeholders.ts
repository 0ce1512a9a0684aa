/**
 * The pieces of masking that are plain functions: placeholder stems and redaction markers, how two
 * spellings of a value are compared, how a key reads as a label, and counting what was replaced.
 */
import { PII_LABELS, type BuiltinPiiType, type PiiType } from './types';

/** How many different values of each type were masked or redacted (counts only, never values). */
export interface PiiCounts {
  masked: Record<string, number>;
  redacted: Record<string, number>;
}

/** One value replaced in a text: its placeholder (masked), or an opaque in-memory id (redacted). */
export interface PiiUse {
  type: PiiType;
  action: 'mask' | 'redact';
  key: string;
}

const isBuiltin = (type: PiiType): type is BuiltinPiiType => Object.hasOwn(PII_LABELS, type);

/** The placeholder stem of a type: `EMAIL`, or a custom pattern's name in capitals (`EMPLOYEE_ID`). */
export function placeholderLabel(type: PiiType): string {
  return isBuiltin(type) ? PII_LABELS[type] : type.slice('custom:'.length).toUpperCase();
}

/** What a redacted value becomes: `[REDACTED EMAIL]`, `[REDACTED CREDIT CARD]`. */
export function redactionMarker(type: PiiType): string {
  return `[REDACTED ${placeholderLabel(type).replace(/_/g, ' ')}]`;
}

/** The form two spellings of one value share. */
export function normalizePiiValue(type: PiiType, value: string): string {
  switch (type) {
    case 'email':
    case 'person':
    case 'ip_address':
    case 'date_of_birth':
      return value.trim().replace(/\s+/g, ' ').toLowerCase();
    case 'phone':
    case 'credit_card':
    case 'ssn':
      return value.replace(/\D/g, '');
    case 'iban':
      return value.replace(/\s/g, '').toUpperCase();
    default:
      return value.trim();
  }
}

/** Adds up uses as distinct values per type. */
export class PiiTally {
  private readonly seen = new Set<string>();
  readonly counts: PiiCounts = { masked: {}, redacted: {} };

  add(uses: Iterable<PiiUse>): void {
    for (const use of uses) {
      const id = `${use.action}\u0000${use.key}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      const bucket = use.action === 'mask' ? this.counts.masked : this.counts.redacted;
      bucket[use.type] = (bucket[use.type] ?? 0) + 1;
    }
  }
}

export function countUses(uses: Iterable<PiiUse>): PiiCounts {
  const tally = new PiiTally();
  tally.add(uses);
  return tally.counts;
}

/** `full_name`, `fullName`, `X-Full-Name` -> `Full name`: a key as the label detectors know. */
export function keyLabel(key: string): string {
  const words = key
    .slice(0, 60)
    .replace(/^x-/i, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]?.toUpperCase() + words.slice(1) : '';
}
