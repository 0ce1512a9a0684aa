/**
 * Where a validator's findings sit in the checked output, as plain data: the output's fields
 * (a string, or the leaves of a JSON value named by their JSON pointer), the findings' spans
 * placed in them (a span whose text no longer matches its string is left unplaced), and each
 * field's text cut into segments, overlapping spans merged into one marked segment.
 */
import type { TextSpan, VerdictFinding } from '../../engine/validation';

export interface OutputField {
  /** JSON pointer of the leaf ('' for the value itself). */
  pointer: string;
  /** The pointer as a label ('body', 'items/0/text'), '' for the value itself. */
  label: string;
  /** The leaf: strings are highlighted, anything else is shown as JSON text. */
  value: unknown;
}

/** A JSON pointer's tokens: '/a/b~1c' -> ['a', 'b/c']. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(pointer.startsWith('/') ? 1 : 0)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

export function resolvePointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const token of pointerTokens(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(token)] : (current as Record<string, unknown>)[token];
  }
  return current;
}

/** The leaves of a value, depth first, at most `max` of them (a string or scalar is its own leaf). */
export function outputFields(value: unknown, max = 60): OutputField[] {
  const fields: OutputField[] = [];
  const walk = (inner: unknown, pointer: string) => {
    if (fields.length >= max) return;
    const entries = Array.isArray(inner) ? inner.map((v, i) => [String(i), v] as const) : inner !== null && typeof inner === 'object' ? Object.entries(inner) : null;
    if (entries && entries.length > 0) for (const [key, v] of entries) walk(v, `${pointer}/${escapeToken(key)}`);
    else fields.push({ pointer, label: pointer.slice(1), value: inner });
  };
  walk(value, '');
  return fields;
}

/** A finding with a span, numbered in the order given. */
export interface Claim {
  index: number;
  finding: VerdictFinding;
  span: TextSpan;
}

/** True when the span still points at its text in the value. */
export function spanMatches(value: unknown, span: TextSpan): boolean {
  const text = resolvePointer(value, span.path);
  return typeof text === 'string' && span.start >= 0 && span.start < span.end && span.end <= text.length && text.slice(span.start, span.end) === span.text;
}

/** The findings with spans, split into those placed in the value and those whose text no longer matches. */
export function placeClaims(value: unknown, findings: readonly VerdictFinding[]): { placed: Claim[]; unplaced: Claim[] } {
  const placed: Claim[] = [];
  const unplaced: Claim[] = [];
  findings.forEach((finding) => {
    if (!finding.span) return;
    const claim = { index: placed.length + unplaced.length, finding, span: finding.span };
    (value !== undefined && spanMatches(value, finding.span) ? placed : unplaced).push(claim);
  });
  return { placed, unplaced };
}

/** A piece of a field's text: plain (no claims) or marked with the claims covering it. */
export interface Segment {
  text: string;
  start: number;
  claims: Claim[];
}

/**
 * The text cut at the claims' spans: overlapping (or nested) spans are merged into one marked
 * segment carrying every claim in it; touching spans stay separate marks.
 */
export function segments(text: string, claims: readonly Claim[]): Segment[] {
  const sorted = [...claims].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const merged: Array<{ start: number; end: number; claims: Claim[] }> = [];
  for (const claim of sorted) {
    const last = merged.at(-1);
    if (last && claim.span.start < last.end) {
      last.end = Math.max(last.end, claim.span.end);
      last.claims.push(claim);
    } else merged.push({ start: claim.span.start, end: claim.span.end, claims: [claim] });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const mark of merged) {
    if (mark.start > at) out.push({ text: text.slice(at, mark.start), start: at, claims: [] });
    out.push({ text: text.slice(mark.start, mark.end), start: mark.start, claims: mark.claims });
    at = mark.end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), start: at, claims: [] });
  return out;
}

/** How many of the findings' spans match the value: picks the checked value among a step's inputs and outputs. */
export function matchingSpans(value: unknown, findings: readonly VerdictFinding[]): number {
  return findings.filter((f) => f.span && spanMatches(value, f.span)).length;
}
