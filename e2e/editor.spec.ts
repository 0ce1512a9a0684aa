/**
 * The editor, driven as a person would: dragging kinds from the palette, connecting handles with
 * the mouse, the keyboard, undo/redo, copy/paste, auto-layout and the shortcuts overlay.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { canvasNode, connectHandles, dragKind, handle, mod, openEmptyFlow, openFlow, storedFlow } from './helpers';
import { createEmptyFlow } from '../src/engine/flow/create';
import type { FlowDoc } from '../src/engine/flow/schema';
import { supportTriageFlow } from '../src/engine/templates/supportTriage';

test.use({ viewport: { width: 1366, height: 900 } });

function chain(name: string, at: (i: number) => { x: number; y: number } = (i) => ({ x: i * 260, y: 120 })): FlowDoc {
  const doc = createEmptyFlow(name);
  doc.nodes = [
    { id: 'in', kind: 'input', label: 'Input', position: at(0), config: { fields: [{ name: 'text', type: 'string', required: true }] } },
    { id: 'tpl', kind: 'template', label: 'Template', position: at(1), config: { template: '{{text}}' } },
    { id: 'out', kind: 'output', label: 'Output', position: at(2), config: { name: 'result' } },
  ];
  doc.edges = [
    { id: 'e1', source: 'in', sourcePort: 'text', target: 'tpl', targetPort: 'text' },
    { id: 'e2', source: 'tpl', sourcePort: 'text', target: 'out', targetPort: 'value' },
  ];
  return doc;
}

const problemsTab = (page: Page) => page.getByRole('tab', { name: /^Problems/ });

test('builds Input → Template → Output from an empty canvas by dragging and connecting; problems go away as it is connected', async ({ page }) => {
  const doc = await openEmptyFlow(page, 'Built by hand');
  await expect(page.getByText('Start with an Input')).toBeVisible();

  await dragKind(page, 'Input', { x: 120, y: 220 });
  await dragKind(page, 'Template', { x: 390, y: 220 });
  await dragKind(page, 'Output', { x: 660, y: 220 });
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  const input = canvasNode(page, 'Input');
  const template = canvasNode(page, 'Template');
  const output = canvasNode(page, 'Output');
  await expect(template).toBeVisible();

  // Unconnected required inputs are problems, on the nodes and in the list.
  await expect(template.getByRole('button', { name: '1 problem' })).toBeVisible();
  await expect(output.getByRole('button', { name: '1 problem' })).toBeVisible();
  await problemsTab(page).click();
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems.getByRole('button', { name: /Template.*Input "text" of "Template" is required but not connected/ })).toBeVisible();
  await expect(problems.getByRole('button', { name: /Output.*Input "value" of "Output" is required but not connected/ })).toBeVisible();

  await connectHandles(page, handle(input, 'output', 'text'), handle(template, 'input', 'text'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(template.getByRole('button', { name: /problem/ })).toHaveCount(0);
  await expect(problems.getByRole('button', { name: /Template/ })).toHaveCount(0);

  await connectHandles(page, handle(template, 'output', 'text'), handle(output, 'input', 'value'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByText('No problems')).toBeVisible();
  await expect(problemsTab(page)).toHaveAccessibleName(/Problems 0/);

  await page.getByRole('tab', { name: 'Plan' }).click();
  const steps = page.getByRole('list', { name: 'Plan steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('Input');
  await expect(steps.nth(1)).toContainText('Template');
  await expect(steps.nth(2)).toContainText('Output');

  // Autosaved: the stored flow has the nodes and edges.
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.edges.length).toBe(2);
  const stored = await storedFlow(page, doc.id);
  expect(stored?.doc.nodes.map((n) => n.kind).sort()).toEqual(['input', 'output', 'template']);
});

test('refuses connections the plan cannot accept, saying why; a cycle can become a revise loop', async ({ page }) => {
  const doc = createEmptyFlow('Refusals');
  doc.nodes = [
    { id: 'in', kind: 'input', label: 'Input', position: { x: 0, y: 100 }, config: { fields: [{ name: 'text', type: 'string', required: true }] } },
    { id: 'merge', kind: 'merge', label: 'Merge', position: { x: 280, y: 100 }, config: { mode: 'first', inputs: ['a', 'b'] } },
    { id: 'tpl', kind: 'template', label: 'Draft', position: { x: 560, y: 100 }, config: { template: '{{text}}' } },
    { id: 'other', kind: 'input', label: 'Other input', position: { x: 0, y: 320 }, config: { fields: [{ name: 'extra', type: 'string', required: true }] } },
  ];
  doc.edges = [
    { id: 'e1', source: 'in', sourcePort: 'text', target: 'merge', targetPort: 'a' },
    { id: 'e2', source: 'merge', sourcePort: 'out', target: 'tpl', targetPort: 'text' },
  ];
  await openFlow(page, doc);
  const merge = canvasNode(page, 'Merge');
  const draft = canvasNode(page, 'Draft');
  const other = canvasNode(page, 'Other input');
  const alert = page.locator('.toasts').getByRole('alert');

  // An input that already has a connection.
  await connectHandles(page, handle(other, 'output', 'extra'), handle(draft, 'input', 'text'));
  await expect(alert).toContainText('already has a connection');
  await expect(alert).toContainText('use a Merge node');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await alert.getByRole('button', { name: 'Dismiss' }).first().click();

  // A node to itself.
  await connectHandles(page, handle(draft, 'output', 'text'), handle(draft, 'input', 'text'));
  await expect(alert).toContainText('cannot connect to itself');
  await alert.getByRole('button', { name: 'Dismiss' }).first().click();

  // A cycle: refused, with the way to make it legal.
  await connectHandles(page, handle(draft, 'output', 'text'), handle(merge, 'input', 'b'));
  await expect(alert).toContainText('would create a cycle');
  await expect(alert).toContainText('revise loop');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await alert.getByRole('button', { name: 'Add as revise loop' }).click();
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect(page.locator('.fedge-loop-chip')).toHaveText('↺ max 3');

  // Select the loop edge and change its limit from its toolbar.
  await page.locator('.fedge-loop-chip').click();
  await page.locator('.react-flow__edge.selected').waitFor();
  await page.getByRole('spinbutton', { name: 'Maximum iterations' }).fill('5');
  await expect(page.locator('.fedge-loop-chip')).toHaveText('↺ max 5');
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.edges.find((e) => e.loop)?.loop?.maxIterations).toBe(5);
  await page.getByRole('tab', { name: 'Plan' }).click();
  await expect(page.getByText(/Sends back to step 2 at most 5 times/)).toBeVisible();
});

test('adds by keyboard, deletes, and undoes and redoes from keys and toolbar', async ({ page }) => {
  await openEmptyFlow(page, 'Keyboard');
  const toolbar = page.getByRole('toolbar', { name: 'Flow' });
  const undo = toolbar.getByRole('button', { name: 'Undo' });
  const redo = toolbar.getByRole('button', { name: 'Redo' });
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();

  await page.getByRole('button', { name: 'Add Template', exact: true }).focus();
  await page.keyboard.press('Enter');
  const template = canvasNode(page, 'Template');
  await expect(template).toBeVisible();
  await expect(template).toHaveClass(/selected/);
  await expect(undo).toBeEnabled();

  // Typing in the palette search never triggers shortcuts.
  await page.getByRole('searchbox', { name: 'Search steps' }).press('?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search steps' }).fill('agent');
  await expect(page.getByRole('button', { name: 'Add Agent', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add Template', exact: true })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search steps' }).press('Backspace');
  await expect(template).toBeVisible();

  await template.click();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted 1 step.' })).toBeVisible();

  await page.keyboard.press(`${mod}+z`);
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(redo).toBeEnabled();
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await undo.click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await undo.click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(undo).toBeDisabled();
  await page.keyboard.press(`${mod}+y`);
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
});

test('drags a node as one undo step, multi-selects, copies, pastes and duplicates with new ids', async ({ page }) => {
  const doc = chain('Copy paste');
  await openFlow(page, doc);
  const template = canvasNode(page, 'Template');
  const before = await template.boundingBox();
  if (!before) throw new Error('no node');
  await page.mouse.move(before.x + 60, before.y + 14);
  await page.mouse.down();
  await page.mouse.move(before.x + 100, before.y + 80, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.find((n) => n.id === 'tpl')?.position.y).not.toBe(120);
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.find((n) => n.id === 'tpl')?.position).toEqual({ x: 260, y: 120 });

  // Shift-click selects two connected nodes; copy and paste brings both and their edge.
  await canvasNode(page, 'Input').click();
  await template.click({ modifiers: ['Shift'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press(`${mod}+c`);
  await page.keyboard.press(`${mod}+v`);
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect(canvasNode(page, 'Input 2')).toHaveClass(/selected/);
  await expect(canvasNode(page, 'Template 2')).toHaveClass(/selected/);

  await page.keyboard.press(`${mod}+d`);
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(canvasNode(page, 'Template 3')).toBeVisible();
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.length).toBe(7);
  const stored = await storedFlow(page, doc.id);
  const ids = stored?.doc.nodes.map((n) => n.id) ?? [];
  expect(new Set(ids).size).toBe(7);

  // Select all and delete, then undo.
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.press('Backspace');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.keyboard.press(`${mod}+z`);
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
});

test('auto-layout arranges the flow left to right in one undo step', async ({ page }) => {
  const doc = chain('Tangle', (i) => ({ x: 400 - i * 150, y: 60 + i * 5 }));
  await openFlow(page, doc);
  await page.getByRole('button', { name: 'Arrange' }).click();
  await expect.poll(async () => {
    const nodes = (await storedFlow(page, doc.id))?.doc.nodes ?? [];
    const x = (id: string) => nodes.find((n) => n.id === id)?.position.x ?? 0;
    return x('in') < x('tpl') && x('tpl') < x('out');
  }).toBe(true);
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.map((n) => n.position.x)).toEqual([400, 250, 100]);
  // The shortcut does the same.
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('Shift+L');
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.map((n) => n.position.x)).not.toEqual([400, 250, 100]);
});

test('the shortcuts overlay opens with ? and lists every shortcut', async ({ page }) => {
  await openFlow(page, chain('Help'));
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const text of ['Undo', 'Redo', 'Paste steps', 'Duplicate the selected steps', 'Select everything', 'Arrange the flow left to right', 'Fit the whole flow in view', 'Show these shortcuts']) {
    await expect(dialog.getByRole('cell', { name: text, exact: true })).toBeVisible();
  }
  const results = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
});

test('clicking a problem selects and centres its node; the badge explains', async ({ page }) => {
  const doc = chain('Problems');
  doc.edges = [];
  await openFlow(page, doc);
  const output = canvasNode(page, 'Output');
  const badge = output.getByRole('button', { name: '1 problem' });
  await badge.hover();
  await expect(output.getByRole('tooltip')).toContainText('Input "value" of "Output" is required but not connected.');
  await problemsTab(page).click();
  await expect(problemsTab(page)).toHaveAccessibleName(/Problems 2/);
  await page.getByRole('list', { name: 'Problems' }).getByRole('button', { name: /Output/ }).click();
  await expect(output).toHaveClass(/selected/);
});

test('connects ports from the keyboard', async ({ page }) => {
  const doc = chain('Keyboard connect');
  doc.edges = [];
  await openFlow(page, doc);
  await canvasNode(page, 'Input').click();
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'Connect' });
  await expect(dialog.getByRole('combobox', { name: 'From output' })).toHaveValue('in\u0000text');
  await dialog.getByRole('combobox', { name: 'To input' }).selectOption({ label: 'Template › text' });
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
});

test('shortcuts stay out of the way while typing in the inspector, including its code editor', async ({ page }) => {
  await openFlow(page, chain('Typing'));
  await canvasNode(page, 'Template').click();
  const label = page.getByRole('textbox', { name: 'Label' });
  await label.click();
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.press('Backspace');
  await page.keyboard.type('Greeting');
  await expect(canvasNode(page, 'Greeting')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  const editor = page.locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Delete');
  await page.keyboard.press(`${mod}+d`);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
});

test('box selection with Shift+drag selects the nodes inside', async ({ page }) => {
  await openFlow(page, chain('Box'));
  const a = await canvasNode(page, 'Input').boundingBox();
  const b = await canvasNode(page, 'Template').boundingBox();
  if (!a || !b) throw new Error('nodes');
  await page.keyboard.down('Shift');
  await page.mouse.move(a.x - 20, a.y - 20);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width + 10, b.y + b.height + 20, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await expect(canvasNode(page, 'Output')).not.toHaveClass(/selected/);
});

test('exports the flow as its canonical JSON file', async ({ page }) => {
  const doc = chain('Export me');
  await openFlow(page, doc);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Export me.trellis.json');
  const path = await file.path();
  const text = (await import('node:fs')).readFileSync(path, 'utf8');
  const exported = JSON.parse(text) as FlowDoc;
  expect(exported.name).toBe('Export me');
  expect(exported.nodes.map((n) => n.id)).toEqual(['in', 'tpl', 'out']);
  expect(exported.edges).toHaveLength(2);
});

test('a flow that does not exist says so and links back to the library', async ({ page }) => {
  await page.goto('/#/flows/no-such-flow');
  await expect(page.getByRole('heading', { name: 'This flow does not exist' })).toBeVisible();
  await expect(page.getByText('no-such-flow')).toBeVisible();
  await page.getByRole('link', { name: 'Back to your flows' }).click();
  await expect(page).toHaveURL(/#\/flows$/);
});

test('the editor passes axe with a flow open, with a node selected', async ({ page }) => {
  await openFlow(page, supportTriageFlow('triage-axe'));
  const check = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  };
  expect(await check()).toEqual([]);
  await canvasNode(page, 'Classify ticket').click();
  await problemsTab(page).click();
  expect(await check()).toEqual([]);
  await page.getByRole('tab', { name: 'Plan' }).click();
  expect(await check()).toEqual([]);
});
