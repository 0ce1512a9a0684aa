/**
 * Runs list with 10,000 runs, in headless Chromium against the built app: seeds 10,000 runs into
 * the app's IndexedDB, then measures the time from opening the list to its first rows on screen
 * (median of in-app navigations, and of full page loads), and counts the DOM rows rendered.
 * Budget (DESIGN.md): open in <= 300 ms and render < 150 DOM rows.
 *
 * Call `runsListBenchmarks(notes)` from the bench runner; `npx tsx bench/runsList.ts` runs it alone.
 */
import type { Page } from '@playwright/test';
import { printTable, result, type BenchResult } from './lib';
import { median, withServedBuild } from './serve';

const PORT = Number(process.env.BENCH_RUNS_PORT ?? 4181);
const OUT_DIR = 'dist-bench-runs';
const RUNS = 10_000;
/** Writes `count` runs over 5 flows and 4 statuses straight into the app's database. */
async function seedRuns(page: Page, count: number): Promise<void> {
  await page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trellis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const statuses = ['succeeded', 'succeeded', 'succeeded', 'failed', 'cancelled'];
    const start = Date.now() - count * 60_000;
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['runs', 'flows'], 'readwrite');
      const runs = tx.objectStore('runs');
      for (let f = 0; f < 5; f++) {
        tx.objectStore('flows').put({ id: `bench-flow-${f}`, name: `Bench flow ${f}`, doc: null, createdAt: start, updatedAt: start, revision: 1 });
      }
      for (let i = 0; i < count; i++) {
        const status = statuses[i % statuses.length];
        const createdAt = start + i * 60_000;
        runs.put({
          id: `run_bench_${String(i).padStart(6, '0')}`,
          flowId: `bench-flow-${i % 5}`,
          flowName: `Bench flow ${i % 5}`,
          flowVersion: 'b'.repeat(64),
          status,
          inputs: { ticket: `Ticket number ${i}: my invoice shows the same charge twice, please refund the extra one.` },
          outputs: status === 'succeeded' ? { reply: `Thanks for writing in about ticket ${i}. We have refunded the duplicate charge.`, category: { branch: 'billing' } } : {},
          ...(status === 'failed' ? { error: { code: 'rate_limit', message: 'Provider is rate limiting requests (HTTP 429).', retryable: true }, failedStep: 2 } : {}),
          createdAt,
          startedAt: createdAt,
          finishedAt: createdAt + 1500 + (i % 700),
          resumes: 0,
          state: { visits: {}, loops: {} },
          totals: { inputTokens: 300 + (i % 50), outputTokens: 120, costUsd: 0.0004, llmCalls: 2 },
        });
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, count);
}

/** In the page: switches to the runs list and resolves with ms until its first rows are filled. */
function timeInAppOpen(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        // (No named helper functions in here: tsx would wrap them in a helper the page lacks.)
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-vt-row]:not(.vt-loading)') !== null && /10,000 runs/.test(document.querySelector('.lede')?.textContent ?? '')) {
            observer.disconnect();
            // The time the frame with the rows is painted.
            requestAnimationFrame(() => resolve(performance.now() - start));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        location.hash = '#/runs';
      }),
  );
}

export async function runsListBenchmarks(notes: string[]): Promise<BenchResult[]> {
  return withServedBuild({ outDir: OUT_DIR, port: PORT }, async (browser, origin) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${origin}/#/runs`);
    await page.waitForFunction(() => /\d+ runs? in this browser/.test(document.querySelector('.lede')?.textContent ?? ''));
    await seedRuns(page, RUNS);

    // In-app navigation: another page, then the list (what a person clicking "Runs" waits for).
    await page.goto(`${origin}/#/settings`);
    await page.reload();
    const inApp: number[] = [];
    for (let i = 0; i < 9; i++) {
      await page.evaluate(() => (location.hash = '#/settings'));
      await page.waitForFunction(() => document.querySelector('[data-vt-row]') === null);
      inApp.push(await timeInAppOpen(page));
    }
    const rows = await page.locator('[data-vt-row]').count();

    // Full page loads straight onto the list: navigation start to the first rows painted.
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${origin}/#/runs`);
      await page.waitForFunction(() => document.querySelector('[data-vt-row]:not(.vt-loading)') !== null);
      loads.push(await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())))));
    }

    // Scrolled to the middle: still few rows, and they fill in.
    await page.locator('.vt-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForFunction(() => document.querySelectorAll('[data-vt-row].vt-loading').length === 0);
    const rowsScrolled = await page.locator('[data-vt-row]').count();

    const openMs = median(inApp);
    const loadMs = median(loads);
    notes.push(
      `Runs list with ${RUNS.toLocaleString('en-US')} runs (Chromium): opens in ${openMs.toFixed(1)} ms from a click (median of ${inApp.length}; all: ${inApp.map((t) => t.toFixed(0)).join(', ')} ms), ` +
        `${loadMs.toFixed(0)} ms from a full page load (median of ${loads.length}); ${rows} DOM rows at the top, ${rowsScrolled} scrolled to the middle.`,
    );
    return [
      result(`runs list: open with ${RUNS.toLocaleString('en-US')} runs (Chromium)`, openMs, 'ms', 300),
      result(`runs list: DOM rows with ${RUNS.toLocaleString('en-US')} runs`, Math.max(rows, rowsScrolled), 'rows', 149),
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const notes: string[] = [];
  const results = await runsListBenchmarks(notes);
  printTable(results);
  for (const note of notes) console.log(`\n${note}`);
}
