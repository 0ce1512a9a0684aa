/**
 * Geometry of the Trust page's chart (pure, so it is tested without a browser): scales, axis
 * ticks, and SVG paths for the review rate and the defect rate over executions. The defect line
 * has gaps where a window has no decisions, rather than inventing a value there.
 */
import type { SeriesPoint, Tier } from '../../engine/trust';

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const CHART_BOX: ChartBox = { width: 1000, height: 270, left: 60, right: 24, top: 26, bottom: 46 };

/** Round tick values between min and max (at most about `count`), on 1, 2 or 5 times a power of ten. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw);
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

export interface ChartGeometry {
  x: (execution: number) => number;
  y: (rate: number) => number;
  xTicks: number[];
  yTicks: number[];
  review: string;
  defect: string;
  /** Defect points with no neighbour on the line (windows with decisions between two without). */
  defectDots: { x: number; y: number }[];
  /** Where the tier changed between two points, and to what. */
  tierMarks: { x: number; tier: Tier }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

export function chartGeometry(points: readonly SeriesPoint[], box: ChartBox = CHART_BOX): ChartGeometry {
  const first = points[0]?.execution ?? 1;
  const last = points.at(-1)?.execution ?? 1;
  const lo = Math.min(first, last - 1);
  const innerW = box.width - box.left - box.right;
  const innerH = box.height - box.top - box.bottom;
  const x = (execution: number) => round(box.left + ((execution - lo) / Math.max(1, last - lo)) * innerW);
  const y = (rate: number) => round(box.top + (1 - rate) * innerH);
  const review = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.execution)} ${y(p.reviewRate)}`).join(' ');
  let defect = '';
  let drawing = false;
  for (const p of points) {
    if (p.defectRate === null) {
      drawing = false;
      continue;
    }
    defect += `${drawing ? ' L' : `${defect ? ' ' : ''}M`}${x(p.execution)} ${y(p.defectRate)}`;
    drawing = true;
  }
  const defectDots = points.flatMap((p, i) => {
    const alone = p.defectRate !== null && (points[i - 1]?.defectRate ?? null) === null && (points[i + 1]?.defectRate ?? null) === null;
    return alone ? [{ x: x(p.execution), y: y(p.defectRate ?? 0) }] : [];
  });
  const tierMarks: { x: number; tier: Tier }[] = [];
  points.forEach((p, i) => {
    const before = points[i - 1];
    if (before && before.tier !== p.tier) tierMarks.push({ x: x(p.execution), tier: p.tier });
  });
  const xTicks = niceTicks(Math.max(1, lo), last, 6).filter((t) => Number.isInteger(t) && t >= lo && t <= last);
  return { x, y, xTicks, yTicks: [0, 0.25, 0.5, 0.75, 1], review, defect, defectDots, tierMarks };
}

/** Thins points to at most `max` rows for the data table, keeping the first and the last. */
export function tableRows(points: readonly SeriesPoint[], max = 25): SeriesPoint[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)] as SeriesPoint);
}
