/**
 * Personal data in the app's words: what each built-in type is called in the policy editor, the
 * compact count lines of run pages ("Masked: 2 emails, 1 person · Redacted: 1 card"), and the
 * placeholders and redaction markers of masked text split out of it so they can be shown as
 * tokens. Counts only: nothing here ever sees a masked value.
 */
import type { PiiCounts } from '../../engine/pii/placeholders';
import { PII_LABELS, PII_TYPES, type BuiltinPiiType } from '../../engine/pii/types';
import { piiTypeWords } from '../../engine/pii/words';

/** Names and one-line explanations of the built-in types, in the policy editor's order. */
export const PII_TYPE_INFO: Readonly<Record<BuiltinPiiType, { title: string; help: string }>> = {
  email: { title: 'Email address', help: 'Addresses such as ann@example.com, in any script.' },
  phone: { title: 'Phone number', help: 'International, US and national formats; not order, invoice or ticket numbers.' },
  credit_card: { title: 'Credit card', help: 'Card numbers of 13 to 19 digits that pass the Luhn check.' },
  ssn: { title: 'US Social Security number', help: 'Numbers such as 123-45-6789 (nine digits without dashes only after “SSN”).' },
  iban: { title: 'IBAN', help: 'Bank account numbers whose country length and checksum are right.' },
  ip_address: { title: 'IP address', help: 'IPv4 and IPv6 addresses; not version numbers.' },
  date_of_birth: { title: 'Date of birth', help: 'Dates with a birth word near them (born, DOB); other dates stay.' },
  person: { title: 'Person name', help: 'Names found from their context: titles, “my name is”, greetings, sign-offs.' },
};

export const PII_ACTION_WORDS = { mask: 'Mask', redact: 'Redact', allow: 'Allow' } as const;
export const PII_HTTP_ACTION_WORDS = { block: 'Block', mask: 'Mask', allow: 'Allow' } as const;

const SHORT: Readonly<Record<BuiltinPiiType, [string, string]>> = {
  email: ['email', 'emails'],
  phone: ['phone number', 'phone numbers'],
  credit_card: ['card', 'cards'],
  ssn: ['SSN', 'SSNs'],
  iban: ['IBAN', 'IBANs'],
  ip_address: ['IP address', 'IP addresses'],
  date_of_birth: ['date of birth', 'dates of birth'],
  person: ['person', 'people'],
};

/** "2 emails", "1 person", "3 employee_id matches". */
function countWords(type: string, count: number): string {
  if (Object.hasOwn(SHORT, type)) {
    const [one, many] = SHORT[type as BuiltinPiiType];
    return `${count} ${count === 1 ? one : many}`;
  }
  const name = type.startsWith('custom:') ? type.slice('custom:'.length) : type;
  return `${count} ${name} ${count === 1 ? 'match' : 'matches'}`;
}

const ORDER = new Map<string, number>(PII_TYPES.map((type, i) => [type, i]));

function bucketText(bucket: Readonly<Record<string, number>>): string {
  return Object.entries(bucket)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99) || a.localeCompare(b))
    .map(([type, count]) => countWords(type, count))
    .join(', ');
}

/** "Masked: 2 emails, 1 person · Redacted: 1 card", or null when nothing was masked or redacted. */
export function piiCountsText(counts: PiiCounts | undefined): string | null {
  if (!counts) return null;
  const parts = [bucketText(counts.masked), bucketText(counts.redacted)];
  const text = [parts[0] ? `Masked: ${parts[0]}` : '', parts[1] ? `Redacted: ${parts[1]}` : ''].filter(Boolean).join(' · ');
  return text || null;
}

/** Adds counts up per type, taking the largest count of each (steps count distinct values each, and share them). */
export function mergePiiCounts(list: readonly (PiiCounts | undefined)[]): PiiCounts | undefined {
  let merged: PiiCounts | undefined;
  for (const counts of list) {
    if (!counts) continue;
    merged ??= { masked: {}, redacted: {} };
    for (const key of ['masked', 'redacted'] as const) {
      for (const [type, count] of Object.entries(counts[key])) merged[key][type] = Math.max(merged[key][type] ?? 0, count);
    }
  }
  return merged;
}

/**
 * A run's counts: masked values from its vault (one entry per distinct value, counted by type; the
 * values themselves are not read), redacted ones as the largest count of any step (redacted values
 * are not kept, so the same value in two steps cannot be told from two values).
 */
export function runPiiCounts(entries: readonly { type: string }[] | undefined, steps: readonly { pii?: PiiCounts }[]): PiiCounts | undefined {
  const merged = mergePiiCounts(steps.map((step) => step.pii));
  if (!entries?.length) return merged;
  const masked: Record<string, number> = {};
  for (const entry of entries) masked[entry.type] = (masked[entry.type] ?? 0) + 1;
  return { masked, redacted: merged?.redacted ?? {} };
}

/** A piece of masked text: plain text, a placeholder (`<PERSON_1>`) or a redaction marker (`[REDACTED EMAIL]`). */
export type MaskedPiece = { kind: 'text'; text: string } | { kind: 'placeholder' | 'redaction'; text: string; description: string };

const LABEL_TYPES = new Map<string, BuiltinPiiType>(PII_TYPES.map((type) => [PII_LABELS[type], type]));
const TOKEN = /<([A-Z][A-Z0-9_]*?)_(\d{1,6})>|\[REDACTED ([A-Z][A-Z0-9 ]*)\]/g;

function typeWords(label: string): string {
  const type = LABEL_TYPES.get(label);
  return type ? piiTypeWords(type) : `a match of the custom pattern “${label.toLowerCase()}”`;
}

/** Splits masked text into plain runs and tokens, each token with what it stands for in words. */
export function maskedPieces(text: string): MaskedPiece[] {
  const pieces: MaskedPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) pieces.push({ kind: 'text', text: text.slice(last, match.index) });
    const placeholder = match[1];
    if (placeholder !== undefined) pieces.push({ kind: 'placeholder', text: match[0], description: `placeholder for ${typeWords(placeholder)}` });
    else pieces.push({ kind: 'redaction', text: match[0], description: `${typeWords((match[3] ?? '').replace(/ /g, '_'))}, redacted` });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}
