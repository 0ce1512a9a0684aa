/**
 * PII detection: `detectPii(text, options)` lists the personal data in a text, sorted by start,
 * never two overlapping. Pure, synchronous and deterministic: the same text and options give the
 * same entities in Node, a worker and the page.
 *
 * Kinds (see each detector's file for the rules and the decoys it refuses):
 * - structured.ts: email; phone (international +44 20 7946 0958 / 0049 30 901820, NANP
 *   (415) 555-0132 / 415.555.0132, national 020 7946 0958; not years, dates, prices, or numbers
 *   labelled as orders, invoices, tickets); credit card (13-19 digits, spaces or dashes, network
 *   prefix 2-6 and Luhn); US SSN (AAA-GG-SSSS without the never-issued 000/666/9xx, 00, 0000; nine
 *   digits without dashes only after "SSN"); IBAN (country length and mod-97); IPv4 (octets 0-255,
 *   not "v1.2.3.4" or "version 10.0.0.1") and IPv6 (full and compressed, IPv4 tail).
 * - dates.ts: dates of birth (a date with a birth word near it; other dates are left alone).
 * - names.ts: person names by context.
 * - a flow's custom patterns (`custom:<name>`), compiled once by `compileCustomPatterns`.
 *
 * Names without a library. Weighed on this corpus (src/engine/pii/corpus) in Node, May 2026:
 * - compromise 14.17 (`nlp(text).people()`, needs its "three" build: 358 kB minified, 137 kB
 *   gzipped, so a lazy chunk): recall 0.79, precision 0.49 as returned (offsets include titles
 *   and trailing punctuation; trimmed, it still takes "Grant Application", "Bill Payment", "Olá!",
 *   "Trey Research" for people and misses Will, May, Hope, Ivy, Summer and Rose when they are
 *   names, and Jürgen Weiß, Priya Raghunathan, Kwame Mensah); 0.02-0.05 kB/ms, 40-80 times
 *   slower than all the rules here together.
 * - redact-pii 3.4: loads @google-cloud/dlp (Node gRPC) at import, so not in a browser; returns
 *   redacted text, not offsets; names from a case-insensitive list of 15,000 names (so "will",
 *   "may", "grant" everywhere) and any number of 4+ digits is redacted: it erased 72 of 149 decoys.
 * - @redactpii/node 1.0.17: a few regular expressions (US phone shapes, cards without Luhn, SSNs
 *   without ranges, names only after "Hi"/"Dear" and only two words or more), no offsets,
 *   optional telemetry to its vendor; it found 0 of 76 annotated names, 0 of 14 IPs, 20 of 36 phones.
 * So names come from rules in names.ts (cues, given- and family-name lists, repeated mentions),
 * which are synchronous, small and measured: see bench/pii.ts for precision and recall per type.
 * Two held-out sets were scored before they were used to fix anything: on the first (12
 * documents) names 0.70 recall / 0.88 precision, dates of birth 0.50 recall, structured kinds
 * 1.0 / 1.0; on the second (10 documents in run shapes: JSON, Markdown tables, chat exports, a
 * model's summary) structured recall 1.0 (22 of 22) with IP precision 0.57 (two version numbers
 * and 0.0.0.0) and phone precision 0.89 (an NHS number), names 0.76 recall / 1.0 precision (a JSON
 * field, a chat mention, a lowercase form value and "Mr de Jong" missed), dates of birth 2 of 2.
 * Expect figures like those on new kinds of text, not the 1.0 of the sets the rules were fixed on.
 * Known limit: a dotted quad with no version word near it ("the gateway is on 4.18.0.2") is taken
 * for an address.
 *
 * Overlaps: when two detections overlap, the one of the kind earlier in `PII_PRIORITY` wins, then
 * the longer, then the earlier. Check-digit and syntax-bound kinds come first because they are
 * the most certain; a flow's custom patterns next (the analyst wrote them for this data); then
 * dates of birth (a birth date is not a phone number), phones, and names, whose rules are the
 * weakest evidence.
 */
import type { Span } from './context';
import type { CustomPiiPattern } from './customPatterns';
import { detectDatesOfBirth } from './dates';
import { detectNamesByRules } from './names';
import { detectCards, detectEmails, detectIbans, detectIps, detectPhones, detectSsns } from './structured';
import { PII_TYPES, type BuiltinPiiType, type PiiEntity, type PiiType } from './types';

export interface DetectOptions {
  /** The built-in kinds to look for; all of them when absent. Custom patterns are always applied. */
  types?: readonly PiiType[];
  custom?: readonly CustomPiiPattern[];
}

/** Which kind wins an overlap, most trusted first ("custom" stands for every custom pattern). */
export const PII_PRIORITY = ['email', 'iban', 'credit_card', 'ssn', 'ip_address', 'custom', 'date_of_birth', 'phone', 'person'] as const;

const DETECTORS: Record<BuiltinPiiType, (text: string) => Span[]> = {
  email: detectEmails,
  phone: detectPhones,
  credit_card: detectCards,
  ssn: detectSsns,
  iban: detectIbans,
  ip_address: detectIps,
  date_of_birth: detectDatesOfBirth,
  person: detectNamesByRules,
};

function rank(type: PiiType): number {
  return PII_PRIORITY.indexOf(type.startsWith('custom:') ? 'custom' : (type as BuiltinPiiType));
}

function customSpans(text: string, pattern: CustomPiiPattern): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern.regex)) {
    if (match[0].length > 0) spans.push({ type: pattern.type, start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** Keeps the winners of overlaps (see the module comment) and sorts them by start. */
export function resolveOverlaps(spans: readonly Span[], length: number): Span[] {
  const ordered = [...spans].sort((a, b) => rank(a.type) - rank(b.type) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(length);
  const kept: Span[] = [];
  for (const span of ordered) {
    let free = span.end > span.start;
    for (let i = span.start; free && i < span.end; i += 1) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, span.start, span.end);
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function detectPii(text: string, options: DetectOptions = {}): PiiEntity[] {
  const types = options.types ?? PII_TYPES;
  const spans: Span[] = [];
  for (const type of PII_TYPES) if (types.includes(type)) spans.push(...DETECTORS[type](text));
  for (const pattern of options.custom ?? []) spans.push(...customSpans(text, pattern));
  return resolveOverlaps(spans, text.length).map((span) => ({ ...span, value: text.slice(span.start, span.end) }));
}

/** A detector ready for synchronous use; see `createPiiDetector`. */
export interface PiiDetector {
  detect(text: string, options?: DetectOptions): PiiEntity[];
}

/**
 * The detector a run uses: await it once per run, then call `detect` synchronously on each text.
 * Today it resolves at once with `detectPii` (everything is synchronous and bundled, a few kB); it
 * is async so that a lazily loaded part (a larger name list, a model) can join later without
 * changing callers.
 */
export async function createPiiDetector(): Promise<PiiDetector> {
  return { detect: detectPii };
}

// Custom patterns live in customPatterns.ts (the flow schema validates them without loading the detectors).
export { compileCustomPatterns, MAX_CUSTOM_PATTERNS, type CompiledCustomPatterns, type CustomPatternInput, type CustomPiiPattern } from './customPatterns';
