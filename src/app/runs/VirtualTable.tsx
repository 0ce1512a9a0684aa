/**
 * A table that renders only the rows in view (@tanstack/react-virtual), so 10,000 rows cost the
 * same as 30. It keeps table semantics for assistive technology (role table/row/cell, row count
 * and index) and its scroll area is focusable so the keyboard can scroll it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column {
  key: string;
  header: string;
  /** A CSS grid track, e.g. 'minmax(0, 2fr)' or '110px'. */
  width: string;
  align?: 'start' | 'end';
}

export interface VirtualTableProps {
  label: string;
  columns: Column[];
  rowCount: number;
  rowHeight: number;
  /** The cells of a row, by column key; null while the row is not loaded. */
  row(index: number): Record<string, ReactNode> | null;
  /** Called with the range of rows in view (plus overscan), to load them. */
  onRange?(start: number, end: number): void;
  rowAttributes?(index: number): Record<string, string | undefined>;
  /** Height of the scroll area. */
  height: string;
  empty?: ReactNode;
  /** Scrolls row `index` into view, once per request object (a new object asks again). */
  scrollTo?: { index: number } | null;
}

export function VirtualTable({ label, columns, rowCount, rowHeight, row, onRange, rowAttributes, height, empty, scrollTo }: VirtualTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) onRange?.(first, last);
  }, [first, last, onRange]);
  const scrolled = useRef<object | null>(null);
  useEffect(() => {
    if (!scrollTo || scrolled.current === scrollTo || scrollTo.index >= rowCount) return;
    scrolled.current = scrollTo;
    virtualizer.scrollToIndex(scrollTo.index, { align: 'center' });
  }, [scrollTo, rowCount, virtualizer]);
  const template = columns.map((c) => c.width).join(' ');
  return (
    <div className="vt" role="table" aria-label={label} aria-rowcount={rowCount + 1}>
      <div className="vt-head" role="rowgroup">
        <div className="vt-row vt-header-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {columns.map((column) => (
            <span key={column.key} role="columnheader" className={`vt-cell vt-th${column.align === 'end' ? ' vt-end' : ''}`}>
              {column.header}
            </span>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="vt-scroll" style={{ height }} tabIndex={0} role="rowgroup" aria-label={`${label}, scrollable`}>
        {rowCount === 0 ? <div className="vt-empty">{empty}</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const cells = row(item.index);
            return (
              <div
                key={item.key}
                className={`vt-row${cells ? '' : ' vt-loading'}`}
                role="row"
                aria-rowindex={item.index + 2}
                data-vt-row=""
                {...(cells ? rowAttributes?.(item.index) : {})}
                style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${item.start}px)` }}
              >
                {columns.map((column, c) => (
                  <span key={column.key} role="cell" className={`vt-cell${column.align === 'end' ? ' vt-end' : ''}`}>
                    {cells ? cells[column.key] : c === 0 ? 'Loading…' : ''}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
