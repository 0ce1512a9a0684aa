import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../engine/trace/spans';
import { buildTree, parentIds, treeKey, visibleRows } from './traceRows';

function span(id: string, parentId: string | null): TraceSpan {
  return { id, parentId, kind: parentId === null ? 'run' : 'step', name: id, startMs: 0, endMs: 1, status: 'ok', depth: 0, inputTokens: 0, outputTokens: 0, costUsd: null };
}

// run ─ s1 ─ s1:llm:0
//          └ s1:tool:0
//     ─ s2
//     ─ s3 ─ s3:llm:0
const SPANS = [span('run', null), span('s1', 'run'), span('s1:llm:0', 's1'), span('s1:tool:0', 's1'), span('s2', 'run'), span('s3', 'run'), span('s3:llm:0', 's3')];
const ids = (rows: { span: TraceSpan }[]) => rows.map((r) => r.span.id);

describe('span tree', () => {
  it('gives levels, children and places among siblings', () => {
    const tree = buildTree(SPANS);
    expect(tree.map((r) => [r.span.id, r.level, r.children, r.posInSet, r.setSize])).toEqual([
      ['run', 1, 3, 1, 1],
      ['s1', 2, 2, 1, 3],
      ['s1:llm:0', 3, 0, 1, 2],
      ['s1:tool:0', 3, 0, 2, 2],
      ['s2', 2, 0, 2, 3],
      ['s3', 2, 1, 3, 3],
      ['s3:llm:0', 3, 0, 1, 1],
    ]);
    expect([...parentIds(tree)]).toEqual(['run', 's1', 's3']);
  });

  it('treats a span whose parent is missing as a root', () => {
    const tree = buildTree([span('run', null), span('orphan', 'gone')]);
    expect(tree[1]).toMatchObject({ level: 1, parent: -1, posInSet: 2, setSize: 2 });
  });

  it('hides the descendants of collapsed parents', () => {
    const tree = buildTree(SPANS);
    expect(ids(visibleRows(tree, new Set()))).toEqual(ids(tree));
    expect(ids(visibleRows(tree, new Set(['s1'])))).toEqual(['run', 's1', 's2', 's3', 's3:llm:0']);
    expect(ids(visibleRows(tree, new Set(['run', 's1'])))).toEqual(['run']);
    expect(ids(visibleRows(tree, parentIds(tree)))).toEqual(['run']);
  });
});

describe('tree grid keys', () => {
  const tree = buildTree(SPANS);
  const open = visibleRows(tree, new Set());

  it('moves up and down, jumps to the ends and by pages, and stops at the edges', () => {
    expect(treeKey(open, 0, 'ArrowDown', new Set())).toEqual({ kind: 'focus', index: 1 });
    expect(treeKey(open, 0, 'ArrowUp', new Set())).toEqual({ kind: 'focus', index: 0 });
    expect(treeKey(open, 6, 'ArrowDown', new Set())).toEqual({ kind: 'focus', index: 6 });
    expect(treeKey(open, 3, 'Home', new Set())).toEqual({ kind: 'focus', index: 0 });
    expect(treeKey(open, 3, 'End', new Set())).toEqual({ kind: 'focus', index: 6 });
    expect(treeKey(open, 1, 'PageDown', new Set(), 4)).toEqual({ kind: 'focus', index: 5 });
    expect(treeKey(open, 1, 'PageUp', new Set(), 4)).toEqual({ kind: 'focus', index: 0 });
  });

  it('collapses with Left, then goes to the parent; expands with Right, then goes to the first child', () => {
    expect(treeKey(open, 1, 'ArrowLeft', new Set())).toEqual({ kind: 'collapse', id: 's1' });
    expect(treeKey(open, 3, 'ArrowLeft', new Set())).toEqual({ kind: 'focus', index: 1 });
    expect(treeKey(open, 0, 'ArrowLeft', new Set())).toEqual({ kind: 'collapse', id: 'run' });
    const collapsed = new Set(['s1']);
    const rows = visibleRows(tree, collapsed);
    expect(treeKey(rows, 1, 'ArrowLeft', collapsed)).toEqual({ kind: 'focus', index: 0 });
    expect(treeKey(rows, 1, 'ArrowRight', collapsed)).toEqual({ kind: 'expand', id: 's1' });
    expect(treeKey(open, 1, 'ArrowRight', new Set())).toEqual({ kind: 'focus', index: 2 });
    expect(treeKey(open, 2, 'ArrowRight', new Set())).toEqual({ kind: 'none' });
    const allClosed = new Set(['run']);
    expect(treeKey(visibleRows(tree, allClosed), 0, 'ArrowLeft', allClosed)).toEqual({ kind: 'none' });
  });

  it('selects with Enter and Space, and leaves other keys alone', () => {
    expect(treeKey(open, 2, 'Enter', new Set())).toEqual({ kind: 'select', index: 2 });
    expect(treeKey(open, 2, ' ', new Set())).toEqual({ kind: 'select', index: 2 });
    expect(treeKey(open, 2, 'Tab', new Set())).toEqual({ kind: 'none' });
    expect(treeKey([], 0, 'ArrowDown', new Set())).toEqual({ kind: 'none' });
  });
});
