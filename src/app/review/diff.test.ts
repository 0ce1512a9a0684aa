import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, diffStats, MAX_CELLS, sideBySide, similarity, splitLines, type DiffLine } from './diff';

const compact = (lines: DiffLine[]) => lines.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`);

/** LCS length by plain recursion with memo: the reference for the table. */
function lcsLength(a: string[], b: string[]): number {
  const memo = new Map<string, number>();
  const go = (i: number, j: number): number => {
    if (i === a.length || j === b.length) return 0;
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const value = a[i] === b[j] ? go(i + 1, j + 1) + 1 : Math.max(go(i + 1, j), go(i, j + 1));
    memo.set(key, value);
    return value;
  };
  return go(0, 0);
}

describe('line diff', () => {
  it('marks the changed lines of a JSON edit, keeping line numbers of both sides', () => {
    const before = '{\n  "reply": "Hello",\n  "tone": "warm",\n  "refund": false\n}';
    const after = '{\n  "reply": "Hello, Sam",\n  "tone": "warm",\n  "refund": true,\n  "amount": 12\n}';
    const lines = diffLines(before, after);
    expect(compact(lines)).toEqual([' {', '-  "reply": "Hello",', '+  "reply": "Hello, Sam",', '   "tone": "warm",', '-  "refund": false', '+  "refund": true,', '+  "amount": 12', ' }']);
    expect(lines[3]).toEqual({ kind: 'same', text: '  "tone": "warm",', oldLine: 3, newLine: 3 });
    expect(lines[6]).toEqual({ kind: 'added', text: '  "amount": 12', newLine: 5 });
    expect(diffStats(lines)).toEqual({ added: 3, removed: 2 });
  });

  it('handles empty texts, identical texts and line endings', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(compact(diffLines('', 'a\nb'))).toEqual(['+a', '+b']);
    expect(compact(diffLines('a\nb', ''))).toEqual(['-a', '-b']);
    expect(compact(diffLines('a\r\nb', 'a\nb'))).toEqual([' a', ' b']);
    expect(splitLines('x\n')).toEqual(['x', '']);
  });

  it('pairs a block of removals with its additions in side-by-side rows', () => {
    const rows = sideBySide(diffLines('keep\nold 1\nold 2\nold 3\nend', 'keep\nnew 1\nend\nmore'));
    expect(rows).toEqual([
      { left: { line: 1, text: 'keep', kind: 'same' }, right: { line: 1, text: 'keep', kind: 'same' } },
      { left: { line: 2, text: 'old 1', kind: 'removed' }, right: { line: 2, text: 'new 1', kind: 'added' } },
      { left: { line: 3, text: 'old 2', kind: 'removed' } },
      { left: { line: 4, text: 'old 3', kind: 'removed' } },
      { left: { line: 5, text: 'end', kind: 'same' }, right: { line: 3, text: 'end', kind: 'same' } },
      { right: { line: 4, text: 'more', kind: 'added' } },
    ]);
  });

  it('puts an edited line beside its original when lines were added around it', () => {
    const line = 'Thank you for your message about the refund.';
    const rows = sideBySide(diffLines(`${line}\nBest,\nSupport`, `Dear Sam,\n${line} It is on its way.\nBest,\nSupport`));
    expect(rows.slice(0, 2)).toEqual([
      { right: { line: 1, text: 'Dear Sam,', kind: 'added' } },
      { left: { line: 1, text: line, kind: 'removed' }, right: { line: 2, text: `${line} It is on its way.`, kind: 'added' } },
    ]);
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('', '')).toBe(1);
    expect(similarity('abcd', 'xyz')).toBe(0);
    expect(similarity('aXa', 'aa')).toBeCloseTo(2 / 3);
  });

  it('rebuilds both texts and keeps a longest common subsequence (property)', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '', '  x', '}'), { maxLength: 14 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const lines = diffLines(before, after);
        expect(lines.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(splitLines(before));
        expect(lines.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(splitLines(after));
        expect(lines.filter((l) => l.kind === 'same')).toHaveLength(lcsLength(splitLines(before), splitLines(after)));
        const rows = sideBySide(lines);
        expect(rows.flatMap((r) => (r.left ? [r.left.text] : []))).toEqual(splitLines(before));
        expect(rows.flatMap((r) => (r.right ? [r.right.text] : []))).toEqual(splitLines(after));
      }),
      { numRuns: 400 },
    );
  });

  it('shows a huge middle changed throughout as replaced, still rebuilding both sides', () => {
    const side = Math.ceil(Math.sqrt(MAX_CELLS)) + 1;
    const before = Array.from({ length: side }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: side }, (_, i) => (i === 5 ? 'old 5' : `new ${i}`)).join('\n');
    const lines = diffLines(`head\n${before}\ntail`, `head\n${after}\ntail`);
    expect(diffStats(lines)).toEqual({ added: side, removed: side });
    expect(lines[0]?.kind).toBe('same');
    expect(lines[lines.length - 1]?.kind).toBe('same');
  });
});
