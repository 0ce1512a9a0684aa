/**
 * The waterfall: a tree grid (role treegrid) with one row per span — indented by depth,
 * collapsible parents, a bar on the shared time axis (first token marked in model calls), and
 * duration, tokens, cost and model. Rows have a fixed height and only those in view are rendered
 * (plus the focused one, so focus is never lost), so 2,000 spans cost what 40 do.
 * Keyboard (one row in the tab order, roving): Up/Down, Home/End, PageUp/PageDown move; Right
 * expands or goes to the first child; Left collapses or goes to the parent; Enter/Space select.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { TraceSpan } from '../../engine/trace/spans';
import { KIND_ICONS, KIND_WORDS, costCell, rowLabel, spanDurationText, spanModel, spanStatusText, tokensText } from './spanText';
import { barLayout, timeAxis, type TimeWindow } from './timeline';
import { treeKey, type TreeRow } from './traceRows';

export const ROW_HEIGHT = 30;
const INDENT = 16;

export interface WaterfallProps {
  rows: readonly TreeRow[];
  collapsed: ReadonlySet<string>;
  window: TimeWindow;
  now: number;
  models: ReadonlyMap<string, string[]>;
  /** Row titles by span id (spanTitles). */
  titles: ReadonlyMap<string, string>;
  focusedId: string | null;
  selectedId: string | null;
  onFocus(id: string): void;
  /** Some model call had a price: costs are shown (otherwise they are unknown, not $0). */
  priced: boolean;
  onSelect(id: string): void;
  /** Escape: close the details. */
  onClose(): void;
  onToggle(id: string, expand: boolean): void;
}

export function Waterfall({ rows, collapsed, window, now, models, titles, focusedId, selectedId, priced, onFocus, onSelect, onClose, onToggle }: WaterfallProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  const focusIndex = useMemo(() => {
    const i = focusedId ? rows.findIndex((row) => row.span.id === focusedId) : -1;
    return i >= 0 ? i : 0;
  }, [rows, focusedId]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return focusIndex < range.count && !indexes.includes(focusIndex) ? [...indexes, focusIndex].sort((a, b) => a - b) : indexes;
    },
    [focusIndex],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6, rangeExtractor });
  // As many ticks as the axis has room for labels: its width, watched (read after layout, never forced).
  const laneRef = useRef<HTMLSpanElement>(null);
  const [laneWidth, setLaneWidth] = useState(480);
  useLayoutEffect(() => {
    const lane = laneRef.current;
    if (!lane) return;
    const observer = new ResizeObserver(([entry]) => entry && setLaneWidth(entry.contentRect.width));
    observer.observe(lane);
    return () => observer.disconnect();
  }, []);
  const ticks = useMemo(() => timeAxis(window, Math.max(2, Math.floor(laneWidth / 64))), [window, laneWidth]);

  // After a key moved the focus, put the browser's focus on the row (it is rendered: see rangeExtractor).
  useLayoutEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    const id = rows[focusIndex]?.span.id;
    const element = id ? scrollRef.current?.querySelector<HTMLElement>(`[data-span-id="${CSS.escape(id)}"]`) : null;
    element?.focus({ preventScroll: true });
  }, [focusIndex, rows]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Escape' && selectedId) {
      event.preventDefault();
      onClose();
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const action = treeKey(rows, focusIndex, event.key, collapsed, page);
    if (action.kind === 'none') return;
    event.preventDefault();
    const current = rows[focusIndex];
    if (action.kind === 'focus') {
      const target = rows[action.index];
      if (!target) return;
      moved.current = true;
      onFocus(target.span.id);
      virtualizer.scrollToIndex(action.index, { align: 'auto' });
    } else if (action.kind === 'select') {
      if (current) onSelect(current.span.id);
    } else if (current) {
      moved.current = true;
      onToggle(action.id, action.kind === 'expand');
    }
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className="tw" role="treegrid" aria-label="Spans of the run" aria-rowcount={rows.length + 1} aria-colcount={6} aria-multiselectable="false">
      <div className="tw-head" role="rowgroup">
        <div className="tw-row tw-head-row" role="row" aria-rowindex={1}>
          <span className="tw-cell" role="columnheader">
            Span
          </span>
          <span className="tw-cell tw-track tw-axis" role="columnheader">
            <span className="sr-only">Timeline (time since the run started)</span>
            <span className="tw-lane" aria-hidden="true" ref={laneRef}>
              {ticks.map((tick) => (
                <span key={tick.offsetMs} className={`tw-tick${tick.at < 0.04 ? ' tw-tick-first' : tick.at > 0.96 ? ' tw-tick-last' : ''}`} style={{ left: `${tick.at * 100}%` }}>
                  {tick.label}
                </span>
              ))}
            </span>
          </span>
          <span className="tw-cell tw-num" role="columnheader">
            Duration
          </span>
          <span className="tw-cell tw-num" role="columnheader">
            Tokens in/out
          </span>
          <span className="tw-cell tw-num" role="columnheader">
            Cost
          </span>
          <span className="tw-cell" role="columnheader">
            Model
          </span>
        </div>
      </div>
      <div ref={scrollRef} className="tw-scroll" role="rowgroup" onKeyDown={onKeyDown}>
        <div className="tw-sizer" style={{ height: virtualizer.getTotalSize() }}>
          <div className="tw-gridlines" aria-hidden="true">
            {ticks.map((tick) => (
              <span key={tick.offsetMs} className="tw-gridline" style={{ left: `${tick.at * 100}%` }} />
            ))}
          </div>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <Row
                key={row.span.id}
                row={row}
                rowIndex={item.index}
                top={item.start}
                window={window}
                now={now}
                model={spanModel(row.span, models)}
                title={titles.get(row.span.id) ?? row.span.name}
                priced={priced}
                expanded={row.children > 0 ? !collapsed.has(row.span.id) : undefined}
                focused={item.index === focusIndex}
                selected={row.span.id === selectedId}
                onSelect={onSelect}
                onToggle={onToggle}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  row: TreeRow;
  rowIndex: number;
  top: number;
  window: TimeWindow;
  now: number;
  model: string;
  title: string;
  priced: boolean;
  expanded: boolean | undefined;
  focused: boolean;
  selected: boolean;
  onSelect(id: string): void;
  onToggle(id: string, expand: boolean): void;
}

const Row = memo(function Row({ row, rowIndex, top, window, now, model, title, priced, expanded, focused, selected, onSelect, onToggle }: RowProps) {
  const { span } = row;
  const status = spanStatusText(span);
  const showStatus = status.tone !== 'ok' || span.kind === 'validation' || span.kind === 'review';
  // A check's tokens and cost are those of the model calls listed beside it: shown in its details, not again here.
  const counted = span.kind !== 'validation';
  return (
    <div
      className={`tw-row tw-k-${span.kind} tw-tone-${status.tone}${selected ? ' tw-selected' : ''}`}
      role="row"
      aria-rowindex={rowIndex + 2}
      aria-level={row.level}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-expanded={expanded}
      aria-selected={selected}
      aria-label={rowLabel(span, title, window.originMs, now, model)}
      tabIndex={focused ? 0 : -1}
      data-span-id={span.id}
      data-kind={span.kind}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(span.id)}
    >
      <span className="tw-cell tw-name" role="gridcell" style={{ paddingLeft: 8 + (row.level - 1) * INDENT }}>
        {expanded === undefined ? (
          <span className="tw-toggle tw-toggle-leaf" aria-hidden="true" />
        ) : (
          <span
            className="tw-toggle"
            aria-hidden="true"
            title={expanded ? 'Collapse' : 'Expand'}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(span.id, !expanded);
            }}
          >
            {expanded ? '▾' : '▸'}
          </span>
        )}
        <span className="tw-kind">
          <span aria-hidden="true">{KIND_ICONS[span.kind]}</span> {KIND_WORDS[span.kind]}
        </span>
        <span className="tw-label" title={title}>
          {title}
        </span>
        {showStatus ? (
          // A check that passed or a review approved shows its icon only (its word is in the row's name and tooltip); anything else says it in words.
          <span className={`tw-status tw-status-${status.tone}`} title={status.word}>
            <span aria-hidden="true">{status.icon}</span>
            {status.tone === 'ok' ? null : ` ${status.word}`}
          </span>
        ) : null}
      </span>
      <span className="tw-cell tw-track" role="gridcell">
        <span className="tw-lane">
          <Bar span={span} window={window} now={now} />
        </span>
      </span>
      <span className="tw-cell tw-num" role="gridcell">
        {spanDurationText(span, now, true)}
      </span>
      <span className="tw-cell tw-num" role="gridcell">
        {counted ? tokensText(span) : ''}
      </span>
      <span className="tw-cell tw-num" role="gridcell">
        {counted && priced && span.costUsd !== null && span.inputTokens + span.outputTokens > 0 ? costCell(span.costUsd) : ''}
      </span>
      <span className="tw-cell tw-model" role="gridcell" title={model}>
        {model}
      </span>
    </div>
  );
});

function Bar({ span, window, now }: { span: TraceSpan; window: TimeWindow; now: number }) {
  const bar = barLayout(span, window, now);
  if (bar.outside) {
    return <span className={`tw-outside tw-outside-${bar.outside}`}>{bar.outside === 'before' ? '◂ earlier' : 'later ▸'}</span>;
  }
  const style = { left: `${bar.left * 100}%`, width: `${bar.width * 100}%` } as CSSProperties & Record<'--ft', string>;
  if (bar.firstToken !== null) style['--ft'] = `${bar.firstToken * 100}%`;
  const classes = ['tw-bar', bar.open ? 'tw-bar-open' : '', bar.clippedStart ? 'tw-bar-cut-start' : '', bar.clippedEnd ? 'tw-bar-cut-end' : '', bar.firstToken !== null ? 'tw-bar-ttft' : ''].filter(Boolean).join(' ');
  return (
    <span className={classes} style={style}>
      {bar.firstToken !== null ? <span className="tw-ttft" aria-hidden="true" /> : null}
    </span>
  );
}
