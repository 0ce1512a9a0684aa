/**
 * The trust gradient end to end, in Chromium on the built app: the support triage template run
 * over 40 tickets reaches its review gate at 100%; a reviewer approves every output in the review
 * queue by keyboard; the Trust page then recommends 50% and a click promotes the step; 40 more
 * tickets are sampled exactly as the step's seed predicts (`seededUniform(seed,
 * sampleKey(runId, gate, visit)) < 0.5`); one rejection at 50% demotes the step to 100%, visibly;
 * a tier set by hand is recorded; editing the drafter's prompt resets the step to 100% with the
 * old configuration in its history; the reviewed examples download as JSONL; axe finds no
 * serious problems on the Trust pages.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { sampleKey, seededUniform } from '../src/engine/trust';
import { supportTriageFlow } from '../src/engine/templates/supportTriage';
import { expect, test } from './fixtures';
import { storedFlow } from './helpers';
import { inspector, monaco, monacoText, selectNode } from './inspectorHelpers';
import { axeSerious, openApp, seedFlow } from './runs-support';
import { billingTickets, pendingItems, readAll, runDataset, trustRow, trustShot } from './trust-support';
import type { ReviewItem } from '../src/engine/run/types';

test.use({ viewport: { width: 1366, height: 900 } });

const FLOW = 'e2e-trust';
const KEY = `${FLOW}/draft`;
const REVIEWER = 'Ada Reviewer';

const selectedCard = (page: Page) => page.locator('.rq-card-selected');
const decisionOf = async (page: Page, id: string) => (await readAll<ReviewItem>(page, 'reviews')).find((item) => item.id === id)?.decision;
const tierPill = (page: Page) => page.getByTestId('trust-tier');

async function openStep(page: Page): Promise<void> {
  await page.goto('/#/trust');
  await page.getByRole('link', { name: 'Draft reply' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draft reply' })).toBeVisible();
}

/** Approves `count` items in the review queue, one key press each. */
async function approveByKeyboard(page: Page, count: number): Promise<void> {
  await page.goto('/#/review');
  for (let i = 0; i < count; i++) {
    await expect(selectedCard(page)).toBeVisible();
    const id = (await selectedCard(page).getAttribute('data-review-id')) as string;
    await page.keyboard.press('a');
    await expect.poll(async () => (await decisionOf(page, id))?.action).toBe('approve');
    await expect(page.locator(`[data-review-id="${id}"]`)).toHaveCount(0);
  }
}

test('40 runs at 100%, keyboard approvals, a promotion, seeded sampling at 50%, a demotion, a prompt reset and the JSONL export', async ({ page }) => {
  test.slow();
  await openApp(page, '#/trust');
  await expect(page.getByText('No step has reached a review gate yet.', { exact: false })).toBeVisible();
  await trustShot(page, 'empty');
  await seedFlow(page, supportTriageFlow(FLOW));
  await page.goto('/#/settings');
  await page.getByRole('textbox', { name: 'Your name' }).fill(REVIEWER);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText(`Review decisions will be recorded as “${REVIEWER}”`)).toBeVisible();

  // 40 tickets: every draft waits for review (the step starts at 100%).
  await runDataset(page, FLOW, billingTickets(40), 'tickets-1.jsonl');
  expect(await pendingItems(page, FLOW)).toHaveLength(40);
  expect(await trustRow(page, KEY)).toMatchObject({ tier: 1, executions: 40, evidence: { reviewed: 0 } });

  await page.goto('/#/trust');
  const row = page.locator(`tr[data-trust-key="${KEY}"]`);
  await expect(row).toContainText('25 more reviews without a defect for 50% review');
  await approveByKeyboard(page, 40);
  expect(await trustRow(page, KEY)).toMatchObject({ evidence: { reviewed: 40, approvedAsIs: 40 } });

  // The Trust page recommends 50%; a click promotes the step.
  await page.goto(`/#/trust?flow=${FLOW}`);
  await expect(row).toContainText('Ready for 50% review');
  await expect(row).toContainText('≥ 93.6%');
  await trustShot(page, 'overview-ready');
  expect(await axeSerious(page)).toEqual([]);
  await openStep(page);
  await expect(tierPill(page)).toHaveText('100% review');
  const promote = page.getByRole('button', { name: 'Promote to 50%' });
  await expect(promote).toBeVisible();
  await expect(page.getByText(`Recorded as ${REVIEWER} (from Settings).`).first()).toBeVisible();
  await trustShot(page, 'detail-ready');
  await trustShot(page, 'detail-ready-full', true);
  expect(await axeSerious(page)).toEqual([]);
  await promote.click();
  await expect(tierPill(page)).toHaveText('50% review');
  await expect(page.getByRole('status').filter({ hasText: `Promoted to 50% review by ${REVIEWER}.` })).toBeVisible();
  await expect(promote).toHaveCount(0);
  const history = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Why' }) });
  await expect(history.locator('tbody tr').first()).toContainText(`Promoted from 100% to 50%${REVIEWER}`);

  // 40 more tickets: exactly those whose seeded draw is below 0.5 wait for review.
  const seed = (await trustRow(page, KEY))?.seed as string;
  const runIds = await runDataset(page, FLOW, billingTickets(40, 41), 'tickets-2.jsonl');
  const predicted = runIds.filter((runId) => seededUniform(seed, sampleKey(runId, 'review', 0)) < 0.5);
  const pending = await pendingItems(page, FLOW);
  expect(pending.map((item) => item.runId).sort()).toEqual([...predicted].sort());
  expect(pending.every((item) => item.reason.kind === 'sampled' && item.reason.rate === 0.5 && item.reason.seed === seed)).toBe(true);
  await page.goto('/#/review');
  await expect(page.getByText(`${predicted.length} outputs waiting for review, oldest first.`)).toBeVisible();
  await trustShot(page, 'queue-sampled');

  // One rejection at 50% demotes the step to 100%, visibly.
  await expect(selectedCard(page)).toBeVisible();
  const rejected = (await selectedCard(page).getAttribute('data-review-id')) as string;
  await page.keyboard.press('r');
  await expect(selectedCard(page).getByRole('textbox', { name: 'Why is it rejected?' })).toBeFocused();
  await page.keyboard.type('The refund takes 5 to 10 days, not 2.');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await decisionOf(page, rejected))?.action).toBe('reject');
  await openStep(page);
  await expect(tierPill(page)).toHaveText('100% review');
  await expect(history.locator('tbody tr').first()).toContainText('Demoted from 50% to 100%Automatic (a rejection)');
  await expect(history.locator('tbody tr').first()).toContainText(`${REVIEWER} rejected an output while the step was at 50%`);
  await trustShot(page, 'detail-demoted');

  // A tier set by hand needs a reason (autonomous also an explicit confirmation) and is recorded
  // with who and why.
  const hand = page.getByRole('region', { name: 'Set tier by hand' });
  const tierSelect = hand.getByRole('combobox', { name: 'Review tier' });
  await tierSelect.selectOption({ label: 'Autonomous (rules only)' });
  await hand.getByRole('button', { name: 'Set tier' }).click();
  await expect(hand.getByText('Say why: the reason is recorded with the change.')).toBeVisible();
  await expect(hand.getByText('Confirm that outputs will be reviewed only when a rule forces it.')).toBeVisible();
  await expect(hand.getByRole('textbox', { name: 'Reason (required)' })).toBeFocused();
  await page.keyboard.type('Pilot agreed with the support lead.');
  await hand.getByRole('button', { name: 'Set tier' }).click();
  await expect(hand.getByRole('checkbox', { name: /I understand: no output of this step will be sampled/ })).toBeFocused();
  await expect(tierPill(page)).toHaveText('100% review');
  await trustShot(page, 'set-by-hand-confirm');
  await tierSelect.selectOption({ label: '20%' });
  await expect(hand.getByRole('checkbox')).toHaveCount(0);
  await hand.getByRole('button', { name: 'Set tier' }).click();
  await expect(tierPill(page)).toHaveText('20% review');
  await expect(history.locator('tbody tr').first()).toContainText(`Set by hand from 100% to 20%${REVIEWER}Pilot agreed with the support lead.`);

  // Editing the drafter's prompt resets the step to 100%, with the old configuration kept.
  const before = (await trustRow(page, KEY))?.fingerprint;
  await page.goto(`/#/flows/${FLOW}`);
  await selectNode(page, 'Draft reply');
  const prompt = await monaco(page, 'Instructions (template)');
  await prompt.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Keep it under 80 words.');
  await expect.poll(() => monacoText(page, 'Instructions (template)')).toContain('Keep it under 80 words.');
  await expect(inspector(page)).toBeVisible();
  await expect.poll(async () => JSON.stringify((await storedFlow(page, FLOW))?.doc.nodes.find((n) => n.id === 'draft')?.config)).toContain('Keep it under 80 words.');
  await openStep(page);
  await expect(tierPill(page)).toHaveText('100% review');
  await expect(history.locator('tbody tr').first()).toContainText('Configuration changed: 20% → 100%Automatic (configuration change)');
  const earlier = page.getByRole('region', { name: /Earlier configurations/ });
  await expect(earlier.locator('tbody tr')).toHaveCount(1);
  await expect(earlier.locator('tbody tr').first()).toContainText(`${before}`);
  await expect(earlier.locator('tbody tr').first()).toContainText('20%');
  await expect(page.getByText('25 more reviews without a defect for 50% review.')).toBeVisible();
  await trustShot(page, 'detail-reset');
  await trustShot(page, 'detail-reset-full', true);
  expect(await axeSerious(page)).toEqual([]);

  // The reviewed examples download as JSONL: 40 approvals and the rejection.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export reviewed examples (JSONL)' }).click()]);
  expect(download.suggestedFilename()).toBe('support-ticket-triage-draft-reply-reviewed.jsonl');
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toHaveLength(41);
  for (const line of lines) expect(Object.keys(line)).toEqual(['input', 'output', 'decision', 'editedOutput', 'reason', 'reviewer', 'decidedAt', 'runId', 'checks']);
  // Where the validators stood when the person decided: none stands before this gate (the drafter writes plain text).
  expect(lines[0]?.checks).toEqual([]);
  expect(lines.filter((line) => line.decision === 'approved')).toHaveLength(40);
  expect(lines.find((line) => line.decision === 'rejected')).toMatchObject({ reason: 'The refund takes 5 to 10 days, not 2.', reviewer: REVIEWER, runId: rejected.split(':')[0], editedOutput: null });
  expect(lines[0]).toMatchObject({ reviewer: REVIEWER, input: { ticket: { text: expect.stringContaining('Billing question') } } });
  await expect(page.getByText('Exported 41 reviewed examples to support-ticket-triage-draft-reply-reviewed.jsonl.')).toBeVisible();
});
