/**
 * The trace of one run: its totals, a legend, the waterfall (a tree grid of spans on a shared time
 * axis; collapsible, zoomable to a span) and the picked span's details beside it.
 */
import { useCallback, useMemo, useState } from 'react';
import type { ReviewItem, StepRecord } from '../../engine/run/types';
import type { Trace } from '../../engine/trace/spans';
import { SpanDetail } from './SpanDetail';
import { KIND_ICONS, KIND_MEANINGS, KIND_WORDS, modelsBySpan, spanTitles } from './spanText';
import { fullWindow, zoomWindow } from './timeline';
import { TraceTotals } from './TraceTotals';
import { buildTree, parentIds, visibleRows } from './traceRows';
import { Waterfall } from './Waterfall';

const LEGEND = ['step', 'llm', 'tool', 'validation', 'review'] as const;

export function TraceView({ trace, steps, reviews, now, live }: { trace: Trace; steps: readonly StepRecord[]; reviews: readonly ReviewItem[]; now: number; live: boolean }) {
  const { spans } = trace;
  const tree = useMemo(() => buildTree(spans), [spans]);
  const models = useMemo(() => modelsBySpan(spans), [spans]);
  const titles = useMemo(() => spanTitles(spans), [spans]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [zoomId, setZoomId] = useState<string | null>(null);

  const byId = useMemo(() => new Map(spans.map((s) => [s.id, s])), [spans]);
  const root = spans[0];
  const zoomed = zoomId ? byId.get(zoomId) : undefined;
  const timeWindow = useMemo(() => (zoomed && root ? zoomWindow(zoomed, root.startMs, now) : fullWindow(spans, now)), [zoomed, root, spans, now]);
  const selected = selectedId ? byId.get(selectedId) : undefined;

  const toggle = useCallback(
    (id: string, expand: boolean) => {
      setCollapsed((current) => {
        const next = new Set(current);
        if (expand) next.delete(id);
        else next.add(id);
        return next;
      });
      // Collapsing a parent of the focused row leaves the focus on that parent.
      if (!expand) {
        setFocusedId((focused) => {
          for (let at = focused ? byId.get(focused)?.parentId : null; at; at = byId.get(at)?.parentId) if (at === id) return id;
          return focused;
        });
      }
    },
    [byId],
  );
  const select = useCallback((id: string) => {
    setSelectedId(id);
    setFocusedId(id);
  }, []);
  // Closing the details puts the focus back on the row that was picked.
  const close = useCallback(() => {
    setSelectedId(null);
    const row = document.querySelector<HTMLElement>('.tw [role="row"][tabindex="0"]');
    row?.focus({ preventScroll: true });
  }, []);

  const parents = tree.filter((row) => row.children > 0).length;
  const priced = spans.some((s) => s.kind === 'llm' && s.costUsd !== null);
  return (
    <div className="trace">
      <TraceTotals totals={trace.totals} live={live} priced={priced} />
      <div className="trace-toolbar">
        <ul className="trace-legend" aria-label="Span kinds">
          {LEGEND.map((kind) => (
            <li key={kind} className={`trace-legend-item tw-k-${kind}`} title={KIND_MEANINGS[kind]}>
              <span className="trace-swatch" aria-hidden="true" />
              <span aria-hidden="true">{KIND_ICONS[kind]}</span> {KIND_WORDS[kind]}
            </li>
          ))}
          <li className="trace-legend-item trace-legend-ttft">
            <span className="trace-swatch trace-swatch-ttft" aria-hidden="true" />
            Lighter until the first token
          </li>
          <li className="trace-legend-item trace-legend-open">
            <span className="trace-swatch trace-swatch-open" aria-hidden="true" />
            Striped: still open
          </li>
        </ul>
        <div className="trace-actions">
          {zoomed ? (
            <button type="button" onClick={() => setZoomId(null)}>
              Show the whole run
            </button>
          ) : null}
          <button type="button" onClick={() => setCollapsed(new Set())} disabled={collapsed.size === 0}>
            Expand all
          </button>
          <button type="button" onClick={() => setCollapsed(parentIds(tree))} disabled={parents === 0 || collapsed.size === parents}>
            Collapse all
          </button>
        </div>
      </div>
      {zoomed ? (
        <p className="trace-zoom-note" role="status">
          Time axis zoomed to “{titles.get(zoomed.id) ?? zoomed.name}”; bars running past its edges are cut off.
        </p>
      ) : null}
      <div className={`trace-layout${selected ? ' trace-layout-open' : ''}`}>
        <Waterfall
          rows={rows}
          collapsed={collapsed}
          window={timeWindow}
          now={now}
          models={models}
          titles={titles}
          focusedId={focusedId}
          selectedId={selectedId}
          priced={priced}
          onFocus={setFocusedId}
          onSelect={select}
          onClose={close}
          onToggle={toggle}
        />
        {selected ? (
          <SpanDetail
            span={selected}
            title={titles.get(selected.id) ?? selected.name}
            steps={steps}
            reviews={reviews}
            originMs={timeWindow.originMs}
            now={now}
            zoomed={zoomId !== null && zoomId === selectedId}
            onZoom={(zoom) => setZoomId(zoom ? selected.id : null)}
            onClose={close}
          />
        ) : null}
      </div>
      {selected ? null : <p className="trace-hint">Click a span, or move to it with the arrow keys and press Enter, to see what was sent, what came back and what it cost.</p>}
    </div>
  );
}
