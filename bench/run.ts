/**
 * `npm run bench`: runs every benchmark, prints a table against the budgets in DESIGN.md and
 * writes bench-results.json (an array of { name, value, unit, budget, pass }).
 */
import { browserBenchmarks } from './browser';
import { bundleBenchmarks } from './bundle';
import { canvasBenchmarks } from './canvas';
import { runsListBenchmarks } from './runsList';
import { reviewQueueBenchmarks } from './reviewQueue';
import { traceBenchmarks } from './trace';
import { engineBenchmarks } from './engine';
import { groundingBenchmarks } from './grounding';
import { auditBenchmarks } from './audit';
import { piiBenchmarks } from './pii';
import { printTable, writeResults, type BenchResult } from './lib';

const results: BenchResult[] = [];
const notes: string[] = [];
results.push(...(await engineBenchmarks(notes)));
results.push(...(await groundingBenchmarks(notes)));
results.push(...(await auditBenchmarks(notes)));
results.push(...(await piiBenchmarks(notes)));
results.push(...(await browserBenchmarks(notes)));
results.push(...bundleBenchmarks(notes));
results.push(...(await canvasBenchmarks(notes)));
results.push(...(await runsListBenchmarks(notes)));
results.push(...(await reviewQueueBenchmarks(notes)));
results.push(...(await traceBenchmarks(notes)));
printTable(results);
for (const note of notes) console.log(`\n${note}`);
writeResults(results);
const failed = results.filter((r) => !r.pass);
console.log(failed.length ? `\n${failed.length} benchmark(s) over budget.` : '\nAll benchmarks within budget.');
