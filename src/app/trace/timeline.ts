/**
 * The waterfall's geometry, as plain data: the time window shown (the whole run, or a span zoomed
 * into), the tick marks of its time axis with their labels (time since the run started), and
 * where each span's bar sits in the window — clipped at the window's edges, open-ended while the
 * span runs, and for model calls where the first token arrived. Positions are fractions of the
 * window (0..1), so the view scales them with CSS and never measures anything.
 */
import type { TraceSpan } from '../../engine/trace/spans';

export interface TimeWindow {
  /** Epoch ms: the run's start (tick labels count from here). */
  originMs: number;
  startMs: number;
  endMs: number;
}

export interface Tick {
  /** Milliseconds since the run started. */
  offsetMs: number;
  /** Fraction of the window, 0..1. */
  at: number;
  label: string;
}

export interface BarLayout {
  /** Fractions of the window, clamped to 0..1; width 0 for a span outside the window. */
  left: number;
  width: number;
  /** The span runs on past the window's start or end (cut off by a zoom). */
  clippedStart: boolean;
  clippedEnd: boolean;
  /** Still open (running, or waiting for a person): its end is `now`. */
  open: boolean;
  /** Entirely before or after the window. */
  outside: 'before' | 'after' | null;
  /** Model calls: where the first token arrived, as a fraction of the bar's visible width; null when unknown or cut off. */
  firstToken: number | null;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Tick steps people read easily, in ms. */
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY];

/** The smallest readable step giving at most about `target` ticks over `rangeMs`. */
export function tickStep(rangeMs: number, target = 6): number {
  const raw = Math.max(rangeMs, 1) / Math.max(target, 1);
  const found = STEPS.find((step) => step >= raw);
  if (found !== undefined) return found;
  const days = raw / DAY;
  const magnitude = 10 ** Math.floor(Math.log10(days));
  const nice = [1, 2, 5, 10].find((m) => m * magnitude >= days) ?? 10;
  return nice * magnitude * DAY;
}

/** An offset from the run's start as an axis label, as precise as the step needs: "0", "250 ms", "1.5 s", "2m", "1m 30s", "1h 30m". */
export function formatOffset(offsetMs: number, stepMs: number): string {
  const ms = Math.round(offsetMs);
  if (ms === 0) return '0';
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (stepMs < SECOND && abs < SECOND) return `${sign}${abs} ms`;
  if (stepMs < MINUTE && abs < MINUTE) {
    const decimals = stepMs % SECOND === 0 ? 0 : stepMs % 100 === 0 ? 1 : stepMs % 10 === 0 ? 2 : 3;
    return `${sign}${(abs / SECOND).toFixed(decimals)} s`;
  }
  const [big, small, bigUnit, smallUnit] = abs < HOUR ? [MINUTE, SECOND, 'm', 's'] : abs < DAY ? [HOUR, MINUTE, 'h', 'm'] : [DAY, HOUR, 'd', 'h'];
  const whole = Math.floor(abs / big);
  const rest = Math.round((abs % big) / small);
  return `${sign}${whole}${bigUnit}${rest ? ` ${rest}${smallUnit}` : ''}`;
}

/** The ticks of the window's axis: round offsets from the run's start that fall inside the window. */
export function timeAxis(window: TimeWindow, target = 6): Tick[] {
  const range = Math.max(window.endMs - window.startMs, 1);
  const step = tickStep(range, target);
  const from = window.startMs - window.originMs;
  const to = window.endMs - window.originMs;
  const ticks: Tick[] = [];
  for (let offset = Math.ceil(from / step) * step; offset <= to + 1e-9; offset += step) {
    ticks.push({ offsetMs: offset, at: (offset - from) / range, label: formatOffset(offset, step) });
  }
  return ticks;
}

/** The end of a span for drawing: its end, or `now` while it is open. */
export function spanEnd(span: Pick<TraceSpan, 'startMs' | 'endMs'>, now: number): number {
  return span.endMs ?? Math.max(now, span.startMs);
}

/** The whole run: from its start to the latest end of any span (open spans end `now`). */
export function fullWindow(spans: readonly TraceSpan[], now: number): TimeWindow {
  const root = spans[0];
  if (!root) return { originMs: now, startMs: now, endMs: now + 1 };
  let start = root.startMs;
  let end = spanEnd(root, now);
  for (const span of spans) {
    if (span.startMs < start) start = span.startMs;
    const e = spanEnd(span, now);
    if (e > end) end = e;
  }
  return { originMs: root.startMs, startMs: start, endMs: Math.max(end, start + 1) };
}

/** A window around one span, with a margin on each side (a tenth of its length, at least 1 ms). */
export function zoomWindow(span: Pick<TraceSpan, 'startMs' | 'endMs'>, originMs: number, now: number): TimeWindow {
  const end = spanEnd(span, now);
  const margin = Math.max((end - span.startMs) / 10, 1);
  return { originMs, startMs: span.startMs - margin, endMs: end + margin };
}

/** Where a span's bar sits in the window. */
export function barLayout(span: Pick<TraceSpan, 'startMs' | 'endMs' | 'kind' | 'llm'>, window: TimeWindow, now: number): BarLayout {
  const range = Math.max(window.endMs - window.startMs, 1);
  const start = span.startMs;
  const end = spanEnd(span, now);
  const open = span.endMs === null;
  const outside = end < window.startMs ? 'before' : start > window.endMs ? 'after' : null;
  const visibleStart = Math.max(start, window.startMs);
  const visibleEnd = Math.min(end, window.endMs);
  const left = outside === 'after' ? 1 : Math.min(Math.max((visibleStart - window.startMs) / range, 0), 1);
  const width = outside ? 0 : Math.max((visibleEnd - visibleStart) / range, 0);
  let firstToken: number | null = null;
  const ttft = span.kind === 'llm' ? span.llm?.ttftMs : null;
  if (ttft !== null && ttft !== undefined && !outside && visibleEnd > visibleStart) {
    const at = start + ttft;
    if (at >= visibleStart && at <= visibleEnd) firstToken = (at - visibleStart) / (visibleEnd - visibleStart);
  }
  return { left, width, clippedStart: start < window.startMs && !outside, clippedEnd: end > window.endMs && !outside, open, outside, firstToken };
}
