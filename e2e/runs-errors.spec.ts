/**
 * Provider errors in the Run tab, from the OpenAI-compatible test server through the real SDK:
 * a wrong key is named as such, with the step, provider, model and a way to Settings; a rate
 * limit shows the wait the provider asked for counting down, then the run goes on (to its review).
 */
import { supportTriageFlow } from '../src/engine/templates/supportTriage';
import { createControlClient } from '../test-support/control';
import { expect, test } from './fixtures';
import { SERVER_ORIGIN, axeSerious, openApp, runTriage, seedFlow, shot, useTestServer } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });
const SERVER = `${SERVER_ORIGIN}/v1`;
const control = createControlClient(SERVER);
const KEY = 'sk-trellis-runs-e2e-Qm4nX8pL2wR7tB3v9k1c';

test.beforeEach(async () => {
  await control.reset();
});

/** The browser logs failed HTTP responses as console errors; these tests provoke them on purpose. */
function allowHttpErrors(pageErrors: string[], statuses: string[]): void {
  const expected = statuses.map((s) => `console: Failed to load resource: the server responded with a status of ${s}`);
  for (const message of expected) expect(pageErrors, 'the browser logged the expected HTTP error').toContain(message);
  const rest = pageErrors.filter((error) => !expected.includes(error));
  pageErrors.splice(0, pageErrors.length, ...rest);
}

test('a wrong API key is reported as such, with the step, provider and model, and a way to Settings', async ({ page, pageErrors }) => {
  await control.setOptions({ apiKey: KEY });
  const flow = supportTriageFlow('e2e-triage-key');
  await openApp(page);
  await seedFlow(page, flow);
  await useTestServer(page, 'sk-wrong-key-000000000000');

  await runTriage(page, flow.id);
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await expect(panel.locator('.run-status-line')).toHaveText(/^Last run failed/);
  const error = panel.locator('.run-result .run-error');
  await expect(error.locator('.run-error-title')).toHaveText('Wrong or missing API key');
  await expect(error).toContainText('Test server rejected the API key (HTTP 401) for model "gpt-4o-mini"');
  await expect(error).toContainText('In step 3 “Classify ticket”');
  await expect(error.getByRole('link', { name: 'Open Settings' })).toHaveAttribute('href', '#/settings');
  const step = panel.getByRole('list', { name: 'Run steps' }).getByRole('listitem', { name: 'Step 3: Classify ticket, Failed' });
  await expect(step).toContainText('Provider: Test server · model: gpt-4o-mini · HTTP 401');
  // Never the key, not even the masked echo the server sends back.
  expect(await page.content()).not.toContain('sk-wrong-key');
  await shot(page, 'error-key');
  expect(await axeSerious(page)).toEqual([]);
  allowHttpErrors(pageErrors, ['401 (Unauthorized)']);
});

test('a rate limit shows the requested wait counting down, then the run goes on', async ({ page, pageErrors }) => {
  const flow = supportTriageFlow('e2e-triage-429');
  await control.script({ status: 429, error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' }, headers: { 'retry-after': '3' } });
  await openApp(page);
  await seedFlow(page, flow);
  await useTestServer(page, KEY);

  await runTriage(page, flow.id);
  const panel = page.getByRole('region', { name: 'Run this flow' });
  const step = panel.getByRole('list', { name: 'Run steps' }).getByRole('listitem', { name: 'Step 3: Classify ticket, Retrying' });
  await expect(step.locator('.run-error-title')).toHaveText('Rate limited by the provider');
  await expect(step).toContainText('It asks to wait 3 s.');
  await expect(step).toContainText('attempt 1 of 3');
  await expect(step.locator('.retry-countdown')).toHaveText(/^Retrying in [123] s$/);
  await shot(page, 'error-rate-limit');
  // The run goes on to the drafted reply, which waits for a person at the review gate.
  await expect(panel.locator('.run-status-line')).toHaveText(/^Waiting for review at “Review reply”/);
  await expect(panel.getByRole('list', { name: 'Run steps' }).getByRole('listitem', { name: /Draft reply, Succeeded$/ })).toContainText('Summary of your message');

  // The run detail keeps the failed attempt and the wait.
  await panel.getByRole('link', { name: 'Run details' }).click();
  const summary = page.getByLabel('Step 3: Classify ticket, Succeeded');
  const classify = page.getByRole('list', { name: 'Steps in plan order' }).locator('li', { has: summary });
  await summary.click();
  const attempts = classify.getByRole('table').first();
  await expect(attempts.getByRole('row')).toHaveCount(3);
  await expect(attempts.getByRole('row').nth(1)).toContainText('rate_limit: Test server is rate limiting requests (HTTP 429)');
  await expect(attempts.getByRole('row').nth(1)).toContainText('3.00 s');
  await expect(classify).toContainText('gpt-4o-mini');
  await shot(page, 'detail-retry');
  allowHttpErrors(pageErrors, ['429 (Too Many Requests)']);
});
