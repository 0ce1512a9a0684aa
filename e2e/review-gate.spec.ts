/**
 * Review gate, end to end in Chromium: a flow with an agent, a review gate and an output pauses at
 * the gate ("Waiting for review", the gate named in the run panel, the runs list and the run
 * detail); the pause survives a reload; a decision stored in IndexedDB (as the review queue will
 * store it) makes the editor continue the run, which finishes with the approved output and does
 * not run the agent again. The gate is in the palette's Human group with a working inspector form.
 */
import type { Page } from '@playwright/test';
import type { ReviewItem } from '../src/engine/run/types';
import { expect, test } from './fixtures';
import { canvasNode } from './helpers';
import { openApp, reviewedAnswerFlow, seedFlow } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });

const statusLine = (page: Page) => page.locator('.run-status-line');
const steps = (page: Page) => page.getByRole('list', { name: 'Run steps' });

async function openRunTab(page: Page, flowId: string): Promise<void> {
  await page.goto(`/#/flows/${flowId}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  await expect(page.getByRole('region', { name: 'Run this flow' })).toBeVisible();
}

/** The run's review items, straight from IndexedDB. */
function reviewItems(page: Page): Promise<ReviewItem[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trellis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const items = await new Promise<ReviewItem[]>((resolve, reject) => {
      const request = db.transaction('reviews').objectStore('reviews').getAll();
      request.onsuccess = () => resolve(request.result as ReviewItem[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return items;
  });
}

/** Stores an approval on a pending item, as the review queue would (one read-write transaction). */
function approveInDb(page: Page, id: string): Promise<void> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trellis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('reviews', 'readwrite');
      const store = tx.objectStore('reviews');
      const get = store.get(id);
      get.onsuccess = () => {
        const item = get.result as ReviewItem;
        if (item.status !== 'pending') throw new Error(`${id} is already decided`);
        store.put({ ...item, status: 'decided', decision: { action: 'approve', by: 'E2E reviewer', at: Date.now() } });
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, id);
}

test('a run pauses at a review gate, survives a reload, and goes on once the output is approved', async ({ page }) => {
  const flow = reviewedAnswerFlow();
  await openApp(page);
  await seedFlow(page, flow);
  await page.goto(`/#/flows/${flow.id}`);

  // The gate is a Human step in the palette, and its inspector form is derived from its config.
  const human = page.getByRole('region', { name: 'Human' });
  await expect(human.getByRole('button', { name: 'Add Review gate', exact: true })).toBeVisible();
  await canvasNode(page, 'Check answer').click();
  const inspector = page.getByRole('complementary').filter({ has: page.getByText('Instructions for the reviewer') });
  await expect(inspector.getByRole('textbox', { name: /^Instructions for the reviewer/ })).toHaveValue('Is the answer right?');
  await expect(inspector.getByRole('combobox', { name: /^On reject/ })).toHaveValue('fail');
  await expect(inspector.getByText('Rules that force review')).toBeVisible();
  await expect(inspector.getByRole('button', { name: 'Add rule' })).toBeVisible();

  // Run it: the agent answers, the gate pauses the run, and says where.
  await openRunTab(page, flow.id);
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('textbox', { name: /^question/ }).fill('Why is the sky blue?');
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(statusLine(page)).toHaveText('Waiting for review at “Check answer”. The run goes on once a person decides.');
  await expect(steps(page).getByRole('listitem', { name: 'Step 3: Check answer, Waiting for review' })).toBeVisible();
  await expect(steps(page).getByRole('listitem', { name: 'Step 2: Draft answer, Succeeded' })).toBeVisible();
  await expect(canvasNode(page, 'Check answer').locator('.fnode-status')).toContainText('Waiting for review');

  // The pause is in IndexedDB, with the output to review.
  const [item] = await reviewItems(page);
  expect(item).toMatchObject({ status: 'pending', gateLabel: 'Check answer', subjectLabel: 'Draft answer', instructions: 'Is the answer right?', reason: { kind: 'full' } });
  expect(String(item?.output)).toContain('[Demo model');

  // A reload keeps the pause (nothing resumes by itself without a decision).
  await page.reload();
  await page.getByRole('tab', { name: 'Run' }).click();
  await expect(statusLine(page)).toHaveText(/^Waiting for review at “Check answer”/);
  await expect(steps(page).getByRole('listitem', { name: 'Step 3: Check answer, Waiting for review' })).toBeVisible();

  // The runs list and the run detail say so too, naming the gate.
  await page.goto('/#/runs?status=paused');
  const row = page.getByRole('row').filter({ hasText: 'Reviewed answer' });
  await expect(row).toContainText('Waiting for review');
  await expect(row).toContainText('Waiting for review at “Check answer”.');
  await row.getByRole('link', { name: /Reviewed answer/ }).click();
  await expect(page.locator('.run-detail-title').getByRole('status')).toHaveText('Waiting for review');
  await expect(page.getByText(/^Waiting for review at “Check answer”\. The run goes on from there once a person decides/)).toBeVisible();

  // A decision, stored as the review queue stores it; the editor continues the run.
  await approveInDb(page, item?.id ?? '');
  await openRunTab(page, flow.id);
  await expect(statusLine(page)).toHaveText(/^Last run succeeded in .*\(continued after review\)\.$/);
  await expect(panel.getByLabel('Run outputs')).toContainText(String(item?.output).slice(0, 40));
  await expect(steps(page).getByRole('listitem', { name: 'Step 3: Check answer, Succeeded' })).toContainText('Approved by E2E reviewer.');
  await expect(steps(page).getByRole('listitem', { name: 'Step 4: Answer, Succeeded' })).toBeVisible();

  // The agent did not run again: one model call in all.
  await page.getByRole('link', { name: 'Run details' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Model calls1');
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Resumed1×');
  const [decided] = await reviewItems(page);
  expect(decided).toMatchObject({ status: 'decided', decision: { action: 'approve', by: 'E2E reviewer' } });
});
