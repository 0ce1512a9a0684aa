/** PII types in words, for messages and findings: "an email address", "2 phone numbers". */
import type { BuiltinPiiType, PiiType } from './types';

const WORDS: Readonly<Record<BuiltinPiiType, [string, string, string]>> = {
  email: ['an', 'email address', 'email addresses'],
  phone: ['a', 'phone number', 'phone numbers'],
  credit_card: ['a', 'credit card number', 'credit card numbers'],
  ssn: ['a', 'US Social Security number', 'US Social Security numbers'],
  iban: ['an', 'IBAN', 'IBANs'],
  ip_address: ['an', 'IP address', 'IP addresses'],
  date_of_birth: ['a', 'date of birth', 'dates of birth'],
  person: ['a', "person's name", "people's names"],
};

function wordsOf(type: PiiType): [string, string, string] {
  if (Object.hasOwn(WORDS, type)) return WORDS[type as BuiltinPiiType];
  const name = type.slice('custom:'.length);
  return ['a', `match of the custom pattern "${name}"`, `matches of the custom pattern "${name}"`];
}

/** "an email address", or with a count: "1 email address", "3 email addresses". */
export function piiTypeWords(type: PiiType, count?: number): string {
  const [article, one, many] = wordsOf(type);
  if (count === undefined) return `${article} ${one}`;
  return `${count} ${count === 1 ? one : many}`;
}

/** "a, b and c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
