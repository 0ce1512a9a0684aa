/**
 * The review queue (#/review): cards oldest first, virtualized, filters in the URL, outputs as
 * text, the keyboard map and its help overlay, the empty state; axe on the queue, the edit view
 * and the overlay. Decisions on items from real runs of the support triage template (paused at
 * its review gate): approve, reject, edit and comment by keyboard, the run going on; a reload
 * loses nothing; two tabs racing on one item store exactly one decision.
 */
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { pendingItem, reviewShot, runStatus, runTriage, seedReviews, storedReview, TICKETS } from './review-support';
import { axeSerious, openApp } from './runs-support';
import { makeVerdict } from '../src/app/validation/verdictFixtures';

test.use({ viewport: { width: 1366, height: 900 } });

/** The verdicts carried by the first item: its schema passed, the judge caught it. */
const CHECKS = [
  makeVerdict({ layer: 'structure', validator: 'Reply schema', nodeId: 'schema', kind: 'schema_check', stepIndex: 1, score: null, threshold: null, label: 'matches the schema' }),
  makeVerdict({ validator: 'Tone', status: 'fail', score: 4, threshold: 7, label: 'score 4 of 10 (needs 7)', explanation: 'Curt, and it does not apologise.' }),
];

test('lists 400 pending items oldest first with few DOM cards, filters by flow, step and reason through the URL, and passes axe', async ({ page }) => {
  await openApp(page, '#/review');
  const start = Date.now() - 5 * 3_600_000;
  const seeded = Array.from({ length: 400 }, (_, i) => {
    const lead = i % 4 === 3;
    return pendingItem(i, {
      createdAt: start + i * 30_000,
      ...(lead ? { flowId: 'seed-leads', flowName: 'Lead research', gateNodeId: 'check_email', gateLabel: 'Check email', subjectLabel: 'Write outreach email' } : {}),
      ...(i % 5 === 1 ? { reason: { kind: 'sampled', rate: 0.2, draw: 0.0731, seed: 'a1b2c3' } } : {}),
      ...(i % 5 === 2 ? { reason: { kind: 'forced', rules: ['Judge “Tone” scored 0.42, below 0.6'] } } : {}),
      ...(i === 0 ? { output: { reply: '<img src=x onerror="window.__owned = 1"> Hello', refund: true, amount: 12.5 }, extra: { verdicts: CHECKS } } : {}),
    });
  });
  await seedReviews(page, seeded.map((s) => s.item), seeded.map((s) => s.run));
  await page.reload();

  await expect(page.getByText('400 outputs waiting for review, oldest first.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Review/ })).toContainText('400');
  const feed = page.getByRole('feed', { name: 'Pending reviews' });
  const cards = feed.getByRole('article');
  await expect(cards.first()).toContainText('Draft reply');
  expect(await cards.count()).toBeLessThan(150);
  expect(await page.locator('.rq-card').count()).toBeLessThan(20);
  // Only the feed scrolls: the page itself fits the window.
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);

  // The oldest first; its output is JSON shown as text (the markup is not rendered), with its
  // validator results and why it is here.
  const first = cards.first();
  await expect(first).toHaveAttribute('aria-current', 'true');
  await expect(first.locator('.rq-output')).toContainText('"reply": "<img src=x onerror=\\"window.__owned = 1\\"> Hello"');
  await expect(feed.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined();
  const layers = first.getByRole('group', { name: 'Validation layers of Draft reply' });
  await expect(layers.locator('.vl-summary')).toHaveText('✕Caught by Judge: score 4 of 10 (needs 7)');
  await expect(layers.getByRole('list', { name: 'Layers' }).locator('.vl-row-caught')).toContainText('Tone');
  await expect(first).toContainText('Full review (100%)');
  await expect(first.getByRole('link', { name: /Open run/ })).toHaveAttribute('href', `#/runs/${seeded[0]!.run.id}`);
  await expect(cards.nth(1)).toContainText('Sampled at 20%');
  await expect(cards.nth(1).getByRole('group', { name: /^Validation layers/ })).toHaveCount(0);

  // The input: one line, then expanded.
  await expect(first.locator('.rq-input-summary')).toContainText('ticket.text: Ticket 0: I was charged twice for my subscription');
  await first.getByRole('button', { name: 'Show input' }).click();
  await expect(first.locator('.rq-input-full')).toContainText('"branch": "billing"');
  await expect(first.getByRole('button', { name: 'Hide input' })).toHaveAttribute('aria-expanded', 'true');
  await reviewShot(page, 'queue');
  expect(await axeSerious(page)).toEqual([]);

  // The help overlay: the keys, focus kept inside while tabbing, Escape closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Review queue shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Approve the selected item/ })).toContainText('a');
  await expect(help.getByRole('row', { name: /Reject it/ })).toContainText('r');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await help.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await help.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await reviewShot(page, 'help');
  expect(await axeSerious(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Scrolled to the end: the newest item, still few cards.
  await page.locator('.rq-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(feed.locator(`[data-review-id="${seeded[399]!.item.id}"]`)).toBeVisible();
  expect(await page.locator('.rq-card').count()).toBeLessThan(20);

  // Filters: flow, then step, then reason; the URL follows and restores them.
  await page.getByLabel('Flow').selectOption('seed-leads');
  await expect(page).toHaveURL(/#\/review\?flow=seed-leads$/);
  await expect(page.getByText('100 outputs waiting for review match these filters, oldest first.')).toBeVisible();
  await page.getByLabel('Step').selectOption('check_email');
  await expect(page).toHaveURL(/#\/review\?flow=seed-leads&step=check_email$/);
  await page.getByLabel('Why').selectOption('forced');
  await expect(page).toHaveURL(/#\/review\?flow=seed-leads&step=check_email&reason=forced$/);
  await expect(page.getByText('20 outputs waiting for review match these filters, oldest first.')).toBeVisible();
  await expect(cards.first()).toContainText('Write outreach email');
  await expect(cards.first()).toContainText('Forced by a rule');
  await page.reload();
  await expect(page.getByLabel('Step')).toHaveValue('check_email');
  await expect(page.getByText('20 outputs waiting for review match these filters, oldest first.')).toBeVisible();
  await page.goto('/#/review?reason=sampled');
  await expect(page.getByText('80 outputs waiting for review match these filters, oldest first.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/#\/review$/);
  await expect(page.getByText('400 outputs waiting for review, oldest first.')).toBeVisible();
});

test('the empty queue says how items get here and what to do; a filter with no match says so', async ({ page }) => {
  await openApp(page, '#/review');
  await expect(page.getByRole('heading', { name: 'Nothing is waiting for review' })).toBeVisible();
  await expect(page.getByText(/Outputs come here from Review gates/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the flows library' })).toHaveAttribute('href', '#/flows');
  await expect(page.locator('.nav-count')).toHaveCount(0);
  await reviewShot(page, 'empty');
  expect(await axeSerious(page)).toEqual([]);

  await page.goto('/#/review?reason=forced');
  await expect(page.getByRole('heading', { name: 'Nothing matches these filters' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).toHaveURL(/#\/review$/);
});

const selectedCard = (page: Page) => page.locator('.rq-card-selected');
const selectedId = async (page: Page) => (await selectedCard(page).getAttribute('data-review-id')) as string;
const runOf = (reviewId: string) => reviewId.split(':')[0] as string;

test('a reviewer goes through real paused runs by keyboard: approve, reject with a reason, edit with a diff, comment; a reload loses nothing', async ({ page }) => {
  await openApp(page, '#/review');
  await runTriage(page, TICKETS);
  await page.goto('/#/review');
  await expect(page.getByText('6 outputs waiting for review, oldest first.')).toBeVisible();
  const feed = page.getByRole('feed', { name: 'Pending reviews' });

  // No name is saved: the first approval asks for it inline, saves it, and approves.
  const first = await selectedId(page);
  await page.keyboard.press('a');
  const name = selectedCard(page).getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(selectedCard(page).getByText('Enter your name: it is recorded with your decision.')).toBeVisible();
  await page.keyboard.type('Ada Reviewer');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await storedReview(page, first))?.decision).toMatchObject({ action: 'approve', by: 'Ada Reviewer' });
  await expect(feed.locator(`[data-review-id="${first}"]`)).toHaveCount(0);
  await expect(page.getByText('Deciding as Ada Reviewer')).toBeVisible();
  // The run went on from the gate and finished.
  await expect.poll(() => runStatus(page, runOf(first))).toBe('succeeded');

  // The selection moved to the next item, focused: two more approvals, key after key.
  for (let i = 0; i < 2; i++) {
    await expect(selectedCard(page)).toBeFocused();
    const id = await selectedId(page);
    await page.keyboard.press('a');
    await expect.poll(async () => (await storedReview(page, id))?.decision?.action).toBe('approve');
    await expect(feed.locator(`[data-review-id="${id}"]`)).toHaveCount(0);
  }
  await expect(page.getByText('3 outputs waiting for review, oldest first.')).toBeVisible();
  await expect(page.locator('.nav-count')).toHaveAttribute('data-count', '3');

  // j / k move the selection.
  const top = await selectedId(page);
  await page.keyboard.press('j');
  await expect(selectedCard(page)).not.toHaveAttribute('data-review-id', top);
  await page.keyboard.press('ArrowUp');
  await expect(selectedCard(page)).toHaveAttribute('data-review-id', top);

  // Reject: the reason is required at the field; the run sends the draft back for revision.
  await page.keyboard.press('r');
  const reason = selectedCard(page).getByRole('textbox', { name: 'Why is it rejected?' });
  await expect(reason).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(selectedCard(page).getByText('A rejection needs a reason')).toBeVisible();
  await reviewShot(page, 'reject');
  await page.keyboard.type('Say when the refund arrives.');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await storedReview(page, top))?.decision).toMatchObject({ action: 'reject', reason: 'Say when the refund arrives.', by: 'Ada Reviewer' });
  const revised = top.replace(/:0$/, ':1');
  await expect(feed.locator(`[data-review-id="${revised}"]`)).toBeVisible();

  // Edit then approve: the editor, a side-by-side diff, Ctrl+Enter.
  const editedId = await selectedId(page);
  await page.keyboard.press('e');
  const editor = selectedCard(page).getByRole('textbox', { name: /Edited output/ });
  await expect(editor).toBeFocused();
  const original = await editor.inputValue();
  // A line added on top, and the last line changed: whatever the draft, one line out and two in.
  const edited = `Dear customer,\n${original} We are sorry for the trouble.`;
  await editor.fill(edited);
  const diff = selectedCard(page).getByRole('region', { name: 'Original and edited output, side by side' });
  await expect(diff.locator('.rq-diff-added').first()).toContainText('Dear customer,');
  await expect(diff.locator('.rq-diff-removed')).toHaveCount(1);
  await expect(selectedCard(page).getByText('1 line removed, 2 added')).toBeVisible();
  await reviewShot(page, 'edit');
  expect(await axeSerious(page)).toEqual([]);
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await storedReview(page, editedId))?.decision).toMatchObject({ action: 'edit', editedOutput: edited, by: 'Ada Reviewer' });
  await expect.poll(() => runStatus(page, runOf(editedId))).toBe('succeeded');

  // Escape cancels a form and gives the focus back to the card.
  await page.keyboard.press('e');
  await expect(selectedCard(page).getByRole('textbox', { name: /Edited output/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(selectedCard(page).getByRole('textbox', { name: /Edited output/ })).toHaveCount(0);
  await expect(selectedCard(page)).toBeFocused();

  // Comment: shown on the card and stored.
  const commented = await selectedId(page);
  await page.keyboard.press('c');
  await page.keyboard.type('Check the refund policy for annual plans.');
  await page.keyboard.press('Enter');
  await expect(selectedCard(page).getByRole('region', { name: 'Comments (1)' })).toContainText('Ada Reviewer');
  await expect.poll(async () => (await storedReview(page, commented))?.comments).toMatchObject([{ by: 'Ada Reviewer', text: 'Check the refund policy for annual plans.' }]);

  // Reload mid-queue: the same items, the comment, and the same item selected.
  const before = await feed.getByRole('article').evaluateAll((els) => els.map((el) => el.getAttribute('data-review-id')));
  await page.reload();
  // Six runs: three approved, one rejected (its revised draft is back), one edited.
  await expect(page.getByText('2 outputs waiting for review, oldest first.')).toBeVisible();
  await expect(selectedCard(page)).toHaveAttribute('data-review-id', commented);
  await expect(selectedCard(page)).toContainText('Check the refund policy for annual plans.');
  expect(await feed.getByRole('article').evaluateAll((els) => els.map((el) => el.getAttribute('data-review-id')))).toEqual(before);
});

test('two tabs race on one item: exactly one decision is stored and the loser is told who decided; a decision in one tab removes the card in the other', async ({ context }) => {
  const a = await context.newPage();
  const errors: string[] = [];
  a.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  await openApp(a, '#/review');
  await runTriage(a, TICKETS.slice(0, 2));
  const b = await context.newPage();
  b.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  await a.goto('/#/review');
  await b.goto('/#/review');
  await expect(b.getByText('2 outputs waiting for review, oldest first.')).toBeVisible();
  const id = await selectedId(a);
  await expect(selectedCard(b)).toHaveAttribute('data-review-id', id);

  // Grace (tab B) is about to reject it while Ada (tab A) approves it; both confirm at once.
  await b.keyboard.press('r');
  await b.keyboard.type('The amount is wrong.');
  await selectedCard(b).getByRole('textbox', { name: 'Your name' }).fill('Grace');
  await a.keyboard.press('a');
  await a.keyboard.type('Ada');
  await Promise.all([a.keyboard.press('Enter'), b.keyboard.press('Enter')]);
  await expect.poll(async () => (await storedReview(a, id))?.status).toBe('decided');
  const decision = (await storedReview(a, id))?.decision;
  expect(['Ada', 'Grace']).toContain(decision?.by);
  expect(decision?.action).toBe(decision?.by === 'Ada' ? 'approve' : 'reject');
  const loser = decision?.by === 'Ada' ? b : a;
  await expect(loser.getByRole('status').filter({ hasText: `Already decided by ${decision?.by} at` })).toBeVisible();
  for (const page of [a, b]) await expect(page.locator(`[data-review-id="${id}"]`)).toHaveCount(0);

  // The other item: decided in tab A, its card leaves tab B live, and B is told by whom.
  const other = await selectedId(a);
  await expect(selectedCard(b)).toHaveAttribute('data-review-id', other);
  await a.keyboard.press('a');
  await expect(b.locator(`[data-review-id="${other}"]`)).toHaveCount(0);
  await expect(b.getByRole('status').filter({ hasText: /Already decided by (Ada|Grace) at/ })).toBeVisible();
  expect((await storedReview(b, other))?.decision?.action).toBe('approve');
  expect(errors).toEqual([]);
});
