/**
 * Trace viewer with a 2,001-span run, in headless Chromium against the built app: seeds a run of
 * 400 agent steps (two model calls, a tool call and a check each) into the app's IndexedDB, then
 * measures the time from opening its trace to the first rows on screen (median of in-app
 * navigations from the run's overview, and of full page loads), and counts the DOM rows rendered
 * at the top, scrolled to the middle and at the end.
 * Budget (DESIGN.md's lists): open in <= 300 ms and render < 150 DOM rows.
 *
 * Call `traceBenchmarks(notes)` from the bench runner; `npx tsx bench/trace.ts` runs it alone
 * (BENCH_TRACE_PORT picks the port).
 */
import type { Page } from '@playwright/test';
import { BIG_RUN_ID, seedBigRun } from '../e2e/trace-support';
import { printTable, result, type BenchResult } from './lib';
import { median, withServedBuild } from './serve';

const PORT = Number(process.env.BENCH_TRACE_PORT ?? 4184);
const OUT_DIR = 'dist-bench-trace';
const STEPS = 400;
const ROW = '.tw [role="row"][data-span-id]';

/** In the page: switches to the trace and resolves with ms until its first rows and totals are painted. */
function timeInAppOpen(page: Page): Promise<number> {
  return page.evaluate(
    ({ hash, row }) =>
      new Promise<number>((resolve) => {
        // (No named helper functions in here: tsx would wrap them in a helper the page lacks.)
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector(row) !== null && /2,001/.test(document.querySelector('.trace-totals')?.textContent ?? '')) {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - start));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        location.hash = hash;
      }),
    { hash: `#/runs/${BIG_RUN_ID}/trace`, row: ROW },
  );
}

export async function traceBenchmarks(notes: string[]): Promise<BenchResult[]> {
  return withServedBuild({ outDir: OUT_DIR, port: PORT }, async (browser, origin) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${origin}/#/runs`);
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'trellis' && (d.version ?? 0) > 1));
    await seedBigRun(page, STEPS);

    // In-app navigation: the run's overview, then its Trace tab (what a person clicking "Trace" waits for).
    await page.goto(`${origin}/#/runs/${BIG_RUN_ID}`);
    await page.reload();
    const inApp: number[] = [];
    for (let i = 0; i < 9; i++) {
      await page.evaluate((id) => (location.hash = `#/runs/${id}`), BIG_RUN_ID);
      await page.waitForFunction((row) => document.querySelector(row) === null && document.querySelector('.run-summary') !== null, ROW);
      inApp.push(await timeInAppOpen(page));
    }
    const rows = await page.locator(ROW).count();

    // Full page loads straight onto the trace: navigation start to the first rows painted.
    const loads: number[] = [];
    await page.goto(`${origin}/#/runs/${BIG_RUN_ID}/trace`);
    for (let i = 0; i < 5; i++) {
      await page.reload();
      await page.waitForFunction((row) => document.querySelector(row) !== null, ROW);
      loads.push(await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())))));
    }

    // Scrolled to the middle and to the end: still few rows.
    const scroller = page.locator('.tw-scroll');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForFunction((row) => [...document.querySelectorAll(row)].some((el) => el.getAttribute('aria-rowindex') === '1002'), ROW);
    const rowsMiddle = await page.locator(ROW).count();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForFunction((row) => document.querySelector(`${row}[aria-rowindex="2002"]`) !== null, ROW);
    const rowsEnd = await page.locator(ROW).count();

    const openMs = median(inApp);
    const loadMs = median(loads);
    notes.push(
      `Trace viewer with ${STEPS * 5 + 1} spans (Chromium): opens in ${openMs.toFixed(1)} ms from the Trace tab (median of ${inApp.length}; all: ${inApp.map((t) => t.toFixed(0)).join(', ')} ms), ` +
        `${loadMs.toFixed(0)} ms from a full page load (median of ${loads.length}); ${rows} DOM rows at the top, ${rowsMiddle} in the middle, ${rowsEnd} at the end.`,
    );
    return [
      result(`trace viewer: open with ${STEPS * 5 + 1} spans (Chromium)`, openMs, 'ms', 300),
      result(`trace viewer: DOM rows with ${STEPS * 5 + 1} spans`, Math.max(rows, rowsMiddle, rowsEnd), 'rows', 149),
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const notes: string[] = [];
  const results = await traceBenchmarks(notes);
  printTable(results);
  for (const note of notes) console.log(`\n${note}`);
}
