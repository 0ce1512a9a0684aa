/**
 * Screenshots of the editor's states for looking at (saved under .screenshots/, not compared).
 * Each also checks the state it shows, so a broken screen fails here too.
 */
import { test, expect } from './fixtures';
import { canvasNode, connectHandles, handle, openEmptyFlow, openFlow } from './helpers';
import { createEmptyFlow } from '../src/engine/flow/create';
import { supportTriageFlow } from '../src/engine/templates/supportTriage';

test.use({ viewport: { width: 1366, height: 900 } });

const shot = (name: string) => ({ path: `.screenshots/editor-${name}.png` });

test('screens: empty, fitted flow, close-up, plan and selection', async ({ page }) => {
  await openEmptyFlow(page, 'Empty flow');
  await expect(page.getByText('Start with an Input')).toBeVisible();
  await page.screenshot(shot('empty'));

  await openFlow(page, supportTriageFlow('triage-shot'));
  await expect(page.locator('.react-flow__node')).toHaveCount(supportTriageFlow().nodes.length);
  await page.screenshot(shot('triage'));

  await page.getByRole('tab', { name: 'Plan' }).click();
  await page.screenshot(shot('triage-plan'));

  await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await canvasNode(page, 'Classify ticket').click();
  await page.waitForTimeout(400);
  await page.screenshot(shot('close-selected'));
});

test('screens: problems, tooltip, refused connection, loop edge', async ({ page }) => {
  const doc = supportTriageFlow('triage-broken');
  doc.edges = doc.edges.filter((e) => e.target !== 'classify' && e.target !== 'reply');
  await openFlow(page, doc);
  await page.getByRole('tab', { name: /^Problems/ }).click();
  await canvasNode(page, 'Classify ticket').getByRole('button', { name: /problem/ }).hover();
  await page.screenshot(shot('problems'));

  // Hold a connection over a port that cannot take it: the reason shows before the drop.
  const from = await handle(canvasNode(page, 'Draft reply'), 'output', 'out').boundingBox();
  const to = await handle(canvasNode(page, 'Draft reply'), 'input', 'ticket').boundingBox();
  if (!from || !to) throw new Error('handles');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + 20, to.y + 30, { steps: 6 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
  await expect(page.locator('.ed-connection-hint')).toContainText('cannot connect to itself');
  await page.screenshot(shot('refusing'));
  await page.mouse.up();
  await expect(page.locator('.toasts').getByRole('alert')).toContainText('cannot connect to itself');
  await page.screenshot(shot('refused'));
});

test('screens: a revise loop, its toolbar, and dialogs', async ({ page }) => {
  const doc = createEmptyFlow('Revise loop');
  doc.nodes = [
    { id: 'in', kind: 'input', label: 'Brief', position: { x: 0, y: 80 }, config: { fields: [{ name: 'text', type: 'string', required: true }] } },
    { id: 'draft', kind: 'agent', label: 'Compose email', position: { x: 260, y: 60 }, config: { role: 'Writer', goal: 'Write a short outreach email', backstory: '', instructions: 'Write to {{text}}. Feedback: {{feedback}}', temperature: 0.7, maxIterations: 3, outputSchema: null, tools: [] } },
    { id: 'check', kind: 'schema_check', label: 'Check length', position: { x: 540, y: 80 }, config: { schema: { type: 'string', maxLength: 800 } } },
    { id: 'out', kind: 'output', label: 'Email', position: { x: 820, y: 40 }, config: { name: 'email' } },
  ];
  doc.edges = [
    { id: 'e1', source: 'in', sourcePort: 'text', target: 'draft', targetPort: 'text' },
    { id: 'e2', source: 'draft', sourcePort: 'out', target: 'check', targetPort: 'in' },
    { id: 'e3', source: 'check', sourcePort: 'valid', target: 'out', targetPort: 'value' },
  ];
  await openFlow(page, doc);
  const check = canvasNode(page, 'Check length');
  await expect(check).toBeVisible();
  const ports = await check.locator('.react-flow__handle.source').evaluateAll((els) => els.map((e) => e.getAttribute('data-handleid')));
  await connectHandles(page, handle(check, 'output', ports.includes('invalid') ? 'invalid' : (ports[0] ?? 'valid')), handle(canvasNode(page, 'Compose email'), 'input', 'feedback'));
  await page.locator('.toasts').getByRole('button', { name: 'Add as revise loop' }).click();
  await page.locator('.fedge-loop-chip').click();
  await expect(page.getByRole('group', { name: 'Connection actions' })).toBeVisible();
  await page.screenshot(shot('loop'));

  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await page.screenshot(shot('shortcuts'));
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save version…' }).click();
  await page.getByRole('textbox', { name: 'Version name' }).fill('First draft');
  await page.getByRole('dialog', { name: 'Save version' }).getByRole('button', { name: 'Save version' }).click();
  await page.getByRole('button', { name: 'Versions' }).click();
  await expect(page.getByRole('rowheader', { name: 'First draft' })).toBeVisible();
  await page.screenshot(shot('versions'));
});

test('screens: a run on the canvas, and the conflict banner', async ({ page, context }) => {
  const doc = supportTriageFlow('triage-run');
  await openFlow(page, doc);
  await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Run' }).click();
  const form = page.getByRole('form', { name: 'Run inputs' });
  await form.getByRole('textbox').first().fill('I have a billing question: my invoice shows the same charge twice.');
  await form.getByRole('button', { name: /Run/ }).click();
  await expect(page.locator('.run-status-line')).toHaveText(/^Waiting for review at “Review reply”/);
  await expect(canvasNode(page, 'Classify ticket').locator('.fnode-status')).toContainText('Done');
  await expect(canvasNode(page, 'Review reply').locator('.fnode-status')).toContainText('Waiting for review');
  await expect(page.locator('.fnode-status.status-skipped').first()).toBeVisible();
  await page.screenshot(shot('run'));

  const other = await context.newPage();
  await other.setViewportSize({ width: 1366, height: 900 });
  await other.goto(`/#/flows/${doc.id}`);
  await expect(canvasNode(other, 'Ticket')).toBeVisible();
  await other.getByRole('button', { name: 'Add Template', exact: true }).focus();
  await other.keyboard.press('Enter');
  await expect(other.getByRole('toolbar', { name: 'Flow' }).getByRole('status')).toHaveText('Saved');
  await expect(page.getByRole('alert').filter({ hasText: 'This flow was changed in another tab' })).toBeVisible();
  await page.screenshot(shot('conflict'));
});

test('screens: nodes at full size', async ({ page }) => {
  const doc = supportTriageFlow('triage-zoom');
  doc.edges = doc.edges.filter((e) => e.target !== 'reply');
  await openFlow(page, doc);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
  await canvasNode(page, 'Classify ticket').click();
  await page.waitForTimeout(400);
  await page.screenshot(shot('zoomed'));
});

test.describe('dark', () => {
  test.use({ colorScheme: 'dark' });
  test('screens: the editor in dark mode passes axe', async ({ page }) => {
    const doc = supportTriageFlow('triage-dark');
    doc.edges = doc.edges.filter((e) => e.target !== 'reply');
    await openFlow(page, doc);
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await canvasNode(page, 'Classify ticket').click();
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.waitForTimeout(300);
    await page.screenshot(shot('dark'));
    const AxeBuilder = (await import('@axe-core/playwright')).default;
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  });
});
