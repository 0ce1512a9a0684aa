/** Shared helpers for benchmarks: timing, the results table and bench-results.json. */
import { writeFileSync } from 'node:fs';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The budget from DESIGN.md, in the same unit; `pass` is value <= budget. */
  budget: number;
  /** 'max' (the default): value <= budget passes; 'min': value >= budget passes (e.g. frames per second). */
  kind?: 'min';
  pass: boolean;
}

export function result(name: string, value: number, unit: string, budget: number, kind: 'max' | 'min' = 'max'): BenchResult {
  const rounded = Number(value.toPrecision(4));
  return { name, value: rounded, unit, budget, ...(kind === 'min' ? { kind } : {}), pass: kind === 'max' ? value <= budget : value >= budget };
}

/**
 * Median wall time of `fn` in ms over `runs` runs, after `warmup` runs. `prepare` runs before
 * each call, outside the timing (e.g. to hand `fn` a fresh document).
 */
export async function medianMs<T = void>(fn: (input: T) => unknown, runs: number, prepare?: () => T, warmup = Math.max(2, Math.ceil(runs / 5))): Promise<number> {
  // Two minor collections move what setup just built (e.g. a freshly parsed document) out of the
  // young generation, so the timing measures the work and not the copying of setup's objects.
  // Needs node --expose-gc; without it this does nothing.
  const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
  const next = () => {
    const input = prepare ? prepare() : (undefined as T);
    if (prepare && gc) {
      gc({ type: 'minor' });
      gc({ type: 'minor' });
    }
    return input;
  };
  for (let i = 0; i < warmup; i++) await fn(next());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = next();
    const start = performance.now();
    await fn(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [r.name, `${r.value} ${r.unit}`, `${r.kind === 'min' ? '>=' : '<='} ${r.budget} ${r.unit}`, r.pass ? 'pass' : 'FAIL']);
  const header = ['benchmark', 'measured', 'budget', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

export function writeResults(results: BenchResult[], path = 'bench-results.json'): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
