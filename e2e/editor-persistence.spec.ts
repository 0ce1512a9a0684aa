/**
 * Keeping work safe in the editor: autosave, a reload straight after an edit, named versions,
 * and two tabs editing one flow.
 */
import { test, expect } from './fixtures';
import { canvasNode, mod, openEmptyFlow, openFlow, storedFlow } from './helpers';
import { createEmptyFlow } from '../src/engine/flow/create';
import type { FlowDoc } from '../src/engine/flow/schema';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 1366, height: 900 } });

function oneNode(name: string): FlowDoc {
  const doc = createEmptyFlow(name);
  doc.nodes = [{ id: 'in', kind: 'input', label: 'Input', position: { x: 0, y: 100 }, config: { fields: [{ name: 'text', type: 'string', required: true }] } }];
  return doc;
}

async function addByKeyboard(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: `Add ${title}`, exact: true }).focus();
  await page.keyboard.press('Enter');
}

const saved = (page: Page) => page.getByRole('toolbar', { name: 'Flow' }).getByRole('status');

test('a reload straight after an edit loses nothing', async ({ page }) => {
  const doc = await openEmptyFlow(page, 'Reload me');
  await addByKeyboard(page, 'Template');
  const name = page.getByRole('textbox', { name: 'Flow name' });
  await name.fill('Renamed just now');
  await name.press('Enter');
  // No waiting for the save: reload at once.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Renamed just now');
  await expect(canvasNode(page, 'Template')).toBeVisible();
  await expect(saved(page)).toHaveText('Saved');
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.name).toBe('Renamed just now');

  // And once more with a change that is still waiting for its save.
  await addByKeyboard(page, 'Output');
  await expect(canvasNode(page, 'Output')).toBeVisible();
  await page.reload();
  await expect(canvasNode(page, 'Output')).toBeVisible();
  await expect(canvasNode(page, 'Template')).toBeVisible();
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.length).toBe(2);
});

test('an empty flow name is refused with a reason, and the last name is kept', async ({ page }) => {
  const doc = await openEmptyFlow(page, 'Named');
  const name = page.getByRole('textbox', { name: 'Flow name' });
  await name.fill('');
  await expect(page.getByRole('alert').filter({ hasText: 'A flow needs a name' })).toBeVisible();
  await name.press('Enter');
  await expect(name).toHaveValue('Named');
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.name).toBe('Named');
});

test('saves a named version and restores it; restoring keeps the current state and can be undone', async ({ page }) => {
  const doc = oneNode('Versions');
  await openFlow(page, doc);
  await page.getByRole('button', { name: 'Save version…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save version' });
  await dialog.getByRole('button', { name: 'Save version' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Give the version a name');
  await dialog.getByRole('textbox', { name: 'Version name' }).fill('Just the input');
  await dialog.getByRole('button', { name: 'Save version' }).click();
  await expect(dialog).toHaveCount(0);

  await addByKeyboard(page, 'Template');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(saved(page)).toHaveText('Saved');

  await page.getByRole('button', { name: 'Versions' }).click();
  const versions = page.getByRole('dialog', { name: 'Versions' });
  await expect(versions.getByRole('rowheader', { name: 'Just the input' })).toBeVisible();
  await versions.getByRole('button', { name: 'Restore "Just the input"' }).click();
  await expect(versions).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.length).toBe(1);

  // The state before restoring is a version of its own.
  await page.getByRole('button', { name: 'Versions' }).click();
  await expect(versions.getByRole('rowheader', { name: /^Before restoring "Just the input"/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // And restoring is an ordinary undo step.
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press(`${mod}+z`);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.length).toBe(2);
});

test('two tabs on one flow never overwrite each other: the other tab is told and chooses', async ({ page, context }) => {
  const doc = oneNode('Two tabs');
  await openFlow(page, doc);
  const other = await context.newPage();
  await other.goto(`/#/flows/${doc.id}`);
  await expect(canvasNode(other, 'Input')).toBeVisible();

  // Tab A adds a step and saves it; tab B hears of it and asks.
  await addByKeyboard(page, 'Template');
  await expect(saved(page)).toHaveText('Saved');
  const banner = other.getByRole('alert').filter({ hasText: 'This flow was changed in another tab' });
  await expect(banner).toBeVisible();

  // Tab B edits anyway: nothing is saved over tab A's work.
  await addByKeyboard(other, 'Output');
  await expect(saved(other)).toHaveText(/Not saved: changed in another tab/);
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.map((n) => n.kind).sort()).toEqual(['input', 'template']);

  // Tab B loads tab A's version; its own unsaved work becomes a named version.
  await banner.getByRole('button', { name: 'Load their version' }).click();
  await expect(banner).toHaveCount(0);
  await expect(canvasNode(other, 'Template')).toBeVisible();
  await expect(other.locator('.react-flow__node')).toHaveCount(2);
  await other.getByRole('button', { name: 'Versions' }).click();
  await expect(other.getByRole('dialog', { name: 'Versions' }).getByRole('rowheader', { name: /^My unsaved changes/ })).toBeVisible();
  await other.keyboard.press('Escape');

  // Now tab B saves a change; tab A is told, and keeps its own version instead.
  await addByKeyboard(other, 'Merge');
  await expect(saved(other)).toHaveText('Saved');
  const bannerA = page.getByRole('alert').filter({ hasText: 'This flow was changed in another tab' });
  await expect(bannerA).toBeVisible();
  await bannerA.getByRole('button', { name: 'Keep mine' }).click();
  await expect(bannerA).toHaveCount(0);
  await expect(saved(page)).toHaveText('Saved');
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.map((n) => n.kind).sort()).toEqual(['input', 'template']);
  // ...which tab B, in turn, is told about.
  await expect(other.getByRole('alert').filter({ hasText: 'This flow was changed in another tab' })).toBeVisible();
});
