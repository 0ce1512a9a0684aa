import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../engine/trace/spans';
import { barLayout, formatOffset, fullWindow, tickStep, timeAxis, zoomWindow } from './timeline';

function span(id: string, startMs: number, endMs: number | null, extra: Partial<TraceSpan> = {}): TraceSpan {
  return { id, parentId: id === 'run' ? null : 'run', kind: 'step', name: id, startMs, endMs, status: endMs === null ? 'running' : 'ok', depth: id === 'run' ? 0 : 1, inputTokens: 0, outputTokens: 0, costUsd: null, ...extra };
}

describe('time axis', () => {
  it('picks readable steps for any range', () => {
    expect(tickStep(1000)).toBe(200);
    expect(tickStep(600)).toBe(100);
    expect(tickStep(7_000)).toBe(2000);
    expect(tickStep(45_000)).toBe(10_000);
    expect(tickStep(5 * 60_000)).toBe(60_000);
    expect(tickStep(3 * 3_600_000)).toBe(30 * 60_000);
    expect(tickStep(40 * 86_400_000)).toBe(10 * 86_400_000);
    expect(tickStep(0)).toBe(1);
  });

  it('labels offsets as precisely as the step needs', () => {
    expect(formatOffset(0, 200)).toBe('0');
    expect(formatOffset(400, 200)).toBe('400 ms');
    expect(formatOffset(1200, 200)).toBe('1.2 s');
    expect(formatOffset(1250, 50)).toBe('1.25 s');
    expect(formatOffset(4000, 2000)).toBe('4 s');
    expect(formatOffset(90_000, 30_000)).toBe('1m 30s');
    expect(formatOffset(120_000, 60_000)).toBe('2m');
    expect(formatOffset(5_400_000, 1_800_000)).toBe('1h 30m');
    expect(formatOffset(2 * 86_400_000, 86_400_000)).toBe('2d');
    expect(formatOffset(-1500, 500)).toBe('−1.5 s');
  });

  it('puts ticks on round offsets from the run start, inside the window', () => {
    const ticks = timeAxis({ originMs: 10_000, startMs: 10_000, endMs: 11_000 });
    expect(ticks.map((t) => t.label)).toEqual(['0', '200 ms', '400 ms', '600 ms', '800 ms', '1.0 s']);
    expect(ticks.map((t) => t.at)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    // Zoomed into 1.15 s .. 1.65 s: ticks every 100 ms from 1.2 s, placed within the window.
    const zoomed = timeAxis({ originMs: 0, startMs: 1150, endMs: 1650 });
    expect(zoomed.map((t) => t.label)).toEqual(['1.2 s', '1.3 s', '1.4 s', '1.5 s', '1.6 s']);
    expect(zoomed[0]?.at).toBeCloseTo(0.1, 9);
  });
});

describe('windows and bars', () => {
  const spans = [span('run', 1000, 3000), span('a', 1000, 1500), span('b', 1400, null)];

  it('spans the whole run, open spans reaching now', () => {
    expect(fullWindow(spans, 2000)).toEqual({ originMs: 1000, startMs: 1000, endMs: 3000 });
    expect(fullWindow(spans, 5000)).toEqual({ originMs: 1000, startMs: 1000, endMs: 5000 });
    expect(fullWindow([], 5000)).toEqual({ originMs: 5000, startMs: 5000, endMs: 5001 });
  });

  it('places bars as fractions of the window, open ones ending now', () => {
    const window = fullWindow(spans, 2000);
    expect(barLayout(spans[1]!, window, 2000)).toEqual({ left: 0, width: 0.25, clippedStart: false, clippedEnd: false, open: false, outside: null, firstToken: null });
    expect(barLayout(spans[2]!, window, 2000)).toMatchObject({ left: 0.2, width: 0.3, open: true });
  });

  it('clips bars at a zoomed window and marks spans outside it', () => {
    const window = zoomWindow(spans[1]!, 1000, 2000); // 950 .. 1550
    expect(window).toEqual({ originMs: 1000, startMs: 950, endMs: 1550 });
    const run = barLayout(spans[0]!, window, 2000);
    expect(run).toMatchObject({ clippedStart: false, clippedEnd: true, outside: null });
    expect(run.left).toBeCloseTo(50 / 600, 9);
    expect(run.left + run.width).toBeCloseTo(1, 9);
    expect(barLayout(span('late', 1600, 1700), window, 2000)).toMatchObject({ outside: 'after', width: 0, left: 1 });
    expect(barLayout(span('early', 100, 200), window, 2000)).toMatchObject({ outside: 'before', width: 0, left: 0 });
  });

  it('marks the first token inside a model call bar, relative to its visible part', () => {
    const call = span('call', 1000, 2000, { kind: 'llm', llm: { index: 0, providerId: 'p', model: 'm', temperature: null, maxTokens: null, ttftMs: 250, finishReason: 'stop', messages: 2 } });
    expect(barLayout(call, { originMs: 1000, startMs: 1000, endMs: 3000 }, 0).firstToken).toBeCloseTo(0.25, 9);
    // Zoomed to 1500..2500: the first token is cut off.
    expect(barLayout(call, { originMs: 1000, startMs: 1500, endMs: 2500 }, 0).firstToken).toBeNull();
    // Zoomed to 1200..2500: the visible part is 1200..2000, the token at 1250.
    expect(barLayout(call, { originMs: 1000, startMs: 1200, endMs: 2500 }, 0).firstToken).toBeCloseTo(50 / 800, 9);
    expect(barLayout({ ...call, llm: { ...call.llm!, ttftMs: null } }, { originMs: 1000, startMs: 1000, endMs: 3000 }, 0).firstToken).toBeNull();
  });
});
