/**
 * The runs list: newest first, virtualized (only rows in view are in the page), filters by flow
 * and status reflected in the URL, links to the run detail; axe on the page.
 */
import { expect, test } from './fixtures';
import { axeSerious, greeterFlow, httpChainFlow, openApp, runRecord, seed, seedFlow, shot } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });

const greeter = greeterFlow();
const chain = httpChainFlow();

test('lists 600 runs newest first with few DOM rows, filters by flow and status through the URL, and passes axe', async ({ page }) => {
  await openApp(page);
  await seedFlow(page, greeter);
  await seedFlow(page, chain);
  const start = Date.UTC(2025, 0, 1);
  const statuses = ['succeeded', 'succeeded', 'failed', 'cancelled'] as const;
  const runs = Array.from({ length: 600 }, (_, i) => runRecord(i % 3 === 0 ? chain : greeter, statuses[i % 4] as (typeof statuses)[number], start + i * 60_000));
  await seed(page, 'runs', runs);
  await page.reload();

  const table = page.getByRole('table', { name: 'Runs' });
  await expect(page.getByText('600 runs in this browser, newest first.')).toBeVisible();
  const rows = table.locator('[data-vt-row]');
  await expect(rows.first()).not.toHaveClass(/vt-loading/);
  const newest = runs[runs.length - 1]!;
  await expect(rows.first().getByRole('link')).toHaveAttribute('href', `#/runs/${newest.id}`);
  expect(await rows.count()).toBeLessThan(150);
  await expect(table).toHaveAttribute('aria-rowcount', '601');
  await shot(page, 'list');

  // Scrolling far down loads the rows there, page by page.
  await table.locator('.vt-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  const oldest = runs[0]!;
  await expect(table.getByRole('link', { name: new RegExp(`^${oldest.flowName}`) }).last()).toHaveAttribute('href', `#/runs/${oldest.id}`);
  expect(await rows.count()).toBeLessThan(150);

  // Filter by flow, then status: the URL follows.
  await page.getByLabel('Flow').selectOption(chain.id);
  await expect(page).toHaveURL(new RegExp(`#/runs\\?flow=${chain.id}$`));
  await expect(page.getByText('200 runs match these filters, newest first.')).toBeVisible();
  await page.getByLabel('Status').selectOption('failed');
  await expect(page).toHaveURL(new RegExp(`#/runs\\?flow=${chain.id}&status=failed$`));
  await expect(page.getByText('50 runs match these filters, newest first.')).toBeVisible();
  await expect(rows.first()).not.toHaveClass(/vt-loading/);
  const shown = await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-status'), el.querySelector('a')?.textContent ?? '']));
  expect(shown.length).toBeGreaterThan(5);
  for (const [status, text] of shown) {
    expect(status).toBe('failed');
    expect(text).toContain('HTTP chain');
  }
  await expect(rows.first()).toContainText('Error: Input "Person": field "name" is required');
  await shot(page, 'list-filtered');

  // The URL alone restores the filters.
  await page.goto(`/#/runs?status=cancelled`);
  await expect(page.getByLabel('Status')).toHaveValue('cancelled');
  await expect(page.getByLabel('Flow')).toHaveValue('');
  await expect(page.getByText('150 runs match these filters, newest first.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/#\/runs$/);
  await expect(page.getByText('600 runs in this browser, newest first.')).toBeVisible();

  expect(await axeSerious(page)).toEqual([]);

  // A row opens its run.
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${newest.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: newest.flowName })).toBeVisible();
});

test('an empty list says how to get runs; a filter with no match says so', async ({ page }) => {
  await openApp(page);
  await expect(page.getByText('0 runs in this browser, newest first.')).toBeVisible();
  await expect(page.getByText(/No runs yet\. Open a flow/)).toBeVisible();
  await page.goto('/#/runs?status=failed');
  await expect(page.getByText('No runs match these filters.')).toBeVisible();
  await shot(page, 'list-empty');
});
