/**
 * A line diff for "edit then approve": the original output against the reviewer's edit, from a
 * longest common subsequence of lines, and its side-by-side rows (removed lines on the left,
 * added on the right, paired row by row within a changed block).
 *
 * The common prefix and suffix are taken off first, so the table covers only the changed middle;
 * past MAX_CELLS (very large outputs changed throughout) the middle is shown as replaced whole
 * rather than spending seconds on the table.
 */

export type DiffKind = 'same' | 'removed' | 'added';

export interface DiffLine {
  kind: DiffKind;
  text: string;
  /** 1-based line number in the original (same, removed). */
  oldLine?: number;
  /** 1-based line number in the edit (same, added). */
  newLine?: number;
}

export interface DiffCell {
  line: number;
  text: string;
  kind: DiffKind;
}

export interface SideBySideRow {
  left?: DiffCell;
  right?: DiffCell;
}

export const MAX_CELLS = 4_000_000;

export function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n');
}

/** The edit script from `before` to `after`, in order; in a changed block removals come first. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  const same = (i: number, j: number) => out.push({ kind: 'same', text: a[i] as string, oldLine: i + 1, newLine: j + 1 });
  for (let i = 0; i < start; i++) same(i, i);
  middle(a, b, start, endA, endB, out);
  for (let i = endA, j = endB; i < a.length; i++, j++) same(i, j);
  return out;
}

function middle(a: string[], b: string[], start: number, endA: number, endB: number, out: DiffLine[]): void {
  const n = endA - start;
  const m = endB - start;
  const removed = (i: number) => out.push({ kind: 'removed', text: a[i] as string, oldLine: i + 1 });
  const added = (j: number) => out.push({ kind: 'added', text: b[j] as string, newLine: j + 1 });
  if (n === 0 || m === 0 || n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) removed(i);
    for (let j = start; j < endB; j++) added(j);
    return;
  }
  // lcs[i][j]: length of the LCS of a[start+i..endA) and b[start+j..endB), row-major, (n+1)x(m+1).
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[start + i] === b[start + j] ? (lcs[(i + 1) * width + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      out.push({ kind: 'same', text: a[start + i] as string, oldLine: start + i + 1, newLine: start + j + 1 });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number)) {
      removed(start + i);
      i++;
    } else {
      added(start + j);
      j++;
    }
  }
  for (; i < n; i++) removed(start + i);
  for (; j < m; j++) added(start + j);
}

/** Rows for two columns: unchanged lines side by side, a changed block's removals and additions paired. */
export function sideBySide(lines: readonly DiffLine[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let k = 0;
  while (k < lines.length) {
    const line = lines[k] as DiffLine;
    if (line.kind === 'same') {
      rows.push({ left: { line: line.oldLine as number, text: line.text, kind: 'same' }, right: { line: line.newLine as number, text: line.text, kind: 'same' } });
      k++;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (k < lines.length && (lines[k] as DiffLine).kind !== 'same') {
      const change = lines[k] as DiffLine;
      (change.kind === 'removed' ? removed : added).push(change);
      k++;
    }
    rows.push(...alignBlock(removed, added));
  }
  return rows;
}

/** Lines at least this similar are put side by side even when other lines come between them. */
const SIMILAR = 0.5;
/** Larger changed blocks are paired in order without looking for similar lines. */
const MAX_ALIGN = 10_000;

/** How alike two lines are, 0..1: their common start and end against the longer one. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return (prefix + suffix) / longest;
}

function cell(line: DiffLine): DiffCell {
  return line.kind === 'removed' ? { line: line.oldLine as number, text: line.text, kind: 'removed' } : { line: line.newLine as number, text: line.text, kind: 'added' };
}

/** Pairs lines in order; leftovers get a row of their own. */
function pairInOrder(removed: readonly DiffLine[], added: readonly DiffLine[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  for (let r = 0; r < Math.max(removed.length, added.length); r++) {
    const left = removed[r];
    const right = added[r];
    rows.push({ ...(left ? { left: cell(left) } : {}), ...(right ? { right: cell(right) } : {}) });
  }
  return rows;
}

/**
 * Rows for one changed block: similar lines (an edited line) side by side, found by the in-order
 * matching of greatest total similarity; the lines between two matches are paired in order.
 */
function alignBlock(removed: readonly DiffLine[], added: readonly DiffLine[]): SideBySideRow[] {
  const n = removed.length;
  const m = added.length;
  if (n === 0 || m === 0 || n === m || n * m > MAX_ALIGN) return pairInOrder(removed, added);
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  const sim = (i: number, j: number) => similarity((removed[i] as DiffLine).text, (added[j] as DiffLine).text);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim(i, j);
      const match = s >= SIMILAR ? s + (best[(i + 1) * width + j + 1] as number) : -1;
      best[i * width + j] = Math.max(match, best[(i + 1) * width + j] as number, best[i * width + j + 1] as number);
    }
  }
  const rows: SideBySideRow[] = [];
  let i = 0;
  let j = 0;
  let fromI = 0;
  let fromJ = 0;
  while (i < n && j < m) {
    const s = sim(i, j);
    if (s >= SIMILAR && best[i * width + j] === s + (best[(i + 1) * width + j + 1] as number)) {
      rows.push(...pairInOrder(removed.slice(fromI, i), added.slice(fromJ, j)));
      rows.push({ left: cell(removed[i] as DiffLine), right: cell(added[j] as DiffLine) });
      fromI = ++i;
      fromJ = ++j;
    } else if (best[i * width + j] === best[(i + 1) * width + j]) {
      i++;
    } else {
      j++;
    }
  }
  rows.push(...pairInOrder(removed.slice(fromI), added.slice(fromJ)));
  return rows;
}

export function diffStats(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === 'added') added++;
    else if (line.kind === 'removed') removed++;
  }
  return { added, removed };
}
