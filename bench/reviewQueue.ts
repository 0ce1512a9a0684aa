/**
 * Review queue with 10,000 pending items, in headless Chromium against the built app: seeds
 * 10,000 items (over 4 flows and 3 reasons) into the app's IndexedDB, then measures the time from
 * opening the queue to its first cards on screen (median of in-app navigations, and of full page
 * loads), and counts the cards in the DOM. Budget (DESIGN.md): open in <= 300 ms and render
 * < 150 DOM rows. Then, on real runs of the support triage template paused at its review gate,
 * the time from an Approve click to the run leaving 'paused' (resuming), and to its end: a figure
 * with no budget in DESIGN.md.
 *
 * Call `reviewQueueBenchmarks(notes)` from the bench runner; `npx tsx bench/reviewQueue.ts` runs it alone
 * (BENCH_REVIEW_PORT picks the port, BENCH_REVIEW_ITEMS another queue size for a quick look).
 */
import type { Page } from '@playwright/test';
import { TICKETS, pendingItem, runTriage, seedReviews } from '../e2e/review-support';
import { printTable, result, type BenchResult } from './lib';
import { median, withServedBuild } from './serve';

const PORT = Number(process.env.BENCH_REVIEW_PORT ?? 4183);
const OUT_DIR = 'dist-bench-review';
const ITEMS = Number(process.env.BENCH_REVIEW_ITEMS ?? 10_000);
const RESUMES = 5;

async function seedQueue(page: Page, count: number): Promise<void> {
  const start = Date.now() - count * 60_000;
  const flows = ['Support ticket triage', 'Lead research', 'Invoice extraction', 'Contract summary'];
  for (let from = 0; from < count; from += 2000) {
    const batch = Array.from({ length: Math.min(2000, count - from) }, (_, k) => {
      const i = from + k;
      return pendingItem(i, {
        flowId: `bench-flow-${i % 4}`,
        flowName: flows[i % 4] as string,
        createdAt: start + i * 60_000,
        reason: i % 3 === 0 ? { kind: 'full' } : i % 3 === 1 ? { kind: 'sampled', rate: 0.2, draw: 0.05, seed: 'bench' } : { kind: 'forced', rules: ['Judge “Tone” scored 0.4, below 0.6'] },
      });
    });
    await seedReviews(page, batch.map((b) => b.item), batch.map((b) => b.run));
  }
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trellis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('settings', 'readwrite');
      tx.objectStore('settings').put({ key: 'reviewerName', value: 'Bench Reviewer' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

/** In the page: switches to the queue and resolves with ms until its first cards are painted. */
function timeInAppOpen(page: Page): Promise<number> {
  return page.evaluate(
    (lede) =>
      new Promise<number>((resolve) => {
        // (No named helper functions in here: tsx would wrap them in a helper the page lacks.)
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector('.rq-card[data-review-id]') !== null && (document.querySelector('.lede')?.textContent ?? '').startsWith(lede)) {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - start));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        location.hash = '#/review';
      }),
    `${ITEMS.toLocaleString('en-US')} outputs waiting`,
  );
}

/** Clicks Approve on the selected card and resolves with ms until the run leaves 'paused', and until it ends. */
function timeApprove(page: Page, runId: string): Promise<{ resumed: number; finished: number }> {
  return page.evaluate(
    (runId) =>
      new Promise<{ resumed: number; finished: number }>((resolve, reject) => {
        // (No named helper functions in here: tsx would wrap them in a helper the page lacks.)
        const request = indexedDB.open('trellis');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const button = document.querySelector<HTMLButtonElement>('.rq-card-selected .rq-button-approve');
          if (!button) return reject(new Error('no selected card to approve'));
          let resumed = -1;
          const start = performance.now();
          button.click();
          // Reads the run's status every 2 ms from this tab's own connection.
          const timer = setInterval(() => {
            const get = db.transaction('runs').objectStore('runs').get(runId);
            get.onsuccess = () => {
              const status = (get.result as { status: string } | undefined)?.status;
              const now = performance.now();
              if (status !== 'paused' && resumed < 0) resumed = now - start;
              if (status !== 'paused' && status !== 'running') {
                clearInterval(timer);
                db.close();
                resolve({ resumed, finished: now - start });
              }
            };
          }, 2);
        };
      }),
    runId,
  );
}

export async function reviewQueueBenchmarks(notes: string[]): Promise<BenchResult[]> {
  return withServedBuild({ outDir: OUT_DIR, port: PORT }, async (browser, origin) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, baseURL: origin });
    await page.goto(`${origin}/#/review`);
    await page.waitForFunction(() => /waiting for/.test(document.querySelector('.lede')?.textContent ?? ''));
    await seedQueue(page, ITEMS);

    // In-app navigation: another page, then the queue (what a person clicking "Review" waits for).
    await page.goto(`${origin}/#/settings`);
    await page.reload();
    const inApp: number[] = [];
    for (let i = 0; i < 9; i++) {
      await page.evaluate(() => (location.hash = '#/settings'));
      await page.waitForFunction(() => document.querySelector('.rq-card') === null);
      inApp.push(await timeInAppOpen(page));
    }
    const cards = await page.locator('.rq-card').count();

    // Full page loads straight onto the queue: navigation start to the first cards painted.
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${origin}/#/review`);
      await page.waitForFunction(() => document.querySelector('.rq-card[data-review-id]') !== null);
      loads.push(await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())))));
    }

    // Scrolled to the middle: still few cards, and they fill in.
    await page.locator('.rq-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForFunction(() => document.querySelector('.rq-card-loading') === null && document.querySelector('.rq-card[data-review-id]') !== null);
    const cardsScrolled = await page.locator('.rq-card').count();

    // Decision to resume, on real runs paused at the support triage template's review gate.
    await runTriage(page, TICKETS.slice(0, RESUMES), ITEMS + RESUMES, 'bench-triage');
    await page.goto(`${origin}/#/review?flow=bench-triage`);
    const resumed: number[] = [];
    const finished: number[] = [];
    for (let i = 0; i < RESUMES; i++) {
      const waiting = `${RESUMES - i} output${RESUMES - i === 1 ? '' : 's'} waiting`;
      await page.waitForFunction((text) => (document.querySelector('.lede')?.textContent ?? '').startsWith(text) && document.querySelector('.rq-card-selected') !== null, waiting);
      const reviewId = (await page.locator('.rq-card-selected').getAttribute('data-review-id')) as string;
      const times = await timeApprove(page, reviewId.split(':')[0] as string);
      resumed.push(times.resumed);
      finished.push(times.finished);
    }

    const openMs = median(inApp);
    const loadMs = median(loads);
    const n = ITEMS.toLocaleString('en-US');
    notes.push(
      `Review queue with ${n} pending items (Chromium): opens in ${openMs.toFixed(1)} ms from a click (median of ${inApp.length}; all: ${inApp.map((t) => t.toFixed(0)).join(', ')} ms), ` +
        `${loadMs.toFixed(0)} ms from a full page load (median of ${loads.length}); ${cards} cards in the DOM at the top, ${cardsScrolled} scrolled to the middle.`,
      `Review decision to resume (support triage on the demo model, ${RESUMES} runs, no budget in DESIGN.md): an Approve click to the run leaving 'paused' takes ${median(resumed).toFixed(1)} ms ` +
        `(median; all: ${resumed.map((t) => t.toFixed(0)).join(', ')} ms), to the run finishing ${median(finished).toFixed(1)} ms (the steps after the gate are deterministic). ` +
        'The decision is stored first, then the run is claimed under its lease and goes on from the gate.',
    );
    return [
      result(`review queue: open with ${n} items (Chromium)`, openMs, 'ms', 300),
      result(`review queue: DOM cards with ${n} items`, Math.max(cards, cardsScrolled), 'rows', 149),
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const notes: string[] = [];
  const results = await reviewQueueBenchmarks(notes);
  printTable(results);
  for (const note of notes) console.log(`\n${note}`);
}
