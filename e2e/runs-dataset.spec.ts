/**
 * Dataset runs from the editor's Run tab: malformed files are refused with the line of each
 * problem; a CSV of 50 rows (quoted commas and newlines, BOM) is mapped to the inputs by name,
 * runs with a concurrency setting and a progress bar, and its results download; Cancel stops
 * starting rows and cancels the runs in flight, and Resume finishes the rest.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { createControlClient } from '../test-support/control';
import { expect, test } from './fixtures';
import { SERVER_ORIGIN, axeSerious, greeterFlow, httpChainFlow, openApp, seedFlow, shot } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });
const control = createControlClient(`${SERVER_ORIGIN}/v1`);

test.beforeEach(async () => {
  await control.reset();
});

async function openDatasetTab(page: Page, flowId: string) {
  await page.goto(`/#/flows/${flowId}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('tab', { name: 'Dataset' }).click();
  return panel;
}

const file = (name: string, text: string) => ({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson', buffer: Buffer.from(text, 'utf8') });

test('a CSV of 50 rows is mapped, runs with progress, and its results download; bad files name their lines', async ({ page }) => {
  const flow = greeterFlow('e2e-dataset-greeter');
  await openApp(page);
  await seedFlow(page, flow);
  const panel = await openDatasetTab(page, flow.id);
  const picker = panel.getByLabel('Dataset file (CSV or JSONL)');

  await picker.setInputFiles(file('broken.csv', 'Name,Count\nAda,1\nBob,2,3\n"Cy,4\n'));
  const problems = panel.getByRole('alert').filter({ hasText: 'broken.csv cannot be used' });
  await expect(problems).toContainText('Line 3: 3 fields, but the header has 2 columns');
  await expect(problems).toContainText('Line 4: a quoted field is never closed');
  await picker.setInputFiles(file('broken.jsonl', '{"name":"Ada"}\n{"name":\n[1]\n'));
  await expect(panel.getByRole('alert')).toContainText('Line 2: not valid JSON');
  await expect(panel.getByRole('alert')).toContainText('Line 3: expected a JSON object');

  const lines = ['\uFEFFName,Count,Notes'];
  for (let i = 1; i <= 50; i++) lines.push(`"Person ${i}, Esq.",${i},"line one\nline ""two"""`);
  await picker.setInputFiles(file('people.csv', `${lines.join('\r\n')}\r\n\r\n`));
  await expect(panel.getByText('people.csv: 50 rows, 3 columns.')).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(panel.getByRole('combobox', { name: /^name/ })).toHaveValue('Name');
  await expect(panel.getByRole('combobox', { name: /^count/ })).toHaveValue('Count');
  await expect(panel.getByRole('combobox', { name: /^extra/ })).toHaveValue('');
  await panel.getByRole('combobox', { name: /^count/ }).selectOption('');
  await panel.getByRole('combobox', { name: /^count/ }).selectOption('Count');
  await panel.getByRole('spinbutton', { name: 'Rows at once' }).fill('5');
  await shot(page, 'dataset-mapped');
  expect(await axeSerious(page)).toEqual([]);

  await panel.getByRole('button', { name: 'Run 50 rows' }).click();
  const progress = panel.getByRole('progressbar', { name: 'Dataset run progress: people.csv' });
  await expect(progress).toHaveAttribute('aria-valuemax', '50');
  await expect(progress).toHaveAttribute('aria-valuenow', '50');
  await expect(progress).toHaveAttribute('aria-valuetext', '50 of 50 rows done, 50 succeeded, 0 failed');
  await expect(panel.getByText(/^Succeeded in /)).toBeVisible();
  await shot(page, 'dataset-done');

  await panel.getByRole('link', { name: 'Open the dataset run' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Greeter');
  await expect(page.getByText('5 at once')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('row,status,input.name,input.count,input.loud,input.extra,output.greeting,error,error_step,run_id');
  expect(csv).toContain('1,succeeded,"Person 1, Esq.",1,,,"Hello Person 1, Esq.!",,,');
  const [jsonlDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSONL' }).click()]);
  const rows = (await readFile(await jsonlDownload.path(), 'utf8')).trimEnd().split('\n');
  expect(rows).toHaveLength(50);
  expect(JSON.parse(rows[49] as string)).toMatchObject({ row: 50, status: 'succeeded', inputs: { name: 'Person 50, Esq.', count: '50' }, outputs: { greeting: 'Hello Person 50, Esq.!' } });
});

test('cancel stops starting rows and cancels the runs in flight; resume finishes the rest', async ({ page }) => {
  const flow = httpChainFlow('e2e-dataset-slow');
  // Every slow call waits until the test lets it go (by resetting the script).
  await control.script(Array.from({ length: 30 }, () => ({ match: { contains: 'SECOND' }, content: 'slow', delayMs: 60_000 })));
  await openApp(page);
  await seedFlow(page, flow);
  const panel = await openDatasetTab(page, flow.id);
  const lines = ['topic', ...Array.from({ length: 12 }, (_, i) => `topic ${i + 1}`)];
  await panel.getByLabel('Dataset file (CSV or JSONL)').setInputFiles(file('topics.csv', lines.join('\n')));
  await panel.getByRole('spinbutton', { name: 'Rows at once' }).fill('3');
  await panel.getByRole('button', { name: 'Run 12 rows' }).click();
  const progress = panel.getByRole('progressbar', { name: 'Dataset run progress: topics.csv' });
  await expect(progress).toHaveAttribute('aria-valuetext', '0 of 12 rows done, 0 succeeded, 0 failed, 3 running, 9 not started');
  // Cancel once the three runs in flight wait on their slow call (their first call is done).
  await expect.poll(async () => (await control.requests()).filter((r) => JSON.stringify(r.body).includes('SECOND')).length).toBe(3);
  await panel.getByRole('button', { name: 'Cancel dataset run' }).click();
  await expect(progress).toHaveAttribute('aria-valuetext', '3 of 12 rows done, 0 succeeded, 0 failed, 3 cancelled, 9 not started');
  await expect(panel.getByText(/^Cancelled in /)).toBeVisible();
  await shot(page, 'dataset-cancelled');

  await control.reset();
  await panel.getByRole('button', { name: 'Resume dataset run' }).click();
  await expect(progress).toHaveAttribute('aria-valuetext', '12 of 12 rows done, 12 succeeded, 0 failed');
  // The three cancelled runs were resumed, not started again: their first calls ran once.
  const requests = await control.requests();
  const firsts = requests.filter((r) => JSON.stringify(r.body).includes('FIRST'));
  expect(firsts).toHaveLength(9);
});
