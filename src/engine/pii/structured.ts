/**
 * Detectors for the structured kinds: email, phone, credit card, SSN, IBAN and IP address. Each
 * finds candidates with a regular expression that cannot backtrack badly (separators between
 * digit groups are mandatory, repetitions are bounded) and then validates them in code: check
 * digits (Luhn, mod 97), number ranges (SSN areas, IPv4 octets), group shapes (phone formats) and
 * the label in front (an "Order" or "Invoice" number is not a phone number).
 */
import { IBAN_LENGTHS, ibanChecksumValid, luhnValid } from './checksums';
import { labelEndBefore, type Span } from './context';

// ---------------------------------------------------------------------------------------------
// Email

/** Local part @ domain labels . top-level domain; letters may be any script (internationalised addresses). */
const EMAIL = /(?<![\p{L}\p{N}_.%+-])[\p{L}\p{N}](?:[\p{L}\p{N}._%+-]{0,62}[\p{L}\p{N}_%+-])?@[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?)*\.\p{L}{2,24}(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])/gu;

export function detectEmails(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(EMAIL)) {
    if (match[0].includes('..')) continue;
    spans.push({ type: 'email', start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Digit-group runs, shared by phone numbers and cards

interface Group {
  /** Offset of the group's first character (a digit, or "(" / "+" for phone groups). */
  start: number;
  end: number;
  digits: string;
  /** The separator before this group ("" for the first group, or when glued to a ")"). */
  separator: string;
  parenthesised: boolean;
}

const GROUP_IN_RUN = /(\s?[./-]\s?|\s|)(?:\((\d+)\)|(\d+))/gy;

function groupsOf(text: string, start: number, end: number): Group[] {
  const groups: Group[] = [];
  const slice = text.slice(start, end);
  GROUP_IN_RUN.lastIndex = slice.startsWith('+') ? 1 : 0;
  for (let match = GROUP_IN_RUN.exec(slice); match; match = GROUP_IN_RUN.exec(slice)) {
    if (match[0] === '') break;
    const separator = (match[1] ?? '').trim() || (match[1] ? ' ' : '');
    const groupStart = start + match.index + (match[1] ?? '').length;
    groups.push({ start: groupStart, end: start + match.index + match[0].length, digits: match[2] ?? match[3] ?? '', separator, parenthesised: match[2] !== undefined });
  }
  GROUP_IN_RUN.lastIndex = 0;
  return groups;
}

const countDigits = (groups: readonly Group[]) => groups.reduce((sum, group) => sum + group.digits.length, 0);

/**
 * Scans a run of groups for windows of consecutive groups that `accept` takes, longest first from
 * each start, and never two overlapping windows.
 */
function acceptedWindows(groups: readonly Group[], accept: (window: readonly Group[]) => boolean): Array<readonly Group[]> {
  const found: Array<readonly Group[]> = [];
  for (let i = 0; i < groups.length; i += 1) {
    for (let j = groups.length; j > i; j -= 1) {
      const window = groups.slice(i, j);
      if (accept(window)) {
        found.push(window);
        i = j - 1;
        break;
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/** A run of digit groups that may be a phone number: +, (area), groups with single separators. */
const PHONE_RUN = /(?<![\w+./\\-])(?:\+\s?)?\(?\d+\)?(?:(?:\s?[./-]\s?|\s|(?<=\)))\(?\d+\)?){0,11}/g;
const PHONE_LABEL = /\b(?:(?:phone|tel|telephone|mobile|mob|cell|cellphone|fax|landline|ph|direct|hotline|contact|whats ?app)(?: line| number| no\.?| nr\.?| #)?|call(?:ed)?|text|sms|reach (?:me|him|her|us) (?:at|on))\b[.:#]?/gi;
const NOT_PHONE_LABEL = /(?:#|\b(?:order|orders|invoice|inv|ref|reference|ticket|case|tracking|shipment|account|acct|a\/c|id|no|nr|serial|s\/n|sn|sku|part|model|po|version|build|batch|lot|policy|claim|booking|confirmation|transaction|txn|receipt|iban|card|ssn|vat|tax|zip|postcode|postal code|member|membership|nhs|passport|licen[cs]e|registration|insurance)\b[.:#]?)/gi;
/** A code of letters and digits just before ("AA1 0123 4567"): the digits continue it, as in a tracking number. */
const CODE_BEFORE = /(?:^|\s)(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{2,} $/;

function isDateLike(groups: readonly Group[]): boolean {
  if (groups.length !== 3) return false;
  const lengths = groups.map((group) => group.digits.length).join(',');
  return (lengths === '2,2,4' || lengths === '4,2,2' || lengths === '2,2,2' || lengths === '1,1,4') && groups[1]!.separator !== ' ';
}

function isNanp(groups: readonly Group[]): boolean {
  const shape = groups.map((group) => group.digits.length).join(',');
  const core = shape === '1,3,3,4' ? groups.slice(1) : shape === '3,3,4' ? groups : null;
  if (!core || (shape === '1,3,3,4' && groups[0]!.digits !== '1')) return false;
  const [area, exchange, line] = core as [Group, Group, Group];
  if (!/^[2-9]/.test(area.digits) || !/^[2-9]/.test(exchange.digits) || line.parenthesised || exchange.parenthesised) return false;
  // 415-555-0132, 415.555.0132 and 415 555 0132 use one separator; (415) 555-0132 has its own.
  if (area.parenthesised) return exchange.separator === ' ' || exchange.separator === '';
  return exchange.separator !== '' && exchange.separator === line.separator && exchange.separator !== '/';
}

function phoneWindowValid(text: string, window: readonly Group[], labelled: boolean): boolean {
  const first = window[0]!;
  const digits = countDigits(window);
  if (digits < 7 || digits > 15) return false;
  if (labelled) return digits <= 15 && !isDateLike(window);
  // +44 20 7946 0958, +4930901820: a country code and at least 8 digits; unseparated only from 10.
  if (text[first.start - 1] === '+' || text[first.start - 2] === '+') return digits >= 8 && (window.length >= 2 || digits >= 10);
  // 0049 30 901820, 00 44 20 7946 0958: the international prefix, and always written in groups.
  if (first.digits.startsWith('00')) return digits - 2 >= 8 && window.length >= 2 && first.digits.length <= 5 && window.every((group, i) => i === 0 || group.separator === ' ');
  if (window.length < 2 || isDateLike(window)) return false;
  if (isNanp(window)) return true;
  // National formats with a trunk 0: 020 7946 0958, 07700 900123, 030 901820, 01 23 45 67 89, (030) 901820.
  return /^0[1-9]/.test(first.digits) && digits >= 9 && digits <= 12 && window.every((group, i) => i === 0 || group.digits.length >= 2);
}

export function detectPhones(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(PHONE_RUN)) {
    const runEnd = match.index + match[0].length;
    const groups = groupsOf(text, match.index, runEnd);
    // "0958 - 9am": a last group glued to letters is not part of the number.
    if (/[\p{L}_]/u.test(text[runEnd] ?? '')) groups.pop();
    if (groups.length === 0) continue;
    const phoneLabel = labelEndBefore(text, match.index, PHONE_LABEL, 24);
    const otherLabel = labelEndBefore(text, match.index, NOT_PHONE_LABEL, 24);
    if (otherLabel > phoneLabel || CODE_BEFORE.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
    // Four or more groups of four digits are a card number (valid or not), not a phone number.
    if (groups.filter((group) => group.digits.length === 4).length >= 4) continue;
    const wholeRun = (w: readonly Group[]) => w.length === groups.length;
    for (const window of acceptedWindows(groups, (w) => phoneWindowValid(text, w, phoneLabel >= 0 && wholeRun(w)))) {
      const first = window[0]!;
      const last = window[window.length - 1]!;
      let start = first.start;
      if (text[start - 1] === '+') start -= 1;
      else if (text[start - 2] === '+' && text[start - 1] === ' ') start -= 2;
      spans.push({ type: 'phone', start, end: last.end });
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Credit cards

const CARD_RUN = /(?<![\w./\\-])\d+(?:[ -]\d+){0,9}/g;

function cardWindowValid(window: readonly Group[]): boolean {
  const digits = window.map((group) => group.digits).join('');
  if (digits.length < 13 || digits.length > 19) return false;
  // Major networks' numbers start with 2-6 (Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard/Maestro, Discover/UnionPay).
  if (!/^[2-6]/.test(digits)) return false;
  const separators = new Set(window.slice(1).map((group) => group.separator));
  if (separators.size > 1 || window.slice(1).some((group) => group.digits.length < 3)) return false;
  return luhnValid(digits);
}

export function detectCards(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(CARD_RUN)) {
    const end = match.index + match[0].length;
    let groups = groupsOf(text, match.index, end);
    if (/[\p{L}_]/u.test(text[end] ?? '') || (text[end] === '.' && /\d/.test(text[end + 1] ?? ''))) groups = groups.slice(0, -1);
    for (const window of acceptedWindows(groups, cardWindowValid)) spans.push({ type: 'credit_card', start: window[0]!.start, end: window[window.length - 1]!.end });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// US Social Security numbers

const SSN = /(?<![\w-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w]|-\d)/g;
const SSN_LABEL = /\b(?:ssn|ss#|ss no|social security(?: number| no)?|social|ssa)\b[.:#]?/gi;

function ssnValid(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && !area.startsWith('9') && group !== '00' && serial !== '0000';
}

export function detectSsns(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(SSN)) {
    const [, area = '', separator, group = '', serial = ''] = match;
    if (!ssnValid(area, group, serial)) continue;
    if (separator !== '-' && labelEndBefore(text, match.index, SSN_LABEL, 24) < 0) continue;
    spans.push({ type: 'ssn', start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// IBAN

const IBAN_START = /(?<![A-Za-z0-9])([A-Z]{2})(\d{2})(?= ?[A-Z0-9])/g;

export function detectIbans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const length = IBAN_LENGTHS[match[1] ?? ''];
    if (!length) continue;
    let electronic = match[0];
    let position = match.index + match[0].length;
    while (electronic.length < length && position < text.length) {
      const char = text[position]!;
      if (/[A-Z0-9]/.test(char)) electronic += char;
      else if (!(char === ' ' && /[A-Z0-9]/.test(text[position + 1] ?? '') && electronic.length % 4 === 0)) break;
      position += 1;
    }
    if (electronic.length !== length || /[A-Za-z0-9]/.test(text[position] ?? '')) continue;
    if (ibanChecksumValid(electronic)) spans.push({ type: 'iban', start: match.index, end: position });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// IP addresses

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.-])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
/** "version 10.2.0.1", "build 4.1.0.12": a version number right after its word is not an address. */
const VERSION_BEFORE = /\b(?:version|ver|v|release|build|firmware|fw|sdk|rev|revision|oid|patch)[.:=]?\s*$/i;
/** Words that say the dotted number in the same sentence is a version, or an address. */
const VERSION_WORD = /\b(?:versions?|releases?|builds?|firmware|upgrade[ds]?|downgrade[ds]?|rolled back|roll back|patch(?:ed)?|semver)\b/gi;
const ADDRESS_WORD = /\b(?:ip|ips|ipv4|address(?:es)?|host|server|client|from|gateway|proxy|dns|subnet|router|balancer|node|peer|source|destination|src|dst|blocked|allow(?:ed)?|whitelist(?:ed)?|connect(?:ed|ion)?)\b/gi;

/** A dotted quad whose sentence speaks of versions nearer than of addresses ("build 10.2.0.1 was rolled back to 10.1.9.3"). */
function versionContext(text: string, start: number): boolean {
  if (VERSION_BEFORE.test(text.slice(Math.max(0, start - 20), start))) return true;
  const from = Math.max(0, start - 80);
  const sentenceStart = Math.max(from, ...[...text.slice(from, start).matchAll(/[.!?]\s|\n/g)].map((m) => from + m.index + m[0].length));
  const version = labelEndBefore(text, start, VERSION_WORD, start - sentenceStart);
  return version >= 0 && version > labelEndBefore(text, start, ADDRESS_WORD, start - sentenceStart);
}
const IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?:%[\w]+)?(?![\w:])/g;

const IPV4_EXACT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** Whether the text is an IPv6 address: 8 groups, or fewer with one "::", an IPv4 tail counting as 2. */
export function isIpv6(candidate: string): boolean {
  let address = candidate.replace(/%\w+$/, '');
  const ipv4 = /(?<=:)\d{1,3}(?:\.\d{1,3}){3}$/.exec(address);
  if (ipv4) {
    if (!IPV4_EXACT.test(ipv4[0])) return false;
    address = `${address.slice(0, ipv4.index)}0:0`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  if (halves.length === 1) return groups.length === 8;
  // Compressed: fewer than 8 groups; a lone word before "::" (like "Add::") is not taken for an address.
  return groups.length < 8 && (groups.length >= 2 || candidate === '::1');
}

export function detectIps(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(IPV4)) {
    // The unspecified address and netmasks (0.0.0.0, 255.255.255.0) point at nobody.
    if (match[0] === '0.0.0.0' || match[0].startsWith('255.')) continue;
    if (versionContext(text, match.index)) continue;
    spans.push({ type: 'ip_address', start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(IPV6_CANDIDATE)) {
    let candidate = match[0];
    // A sentence ending in an address ("... from fe80::1.") keeps its full stop out of the match.
    if (isIpv6(candidate)) spans.push({ type: 'ip_address', start: match.index, end: match.index + candidate.length });
    else if (candidate.endsWith(':') && !candidate.endsWith('::') && isIpv6((candidate = candidate.slice(0, -1)))) {
      spans.push({ type: 'ip_address', start: match.index, end: match.index + candidate.length });
    }
  }
  return spans;
}
