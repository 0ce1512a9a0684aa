/**
 * The editor's Run tab: a form generated from the Input nodes (with validation), Run and live
 * steps, outputs as text, links to the run; a flow with compile errors is refused with its
 * problems; a reload in the middle of a run resumes it from its checkpoints ("Resumed after
 * reload") without re-running finished steps; a second tab watches the run progress.
 */
import type { Page } from '@playwright/test';
import { createControlClient } from '../test-support/control';
import { expect, test } from './fixtures';
import { SERVER_ORIGIN, axeSerious, greeterFlow, httpChainFlow, openApp, seedFlow, shot } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });
const control = createControlClient(`${SERVER_ORIGIN}/v1`);

test.beforeEach(async () => {
  await control.reset();
});

async function openRunTab(page: Page, flowId: string): Promise<void> {
  await page.goto(`/#/flows/${flowId}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  await expect(page.getByRole('region', { name: 'Run this flow' })).toBeVisible();
}

const steps = (page: Page) => page.getByRole('list', { name: 'Run steps' });
const statusLine = (page: Page) => page.locator('.run-status-line');

test('runs a flow from the Run tab with a generated form, shows steps and outputs, and links to the run', async ({ page }) => {
  const flow = greeterFlow();
  await openApp(page);
  await seedFlow(page, flow);
  await openRunTab(page, flow.id);
  const panel = page.getByRole('region', { name: 'Run this flow' });

  // The form: one control per Input field, typed, with the default filled in.
  await expect(panel.getByRole('textbox', { name: /^name/ })).toBeVisible();
  await expect(panel.getByRole('textbox', { name: /^count/ })).toHaveValue('2');
  await expect(panel.getByRole('checkbox', { name: 'loud' })).not.toBeChecked();
  await expect(panel.getByText('Who to greet')).toBeVisible();

  // Wrong values are named next to their fields, and nothing runs.
  await panel.getByRole('textbox', { name: /^count/ }).fill('lots');
  await panel.getByRole('textbox', { name: /^extra/ }).fill('{"a": ');
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(panel.getByText('name is required.')).toBeVisible();
  await expect(panel.getByText('count must be a number, such as 42 or 3.5; "lots" is not.')).toBeVisible();
  await expect(panel.getByText(/^extra must be valid JSON/)).toBeVisible();
  await expect(panel.getByRole('textbox', { name: /^name/ })).toBeFocused();
  await expect(statusLine(page)).toHaveText('Not run yet.');

  await panel.getByRole('textbox', { name: /^name/ }).fill('Ada <b>Lovelace</b>');
  await panel.getByRole('textbox', { name: /^count/ }).fill('3');
  await panel.getByRole('textbox', { name: /^extra/ }).fill('{"a": [1, 2]}');
  await panel.getByRole('checkbox', { name: 'loud' }).check();
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(statusLine(page)).toHaveText(/^Last run succeeded in /);
  await expect(steps(page).getByRole('listitem')).toHaveCount(3);
  await expect(steps(page).getByRole('listitem', { name: 'Step 2: Compose greeting, Succeeded' })).toBeVisible();
  const outputs = panel.getByRole('definition');
  // Output is text: the markup is shown, not rendered.
  await expect(outputs).toHaveText('Hello Ada <b>Lovelace</b>!');
  await expect(panel.locator('b')).toHaveCount(0);
  await shot(page, 'panel');
  expect(await axeSerious(page)).toEqual([]);

  // The run detail has the typed inputs.
  await panel.getByRole('link', { name: 'Run details' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Greeter' })).toBeVisible();
  const inputs = page.getByRole('definition').filter({ has: page.locator('pre') });
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
  await expect(inputs.first()).toBeVisible();
  await expect(page.getByLabel('Run inputs')).toContainText('3');
  await expect(page.getByLabel('Run inputs')).toContainText('"a": [');
  await expect(page.getByLabel('Run outputs')).toContainText('Hello Ada <b>Lovelace</b>!');
  await shot(page, 'detail');
  expect(await axeSerious(page)).toEqual([]);
});

test('refuses to run a flow with compile errors and lists them', async ({ page }) => {
  const flow = greeterFlow('e2e-broken');
  flow.name = 'Broken greeter';
  flow.edges = flow.edges.filter((e) => e.target !== 'out');
  await openApp(page);
  await seedFlow(page, flow);
  await openRunTab(page, flow.id);
  const panel = page.getByRole('region', { name: 'Run this flow' });
  const problems = panel.getByRole('alert').filter({ hasText: 'This flow cannot run until' });
  await expect(problems).toBeVisible();
  await expect(problems.getByRole('listitem').first()).toContainText('Greeting');
  await expect(panel.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
});

test('a reload in the middle of a run resumes it from its checkpoints, without re-running finished steps', async ({ page }) => {
  const flow = httpChainFlow();
  await control.script([
    { match: { contains: 'FIRST' }, content: 'first answer' },
    { match: { contains: 'SECOND' }, content: 'never seen', delayMs: 60_000 },
    { match: { contains: 'SECOND' }, content: 'second answer', delayMs: 3000 },
  ]);
  await openApp(page);
  await seedFlow(page, flow);
  await openRunTab(page, flow.id);
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('textbox', { name: /^topic/ }).fill('resume me');
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(steps(page).getByRole('listitem', { name: 'Step 4: Slow call, Running' })).toBeVisible();
  await expect(steps(page).getByRole('listitem', { name: 'Step 2: First call, Succeeded' })).toBeVisible();

  await page.reload();
  await page.getByRole('tab', { name: 'Run' }).click();
  await expect(statusLine(page)).toHaveText('Resumed after reload — running from its last checkpoint…');
  // What was typed is still there.
  await expect(page.getByRole('textbox', { name: /^topic/ })).toHaveValue('resume me');
  await expect(steps(page).getByRole('listitem', { name: 'Step 2: First call, Succeeded' })).toBeVisible();
  await expect(steps(page).getByRole('listitem', { name: 'Step 4: Slow call, Running' })).toBeVisible();
  await shot(page, 'panel-resumed');

  await expect(statusLine(page)).toHaveText(/^Last run succeeded in .*\(resumed after reload\)\.$/);
  await expect(page.getByRole('region', { name: 'Run this flow' }).getByLabel('Run outputs')).toContainText('200');

  // The finished first call did not run again; the interrupted second call did.
  const bodies = (await control.requests()).filter((r) => r.path === '/v1/chat/completions').map((r) => JSON.stringify(r.body));
  expect(bodies.filter((b) => b.includes('FIRST'))).toHaveLength(1);
  expect(bodies.filter((b) => b.includes('SECOND'))).toHaveLength(2);

  // The run detail says it was resumed.
  await page.getByRole('link', { name: 'Run details' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Resumed1×');
});

test('another tab watches a run live, and takes it over when the running tab closes', async ({ page, context }) => {
  const flow = httpChainFlow('e2e-http-watch');
  await control.script([
    { match: { contains: 'FIRST' }, content: 'first answer' },
    { match: { contains: 'SECOND' }, content: 'never seen', delayMs: 60_000 },
    { match: { contains: 'SECOND' }, content: 'second answer', delayMs: 500 },
  ]);
  await openApp(page);
  await seedFlow(page, flow);
  await openRunTab(page, flow.id);
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('textbox', { name: /^topic/ }).fill('watch me');
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(steps(page).getByRole('listitem', { name: 'Step 4: Slow call, Running' })).toBeVisible();

  const other = await context.newPage();
  await openRunTab(other, flow.id);
  await expect(statusLine(other)).toHaveText('Running in another tab — showing its progress here.');
  await expect(steps(other).getByRole('listitem', { name: 'Step 2: First call, Succeeded' })).toBeVisible();
  // The watching tab offers no second Run while the run goes on, only Cancel.
  await expect(other.getByRole('region', { name: 'Run this flow' }).getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await shot(other, 'panel-watching');

  await page.close();
  await expect(statusLine(other)).toHaveText(/^Last run succeeded in .*\(resumed after reload\)\.$/);
  await expect(steps(other).getByRole('listitem', { name: 'Step 5: Status, Succeeded' })).toBeVisible();
  const bodies = (await control.requests()).map((r) => JSON.stringify(r.body));
  expect(bodies.filter((b) => b.includes('FIRST'))).toHaveLength(1);
  expect(bodies.filter((b) => b.includes('SECOND'))).toHaveLength(2);
});
