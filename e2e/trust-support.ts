/**
 * Helpers for the trust spec: run the support triage template over a dataset from the editor's
 * Run tab, and read the app's IndexedDB (runs, batches, review items, trust records) directly,
 * so the spec can predict what the seeded sampling must do.
 */
import type { Page } from '@playwright/test';
import type { ReviewItem, RunRecord } from '../src/engine/run/types';
import type { BatchRow } from '../src/storage/db';
import type { TrustRow } from '../src/storage/trustRows';
import { expect } from './fixtures';

/** Every row of a store of the app's database. */
export function readAll<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (store) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trellis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

export async function trustRow(page: Page, key: string): Promise<TrustRow | undefined> {
  return (await readAll<TrustRow>(page, 'trust')).find((row) => row.key === key);
}

export async function pendingItems(page: Page, flowId: string): Promise<ReviewItem[]> {
  return (await readAll<ReviewItem>(page, 'reviews')).filter((item) => item.flowId === flowId && item.status === 'pending');
}

/** Billing tickets the demo model classifies as billing, so each reaches the drafter and its gate. */
export function billingTickets(count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, i) => `Billing question ${from + i}: I was charged twice for my subscription this month. Billing team, please refund the extra charge.`);
}

/**
 * Runs the flow (open in the editor) over `tickets` as a dataset run named `fileName`, 16 rows at
 * once, and waits until every row has run: each run either waits for review or has finished.
 * Returns the dataset run's run ids, by row.
 */
export async function runDataset(page: Page, flowId: string, tickets: string[], fileName: string): Promise<string[]> {
  await page.goto(`/#/flows/${flowId}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('tab', { name: 'Dataset' }).click();
  const jsonl = tickets.map((ticket) => JSON.stringify({ ticket })).join('\n');
  await panel.getByLabel('Dataset file (CSV or JSONL)').setInputFiles({ name: fileName, mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl, 'utf8') });
  await panel.getByRole('spinbutton', { name: 'Rows at once' }).fill('16');
  await panel.getByRole('button', { name: `Run ${tickets.length} rows` }).click();
  let runIds: string[] = [];
  await expect
    .poll(
      async () => {
        const batch = (await readAll<BatchRow>(page, 'batches')).find((b) => b.flowId === flowId && b.source === fileName);
        if (!batch || batch.runIds.some((id) => id === null)) return 'starting';
        runIds = batch.runIds as string[];
        const runs = (await readAll<RunRecord>(page, 'runs')).filter((run) => runIds.includes(run.id));
        return runs.length === tickets.length && runs.every((run) => run.status === 'paused' || run.status === 'succeeded') ? 'done' : 'running';
      },
      { timeout: 120_000, intervals: [250] },
    )
    .toBe('done');
  return runIds;
}

export const trustShot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `.screenshots/trust-${name}.png`, fullPage });
