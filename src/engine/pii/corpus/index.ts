/**
 * The PII test corpus: documents written for Trellis (support tickets, emails, CRM and call notes,
 * forms, logs) with planted personal data of every built-in kind, and decoys that must not be
 * taken for it. All names, numbers and addresses are made up; card numbers and IBANs are built to
 * pass (or, as decoys, to fail) their check digits, and phone numbers use reserved or fictional
 * ranges where a country has them.
 *
 * Annotation: `pii` lists each entity's type and exact text; every occurrence of that text in the
 * document (as a whole word, case-sensitive) is an entity, except where it lies inside a longer
 * annotated one ("Dana" inside "Dana Whitfield") or inside a decoy. Offsets are computed by
 * `goldSpans`. `decoys` are texts no detection may touch ("Will this" where Will is also a name).
 */
import { withoutNested } from '../context';
import type { BuiltinPiiType } from '../types';
import { EMAILS } from './emails';
import { NOTES } from './notes';
import { TICKETS } from './tickets';

export interface CorpusDocument {
  id: string;
  kind: 'ticket' | 'email' | 'crm' | 'chat' | 'call' | 'form' | 'log' | 'doc';
  text: string;
  pii: ReadonlyArray<readonly [BuiltinPiiType, string]>;
  decoys?: readonly string[];
}

export interface GoldSpan {
  type: BuiltinPiiType;
  start: number;
  end: number;
  value: string;
}

export const CORPUS: readonly CorpusDocument[] = [...TICKETS, ...EMAILS, ...NOTES];

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}_]/u.test(char);

/** Every occurrence of `value` in `text` that does not continue a word on either side. */
export function occurrences(text: string, value: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    const end = at + value.length;
    const glued = (isWordChar(value[0]) && isWordChar(text[at - 1])) || (isWordChar(value[value.length - 1]) && isWordChar(text[end]));
    if (!glued) found.push([at, end]);
  }
  return found;
}

/** The annotated entities of a document with their offsets, sorted; throws on an annotation that is not in the text. */
export function goldSpans(doc: CorpusDocument): GoldSpan[] {
  const spans: GoldSpan[] = [];
  const decoys = (doc.decoys ?? []).flatMap((decoy) => occurrences(doc.text, decoy));
  for (const [type, value] of doc.pii) {
    const places = occurrences(doc.text, value);
    if (places.length === 0) throw new Error(`${doc.id}: "${value}" is not in the text`);
    for (const [start, end] of places) if (!decoys.some(([from, to]) => from < end && to > start)) spans.push({ type, start, end, value });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return withoutNested(spans);
}
