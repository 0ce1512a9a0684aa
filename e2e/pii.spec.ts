/**
 * PII never reaches a model unmasked, end to end in Chromium: a flow made from the support triage
 * template (masking on by default) runs on the OpenAI-compatible test server with a ticket full of
 * personal data. No planted value is in any request the server received; the drafter's reply
 * quotes a placeholder it was sent and the step's output has the name back; the trace shows the
 * masked prompt with its placeholders marked; the run shows what was masked, in counts. In the
 * flow settings, masking switched off hides the policy and undo brings it back. axe on both views.
 */
import type { Page } from '@playwright/test';
import { createControlClient } from '../test-support/control';
import { expect, test } from './fixtures';
import { SERVER_ORIGIN, axeSerious, openApp, useTestServer } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });
const control = createControlClient(`${SERVER_ORIGIN}/v1`);
const KEY = 'sk-trellis-pii-e2e-Qw8rT2yU6iO0pL4k';

const PLANTED = {
  person: 'Grace Hopper',
  email: 'grace.hopper@example.com',
  phone: '+1 415 555 0132',
  card: '4111 1111 1111 1111',
  ssn: '123-45-6789',
};
const TICKET = `My name is ${PLANTED.person} and I was charged twice for my subscription this month. Email me at ${PLANTED.email} or call ${PLANTED.phone}. The card was ${PLANTED.card}; my SSN is ${PLANTED.ssn} if you need it. Please refund one charge.`;
/** Every spelling of a planted value that would give it away. */
const GIVEAWAYS = [...Object.values(PLANTED), 'Grace', 'Hopper', 'grace.hopper', '4111111111111111', '1111 1111', '123456789', '45-6789', '4155550132', '555 0132'];

test.beforeEach(async () => {
  await control.reset();
  await control.setOptions({ apiKey: KEY });
});

async function createFromTemplate(page: Page, name: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flows', exact: true }).click();
  await page.getByRole('button', { name: 'From template' }).click();
  await page.getByRole('dialog', { name: 'Start from a template' }).getByRole('button', { name: `Use template: ${name}` }).click();
  await expect(page).toHaveURL(/#\/flows\/flow-[a-z0-9]{12}$/);
  return decodeURIComponent(page.url().split('/').pop() as string);
}

const flowSettings = (page: Page) => page.getByRole('region', { name: 'Flow settings' });

test('personal data in a ticket reaches the model only as placeholders, and comes back in the reply', async ({ page }) => {
  await openApp(page);
  await useTestServer(page, KEY);
  const flowId = await createFromTemplate(page, 'Support ticket triage');

  // The flow settings (nothing selected) show the policy: on, every kind masked.
  const settings = flowSettings(page);
  const pii = settings.getByRole('region', { name: 'Personal data (PII)' });
  const masking = pii.getByRole('switch', { name: 'Mask personal data before it leaves the browser' });
  await expect(masking).toBeChecked();
  const kinds = pii.getByRole('table', { name: 'What happens to each kind' });
  await expect(kinds.getByRole('row')).toHaveCount(1 + 8 + 1);
  await expect(kinds.getByRole('combobox', { name: 'Person name' })).toHaveValue('mask');
  await expect(kinds.getByRole('combobox', { name: 'Credit card' })).toHaveAccessibleDescription(/Luhn/);
  await expect(pii.getByRole('combobox', { name: 'Web requests with personal data' })).toHaveValue('block');
  await pii.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.screenshots/pii-flow-settings.png' });
  expect(await axeSerious(page)).toEqual([]);

  // The drafter answers with the placeholder it was sent.
  await control.script([{ match: { contains: 'Draft a reply to this customer' }, content: 'Dear <PERSON_1>, we have refunded the duplicate charge. A confirmation goes to <EMAIL_1> today.' }]);
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('textbox', { name: /^ticket/ }).fill(TICKET);
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(panel.locator('.run-status-line')).toHaveText(/^Waiting for review at “Review reply”/, { timeout: 20_000 });

  // What the model server received: placeholders, never a planted value.
  const chats = (await control.requests()).filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
  expect(chats.length).toBeGreaterThanOrEqual(2);
  for (const request of chats) {
    const body = JSON.stringify(request.body);
    expect(GIVEAWAYS.filter((value) => body.includes(value)), 'planted values in a request').toEqual([]);
    expect(body).toContain('<PERSON_1>');
    for (const placeholder of ['<EMAIL_1>', '<PHONE_1>', '<CREDIT_CARD_1>', '<SSN_1>']) expect(body).toContain(placeholder);
  }

  // The run: counts per step and for the run; the drafter's output has the name back.
  await panel.getByRole('link', { name: 'Run details' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Support ticket triage');
  const runUrl = page.url();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByRole('definition').filter({ hasText: 'Masked:' })).toHaveText('Masked: 1 email, 1 phone number, 1 card, 1 SSN, 1 person');
  await summary.screenshot({ path: '.screenshots/pii-run-summary.png' });
  const steps = page.getByRole('list', { name: 'Steps in plan order' });
  const draft = steps.locator(':scope > li').filter({ has: page.locator('.run-step-label', { hasText: /^Draft reply$/ }) });
  await draft.locator('summary').click();
  await expect(draft.locator('.pii-counts')).toHaveText('Personal data: Masked: 1 email, 1 phone number, 1 card, 1 SSN, 1 person');
  await expect(draft.locator('dl[aria-label="Draft reply: outputs"]')).toContainText('Dear Grace Hopper, we have refunded the duplicate charge. A confirmation goes to grace.hopper@example.com today.');
  await draft.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.screenshots/pii-run-detail.png' });
  expect(await axeSerious(page)).toEqual([]);

  // The trace: the drafter's model call shows the masked prompt, placeholders marked, and its counts.
  await page.getByRole('navigation', { name: 'Run views' }).getByRole('link', { name: 'Trace' }).click();
  const grid = page.getByRole('treegrid', { name: 'Spans of the run' });
  const calls = grid.locator('[role="row"][data-span-id][data-kind="llm"]');
  await expect(calls).toHaveCount(2);
  await calls.last().click();
  const detail = page.getByRole('region', { name: 'chat gpt-4o-mini' });
  await expect(detail.getByRole('definition').filter({ hasText: 'Masked:' })).toHaveText('Masked: 1 email, 1 phone number, 1 card, 1 SSN, 1 person');
  await detail.screenshot({ path: '.screenshots/pii-trace-call.png' });
  const user = detail.getByRole('list', { name: 'Messages sent' }).locator('.trace-msg-user').last();
  const person = user.locator('.pii-token-placeholder').filter({ hasText: '<PERSON_1>' }).first();
  await expect(person).toBeVisible();
  await expect(person).toHaveAttribute('title', "placeholder for a person's name");
  await expect(person.locator('.pii-token-description')).toHaveText(" (placeholder for a person's name)");
  await expect(user.locator('.pii-token-placeholder').filter({ hasText: '<CREDIT_CARD_1>' })).toHaveAttribute('title', 'placeholder for a credit card number');
  await expect(detail.getByRole('group', { name: 'Raw response' }).locator('.pii-token-placeholder')).toHaveText(['<PERSON_1>' + " (placeholder for a person's name)", '<EMAIL_1> (placeholder for an email address)']);
  const shown = await page.locator('main').innerText();
  expect(GIVEAWAYS.filter((value) => shown.includes(value)), 'planted values on the trace view').toEqual([]);
  await person.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.screenshots/pii-trace.png' });
  expect(await axeSerious(page)).toEqual([]);

  // Approved: the run's output is the re-identified reply.
  await page.goto('/#/review');
  const card = page.getByRole('feed', { name: 'Pending reviews' }).getByRole('article').first();
  await card.getByRole('group', { name: 'Decide' }).getByRole('button', { name: /^Approve/ }).click();
  await expect(card).toContainText('Dear Grace Hopper');
  await card.getByRole('textbox', { name: 'Your name' }).fill('Ada');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('feed', { name: 'Pending reviews' }).getByRole('article')).toHaveCount(0);
  await page.goto(runUrl);
  await expect(page.locator('dl[aria-label="Run outputs"]')).toContainText('Dear Grace Hopper, we have refunded the duplicate charge.', { timeout: 20_000 });

  // Masking off in the flow settings hides the policy; undo brings it back.
  await page.goto(`/#/flows/${flowId}`);
  await expect(masking).toBeChecked();
  await masking.press('Space');
  await expect(masking).not.toBeChecked();
  await expect(kinds).toHaveCount(0);
  await expect(pii).toContainText('Off: prompts and web requests are sent as they are, personal data included');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(masking).toBeChecked();
  await expect(kinds).toBeVisible();
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(kinds).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(kinds).toBeVisible();
});

test('the policy editor: an action per kind, custom patterns and hosts with their problems at the field, each edit one undo step', async ({ page }) => {
  await openApp(page);
  await createFromTemplate(page, 'Support ticket triage');
  const pii = flowSettings(page).getByRole('region', { name: 'Personal data (PII)' });
  const undo = page.getByRole('button', { name: 'Undo', exact: true });

  const card = pii.getByRole('combobox', { name: 'Credit card' });
  await card.selectOption('redact');
  await undo.click();
  await expect(card).toHaveValue('mask');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(card).toHaveValue('redact');

  // A custom pattern: added with a fresh name, its empty pattern a problem until typed.
  await pii.getByRole('button', { name: '+ Add pattern' }).click();
  const pattern1 = pii.getByRole('group', { name: /^Pattern 1/ });
  const name = pattern1.getByRole('textbox', { name: 'Name' });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('custom_1');
  const regex = pattern1.getByRole('textbox', { name: 'Pattern' });
  await expect(regex).toHaveAccessibleDescription('Pattern must not be empty');
  await name.fill('Employee');
  await expect(name).toHaveAccessibleDescription(/^Name must be snake_case/);
  await name.fill('employee_id');
  await regex.fill('EMP-\\d{6}');
  await expect(regex).not.toHaveAttribute('aria-invalid');
  await regex.fill('(a+)+');
  await expect(regex).toHaveAccessibleDescription(/repeats a group that repeats itself/);
  await regex.fill('EMP-\\d{6}');
  await pattern1.getByRole('combobox', { name: 'Action' }).selectOption('redact');
  await pii.getByRole('group', { name: 'Custom patterns (1)' }).screenshot({ path: '.screenshots/pii-custom-patterns.png' });

  // A host with its own rule.
  await pii.getByRole('combobox', { name: 'Web requests with personal data' }).selectOption('mask');
  await pii.getByRole('button', { name: '+ Add host' }).click();
  const host1 = pii.getByRole('group', { name: /^Host 1/ });
  await expect(host1.getByRole('textbox', { name: 'Host' })).toHaveAccessibleDescription(/^Host must be a host such as api\.example\.com/);
  await host1.getByRole('textbox', { name: 'Host' }).fill('api.example.com');
  await expect(host1.getByRole('combobox', { name: 'Action' })).toHaveValue('allow');
  await pii.getByRole('button', { name: '+ Add host' }).click();
  await pii.getByRole('group', { name: /^Host 2/ }).getByRole('textbox', { name: 'Host' }).fill('API.example.com');
  await expect(pii.getByRole('group', { name: /^Host 2/ }).getByRole('textbox', { name: 'Host' })).toHaveAccessibleDescription('"API.example.com" is listed twice (also host 1)');
  await pii.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.screenshots/pii-policy-editing.png', fullPage: false });
  expect(await axeSerious(page)).toEqual([]);

  // Removing is one step: undo puts the host back, redo removes it again.
  await pii.getByRole('button', { name: /^Remove Host 2/ }).click();
  await expect(pii.getByRole('group', { name: /^Host 2/ })).toHaveCount(0);
  await undo.click();
  await expect(pii.getByRole('group', { name: /^Host 2/ })).toHaveCount(1);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(pii.getByRole('group', { name: /^Host 2/ })).toHaveCount(0);
  // A burst of typing in a field is one step.
  await undo.click();
  await undo.click();
  await expect(pii.getByRole('group', { name: /^Host 2/ })).toHaveCount(1);
  await expect(pii.getByRole('group', { name: /^Host 2/ }).getByRole('textbox', { name: 'Host' })).toHaveValue('');
});
