import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('the first page loads with the demo model plainly labelled and passes axe', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Support ticket triage' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Model provider: demo model, scripted and offline, not a real model/ })).toContainText('scripted, offline — not a real model');
  await expect(page.getByRole('list', { name: 'Plan steps' }).getByRole('listitem')).toHaveCount(9);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('runs the sample flow in the browser, and the run survives a reload', async ({ page }) => {
  await page.goto('/');
  const ticket = page.getByRole('textbox', { name: 'Ticket' });
  await ticket.fill('I have a billing question: my invoice shows the same charge twice.');
  await page.getByRole('button', { name: 'Run flow' }).click();
  await expect(page.locator('.run-status')).toHaveText(/^Last run succeeded in \d/, { timeout: 30_000 });

  const steps = page.getByRole('list', { name: 'Plan steps' });
  await expect(steps.getByRole('listitem', { name: /Normalise text, succeeded/ })).toBeVisible();
  await expect(steps.getByRole('listitem', { name: /Draft billing reply, succeeded/ })).toBeVisible();
  await expect(steps.getByRole('listitem', { name: /Draft technical reply, skipped/ })).toBeVisible();
  const reply = page.locator('.output', { hasText: 'reply' }).locator('pre');
  await expect(reply).toContainText('[Demo model');
  await expect(page.locator('.output', { hasText: 'category' }).locator('pre')).toContainText('"branch": "billing"');
  const runId = await page.locator('.meta code').innerText();

  await page.reload();
  await expect(page.locator('.run-status')).toHaveText(/^Last run succeeded in \d/);
  await expect(page.locator('.meta code')).toHaveText(runId);
  await expect(steps.getByRole('listitem', { name: /Draft billing reply, succeeded/ })).toBeVisible();
});
