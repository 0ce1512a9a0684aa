/** Shared pieces of the detectors: the span a detector reports, and the label in front of a match. */
import type { PiiType } from './types';

/** A detector's finding before overlaps are resolved: offsets into the text, end exclusive. */
export interface Span {
  type: PiiType;
  start: number;
  end: number;
}

/**
 * Where the last match of `label` ends in the `window` characters before `position`, or -1.
 * `label` must be a global regular expression; matchAll works on a copy, so it keeps no state.
 */
export function labelEndBefore(text: string, position: number, label: RegExp, window: number): number {
  const from = Math.max(0, position - window);
  let end = -1;
  for (const match of text.slice(from, position).matchAll(label)) end = from + match.index + match[0].length;
  return end;
}


/** Drops the spans that lie inside an earlier one; `sorted` is by start, then longest first. */
export function withoutNested<T extends { start: number; end: number }>(sorted: readonly T[]): T[] {
  let reach = -1;
  return sorted.filter((span) => {
    const inside = span.end <= reach;
    reach = Math.max(reach, span.end);
    return !inside;
  });
}
