/**
 * The waterfall's rows, as plain data: the span tree (level, place among siblings, children)
 * built once per trace, the rows left visible when some parents are collapsed, and what a key
 * does in the tree grid (WAI-ARIA treegrid, one row focused at a time): Up/Down move, Home/End
 * and PageUp/PageDown jump, Right expands a collapsed parent or goes to its first child, Left
 * collapses an expanded parent or goes to the parent, Enter/Space select.
 */
import type { TraceSpan } from '../../engine/trace/spans';

export interface TreeRow {
  span: TraceSpan;
  /** aria-level: 1 for the run. */
  level: number;
  /** Index of the parent in the tree's rows, -1 for a root. */
  parent: number;
  children: number;
  /** 1-based place among its siblings, and how many siblings there are (aria-posinset/setsize). */
  posInSet: number;
  setSize: number;
}

/** The tree of spans (given parents first), in the same order. A span whose parent is missing becomes a root. */
export function buildTree(spans: readonly TraceSpan[]): TreeRow[] {
  const indexOf = new Map<string, number>();
  const rows: TreeRow[] = [];
  const siblings = new Map<number, number>();
  spans.forEach((span, i) => {
    const parent = span.parentId !== null ? (indexOf.get(span.parentId) ?? -1) : -1;
    const parentRow = rows[parent];
    const posInSet = (siblings.get(parent) ?? 0) + 1;
    siblings.set(parent, posInSet);
    if (parentRow) parentRow.children += 1;
    rows.push({ span, level: parentRow ? parentRow.level + 1 : 1, parent, children: 0, posInSet, setSize: 0 });
    indexOf.set(span.id, i);
  });
  for (const row of rows) row.setSize = siblings.get(row.parent) ?? 1;
  return rows;
}

/** The rows not hidden under a collapsed parent, in order. */
export function visibleRows(tree: readonly TreeRow[], collapsed: ReadonlySet<string>): TreeRow[] {
  if (collapsed.size === 0) return tree.slice();
  const hidden = new Uint8Array(tree.length);
  const rows: TreeRow[] = [];
  tree.forEach((row, i) => {
    const parent = tree[row.parent];
    if (parent && (hidden[row.parent] || collapsed.has(parent.span.id))) {
      hidden[i] = 1;
      return;
    }
    rows.push(row);
  });
  return rows;
}

/** The span ids of every parent: collapse all. */
export function parentIds(tree: readonly TreeRow[]): Set<string> {
  return new Set(tree.filter((row) => row.children > 0).map((row) => row.span.id));
}

export type TreeAction =
  | { kind: 'focus'; index: number }
  | { kind: 'expand'; id: string }
  | { kind: 'collapse'; id: string }
  | { kind: 'select'; index: number }
  | { kind: 'none' };

/**
 * What `key` does on the visible row `index`. `page` is how many rows a PageUp/PageDown moves.
 * Returns 'none' for keys the grid leaves alone (so Tab and shortcuts still work).
 */
export function treeKey(rows: readonly TreeRow[], index: number, key: string, collapsed: ReadonlySet<string>, page = 10): TreeAction {
  const last = rows.length - 1;
  if (last < 0) return { kind: 'none' };
  const at = Math.min(Math.max(index, 0), last);
  const row = rows[at] as TreeRow;
  const focus = (i: number): TreeAction => ({ kind: 'focus', index: Math.min(Math.max(i, 0), last) });
  switch (key) {
    case 'ArrowDown':
      return focus(at + 1);
    case 'ArrowUp':
      return focus(at - 1);
    case 'Home':
      return focus(0);
    case 'End':
      return focus(last);
    case 'PageDown':
      return focus(at + page);
    case 'PageUp':
      return focus(at - page);
    case 'ArrowRight':
      if (row.children === 0) return { kind: 'none' };
      return collapsed.has(row.span.id) ? { kind: 'expand', id: row.span.id } : focus(at + 1);
    case 'ArrowLeft': {
      if (row.children > 0 && !collapsed.has(row.span.id)) return { kind: 'collapse', id: row.span.id };
      if (row.parent < 0) return { kind: 'none' };
      const parentId = row.span.parentId;
      for (let i = at - 1; i >= 0; i--) if (rows[i]?.span.id === parentId) return focus(i);
      return { kind: 'none' };
    }
    case 'Enter':
    case ' ':
      return { kind: 'select', index: at };
    default:
      return { kind: 'none' };
  }
}
