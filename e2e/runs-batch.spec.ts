/**
 * Dataset runs on the batch page: a batch a reload interrupted (saved as running, no tab holds
 * it) is resumed when its page opens — rows without a run start, an interrupted run resumes —
 * and completes with progress; results download as CSV and JSONL; a row opens its run detail.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { parseCsv } from '../src/app/runs/dataset/parse';
import { expect, test } from './fixtures';
import { axeSerious, greeterFlow, openApp, runRecord, seed, seedFlow, shot } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });

const flow = greeterFlow('e2e-batch-greeter');

async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('an interrupted dataset run of 50 rows resumes on its page, completes with progress, and downloads CSV and JSONL', async ({ page }) => {
  await openApp(page);
  await seedFlow(page, flow);
  const batchId = 'batch_e2e_resume';
  const inputs = Array.from({ length: 50 }, (_, i) => (i === 6 ? { count: '3' } : { name: `Ada ${i + 1}, "the first"` }));
  // Row 1 had finished and row 2 was running when the tab went away.
  const done = runRecord(flow, 'succeeded', Date.now() - 5000, { id: `${batchId}_r1`, batchId, inputs: inputs[0]!, outputs: { greeting: 'Hello Ada 1, "the first"!' } });
  const interrupted = runRecord(flow, 'running', Date.now() - 4000, { id: `${batchId}_r2`, batchId, inputs: inputs[1]!, outputs: {}, totals: { inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0 } });
  // The flow version the interrupted run points to, as the engine saved it.
  await seed(page, 'flowVersions', [{ hash: 'f'.repeat(64), flowId: flow.id, flow, createdAt: Date.now() - 5000 }]);
  await seed(page, 'runs', [done, interrupted]);
  await seed(page, 'batches', [
    {
      id: batchId,
      flowId: flow.id,
      flowName: flow.name,
      source: 'people.csv',
      mapping: { name: 'name', count: 'count' },
      concurrency: 4,
      total: 50,
      status: 'running',
      createdAt: Date.now() - 6000,
      runIds: [done.id, interrupted.id, ...Array.from({ length: 48 }, () => null)],
      doc: flow,
      inputs,
      inputNames: ['name', 'count', 'loud', 'extra'],
    },
  ]);

  await page.goto(`/#/batches/${batchId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Greeter');
  const progress = page.getByRole('progressbar', { name: /Dataset run progress/ });
  await expect(progress).toHaveAttribute('aria-valuemax', '50');
  await expect(page.getByRole('status').filter({ hasText: /Resumed after reload|Failed|Succeeded/ })).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', '50');
  await expect(progress).toHaveAttribute('aria-valuetext', '50 of 50 rows done, 49 succeeded, 1 failed');
  await expect(page.getByText(/^Finished: 49 succeeded, 1 of 50 rows failed in /)).toBeVisible();
  await shot(page, 'batch');

  // The interrupted run was resumed (not started again); the finished one was left alone.
  const runs = await page.evaluate(async (ids) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('trellis');
      request.onsuccess = () => resolve(request.result);
    });
    const store = db.transaction('runs').objectStore('runs');
    const get = (id: string) => new Promise<{ status: string; resumes: number; outputs: Record<string, unknown> }>((resolve) => {
      const request = store.get(id);
      request.onsuccess = () => resolve(request.result);
    });
    const out = [];
    for (const id of ids) out.push(await get(id));
    return out;
  }, [done.id, interrupted.id, `${batchId}_r3`]);
  expect(runs.map((r) => [r.status, r.resumes])).toEqual([
    ['succeeded', 0],
    ['succeeded', 1],
    ['succeeded', 0],
  ]);
  expect(runs[1]?.outputs).toEqual({ greeting: 'Hello Ada 2, "the first"!' });

  const table = page.getByRole('table', { name: 'Dataset run results' });
  await expect(page.getByText('Some rows failed').first()).toBeVisible();
  const failedRow = table.locator('[data-vt-row][data-status="failed"]');
  await expect(failedRow).toHaveCount(1);
  await expect(failedRow).toContainText('7');
  await expect(failedRow).toContainText('Person: Input "Person": field "name" is required');

  const csv = await downloaded(page, 'Download CSV');
  expect(csv.name).toBe('people-results.csv');
  const parsed = parseCsv(csv.text);
  expect(parsed.ok).toBe(true);
  if (parsed.ok) {
    expect(parsed.dataset.rows).toHaveLength(50);
    expect(parsed.dataset.columns).toEqual(['row', 'status', 'input.name', 'input.count', 'input.loud', 'input.extra', 'output.greeting', 'error', 'error_step', 'run_id']);
    expect(parsed.dataset.rows[2]).toMatchObject({ row: '3', status: 'succeeded', 'input.name': 'Ada 3, "the first"', 'output.greeting': 'Hello Ada 3, "the first"!', run_id: `${batchId}_r3` });
    expect(parsed.dataset.rows[6]).toMatchObject({ row: '7', status: 'failed', 'input.count': '3', error_step: 'Person' });
  }
  const jsonl = await downloaded(page, 'Download JSONL');
  expect(jsonl.name).toBe('people-results.jsonl');
  const lines = jsonl.text.trimEnd().split('\n').map((line) => JSON.parse(line) as { row: number; status: string; outputs: Record<string, unknown>; runId: string });
  expect(lines).toHaveLength(50);
  expect(lines[49]).toMatchObject({ row: 50, status: 'succeeded', outputs: { greeting: 'Hello Ada 50, "the first"!' }, runId: `${batchId}_r50` });

  expect(await axeSerious(page)).toEqual([]);

  // A row opens its run.
  await table.getByRole('link', { name: 'Open run of row 7' }).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${batchId}_r7$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Greeter' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Failed' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Dataset run' })).toHaveAttribute('href', `#/batches/${batchId}`);
  const steps = page.getByRole('list', { name: 'Steps in plan order' });
  const input = steps.locator('li[data-status="failed"]');
  await expect(input).toContainText('Person');
  await expect(input.getByRole('group')).toHaveAttribute('open', '');
  await expect(input).toContainText('field "name" is required');
  await expect(steps.locator('li[data-status="not_run"]')).toHaveCount(2);
  await shot(page, 'detail-failed');
  expect(await axeSerious(page)).toEqual([]);
});

test('a missing dataset run says so', async ({ page }) => {
  await openApp(page, '#/batches/nope');
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  await expect(page.getByText('There is no dataset run “nope” in this browser.')).toBeVisible();
});
