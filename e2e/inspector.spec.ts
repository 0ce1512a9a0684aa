/**
 * The inspector, driven as a person would: forms derived from each kind's schema, Monaco editors
 * with completion of upstream variables, errors at the field and on the canvas, flow settings,
 * revise loops on connections, undo of a burst of typing, and axe on every view.
 */
import { test, expect } from './fixtures';
import { canvasNode, openFlow, storedFlow } from './helpers';
import { axeSerious, inspector, monaco, monacoText, researchFlow, reviseFlow, savedConfig, selectEdge, selectNode } from './inspectorHelpers';

test.use({ viewport: { width: 1366, height: 900 } });

const shot = (name: string) => `.screenshots/inspector-${name}.png`;

test('selecting a node shows the form of its kind: fields, lists and code editors', async ({ page }) => {
  const doc = researchFlow();
  await openFlow(page, doc);
  const panel = inspector(page);

  await selectNode(page, 'Research');
  await expect(panel.getByText('Agent', { exact: true }).first()).toBeVisible();
  await expect(panel.getByRole('textbox', { name: 'Label' })).toHaveValue('Research');
  await expect(panel.getByRole('textbox', { name: 'Role' })).toHaveValue('company researcher');
  await expect(panel.getByRole('textbox', { name: 'Goal' })).toHaveValue('Summarise what the company does');
  await expect(panel.getByRole('spinbutton', { name: 'Temperature' })).toHaveValue('0.3');
  await expect(panel.getByRole('spinbutton', { name: 'Max iterations' })).toHaveValue('3');
  await expect(panel.getByRole('combobox', { name: 'Provider' })).toHaveValue('');
  await expect(panel.getByRole('group', { name: /Tools/ })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Add HTTP tool' })).toBeVisible();
  await monaco(page, 'Instructions (template)');
  expect(await monacoText(page, 'Instructions (template)')).toContain('Research {{company}}.');
  await monaco(page, 'Output schema');
  expect(await monacoText(page, 'Output schema')).toContain('"summary"');
  // What feeds the node is listed with its source.
  await expect(panel.getByText('from Lead › company')).toBeVisible();
  await page.screenshot({ path: shot('agent') });

  // An Input node: its fields are an editable list; adding one adds a run input.
  await selectNode(page, 'Lead');
  const fields = panel.getByRole('group', { name: /Fields/ });
  await expect(fields.getByRole('group', { name: 'Field 1: company' })).toBeVisible();
  await expect(fields.getByRole('combobox', { name: 'Type' })).toHaveValue('string');
  await fields.getByRole('button', { name: 'Add field' }).click();
  const second = fields.getByRole('group', { name: 'Field 2: field' });
  await expect(second.getByRole('textbox', { name: 'Name' })).toHaveValue('field');
  await second.getByRole('combobox', { name: 'Type' }).selectOption('number');
  await second.getByRole('textbox', { name: 'Name' }).fill('employees');
  await expect(canvasNode(page, 'Lead').locator('.fnode-port-name', { hasText: 'employees' })).toBeVisible();
  // Reorder and remove, by keyboard-reachable buttons.
  await fields.getByRole('button', { name: 'Move Field 2: employees up' }).click();
  await expect(fields.getByRole('group', { name: 'Field 1: employees' })).toBeVisible();
  await fields.getByRole('button', { name: 'Remove Field 1: employees' }).click();
  await expect(fields.getByRole('group')).toHaveCount(1);
  await expect(fields.getByRole('button', { name: 'Remove Field 1: company' })).toBeDisabled(); // at least one field
  await page.screenshot({ path: shot('input') });
});

test('typing {{ in a template lists the upstream variables, and a dot lists the fields known about one', async ({ page }) => {
  const doc = researchFlow();
  await openFlow(page, doc);
  await selectNode(page, 'Write-up');
  const editor = await monaco(page, 'Template (template)');
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Score: {{');

  const suggestions = page.locator('.suggest-widget.visible');
  await expect(suggestions.getByRole('option', { name: /^company/ })).toBeVisible();
  await expect(suggestions.getByRole('option', { name: /^research/ })).toBeVisible();
  await page.screenshot({ path: shot('completion') });
  await suggestions.getByRole('option', { name: /^research/ }).click();
  await expect.poll(async () => (await savedConfig(page, doc.id, 'write'))?.template).toBe('About {{company}}: {{research}} Score: {{research}}');

  // The cursor stays inside the placeholder: a dot offers what the agent's output schema declares.
  await page.keyboard.type('.');
  await expect(suggestions.getByRole('option', { name: /^summary/ })).toBeVisible();
  await expect(suggestions.getByRole('option', { name: /^score/ })).toBeVisible();
  await page.screenshot({ path: shot('completion-fields') });
  await suggestions.getByRole('option', { name: /^score/ }).click();
  await expect.poll(async () => (await savedConfig(page, doc.id, 'write'))?.template).toBe('About {{company}}: {{research}} Score: {{research.score}}');
  expect(await monacoText(page, 'Template (template)')).toContain('Score: {{research.score}}');

  // Escape closes the list; Escape again leaves the editor, so the keyboard is never trapped.
  await page.keyboard.type(' {{');
  await expect(suggestions).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(suggestions).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(editor).not.toBeFocused();
});

test('a broken config shows its error at the field and a diagnostic on the canvas node, and keeps what was typed', async ({ page }) => {
  await openFlow(page, researchFlow());
  const panel = inspector(page);
  await selectNode(page, 'Research');

  const role = panel.getByRole('textbox', { name: 'Role' });
  await role.fill('');
  await expect(role).toHaveAttribute('aria-invalid', 'true');
  await expect(role).toHaveAccessibleDescription(/must not be empty/);
  await expect(canvasNode(page, 'Research').getByRole('button', { name: '1 problem' })).toBeVisible();
  const summary = panel.getByRole('region', { name: "Problems in this node's settings" });
  await expect(summary).toContainText('Role: must not be empty');

  // A number out of range is kept as typed, with its error.
  const temperature = panel.getByRole('spinbutton', { name: 'Temperature' });
  await temperature.fill('7');
  await expect(temperature).toHaveValue('7');
  await expect(temperature).toHaveAccessibleDescription(/2/);
  await expect(canvasNode(page, 'Research').getByRole('button', { name: '2 problems' })).toBeVisible();

  // JSON that does not parse is kept and explained with its position.
  const schema = await monaco(page, 'Output schema');
  await schema.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' oops');
  await expect(panel.getByText(/Not valid JSON at line \d+, column \d+/)).toBeVisible();
  await expect(panel.locator('.code-editor .squiggly-error').first()).toBeVisible(); // the JSON worker agrees
  await expect(canvasNode(page, 'Research').getByRole('button', { name: '3 problems' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.screenshot({ path: shot('errors') });

  // The summary takes the keyboard to the field; fixing it clears the error everywhere.
  await summary.getByRole('button', { name: 'Role' }).click();
  await expect(role).toBeFocused();
  await role.fill('company researcher');
  await temperature.fill('0.3');
  await schema.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
  await expect(panel.getByText(/Not valid JSON/)).toHaveCount(0);
  await expect(role).not.toHaveAttribute('aria-invalid', 'true');
  await expect(canvasNode(page, 'Research').getByRole('button', { name: /problem/ })).toHaveCount(0);
});

test('JSONata is checked by the engine with the error position; JavaScript is checked by its own worker', async ({ page }) => {
  const doc = researchFlow();
  doc.nodes.push(
    { id: 'shape', kind: 'transform', label: 'Shape', position: { x: 580, y: 320 }, config: { expression: '$.name', inputs: ['in'] } },
    { id: 'score', kind: 'code', label: 'Score', position: { x: 580, y: 480 }, config: { code: 'function main(inputs) {\n  return inputs.company.length;\n}\n', inputs: ['company'], timeoutMs: 1000, memoryMb: 16 } },
  );
  doc.edges.push({ id: 'e5', source: 'lead', sourcePort: 'company', target: 'shape', targetPort: 'in' }, { id: 'e6', source: 'lead', sourcePort: 'company', target: 'score', targetPort: 'company' });
  await openFlow(page, doc);
  const panel = inspector(page);

  await selectNode(page, 'Shape');
  const expression = await monaco(page, 'Expression (JSONata)');
  await expression.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' +');
  await expect(panel.getByText(/JSONata syntax error at line 1, column \d+/)).toBeVisible();
  await expect(panel.locator('.code-editor .squiggly-error')).toHaveCount(1);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(panel.getByText(/JSONata syntax error/)).toHaveCount(0);

  // Code: a header says what main() gets; the JavaScript worker marks a syntax error.
  await selectNode(page, 'Score');
  await expect(panel.getByText('// function main(inputs) gets this node\'s inputs (inputs.company).', { exact: false })).toBeVisible();
  const code = await monaco(page, 'Code (JavaScript)');
  await code.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('function (');
  await expect(panel.locator('.code-editor .squiggly-error').first()).toBeVisible();
  await expect(panel.getByText(/JavaScript error at line 4, column \d+/).first()).toBeVisible();
  await page.screenshot({ path: shot('code') });
  for (let i = 0; i < 'function ('.length + 1; i++) await page.keyboard.press('Backspace');
  await expect(panel.getByText(/JavaScript error/)).toHaveCount(0);
});

test('flow settings show when nothing is selected; values the flow cannot hold stay with their error', async ({ page }) => {
  const doc = researchFlow('Settings test');
  await openFlow(page, doc);
  const panel = inspector(page);
  await expect(panel.getByRole('heading', { level: 2, name: 'Flow settings' })).toBeVisible();

  const name = panel.getByRole('textbox', { name: 'Name' });
  await name.fill('Renamed flow');
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Renamed flow');
  await panel.getByRole('textbox', { name: 'Description' }).fill('Researches a lead and writes it up.');

  const concurrency = panel.getByRole('spinbutton', { name: 'Concurrency' });
  await concurrency.fill('0');
  await expect(concurrency).toHaveValue('0');
  await expect(concurrency).toHaveAccessibleDescription(/from 1 to 32; the flow keeps 4/);
  await concurrency.fill('8');
  await expect(concurrency).not.toHaveAttribute('aria-invalid', 'true');

  const provider = panel.getByRole('combobox', { name: 'Default provider' });
  await expect(provider.getByRole('option', { name: 'Demo model (scripted, offline)', exact: true })).toHaveCount(1);
  await provider.selectOption('demo');
  await panel.getByRole('textbox', { name: 'Default model' }).fill('trellis-demo');
  await page.screenshot({ path: shot('flow-settings') });

  await expect
    .poll(async () => {
      const saved = (await storedFlow(page, doc.id))?.doc;
      return saved && { name: saved.name, description: saved.description, settings: saved.settings };
    })
    .toEqual({ name: 'Renamed flow', description: 'Researches a lead and writes it up.', settings: { concurrency: 8, providerId: 'demo', model: 'trellis-demo', pii: doc.settings.pii } });

  // Selecting a node and then clearing the selection brings the settings back.
  await selectNode(page, 'Result');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await expect(panel.getByRole('heading', { level: 2, name: 'Flow settings' })).toBeVisible();
});

test('a connection back to an earlier step can be marked as a revise loop with a bound', async ({ page }) => {
  const doc = reviseFlow();
  await openFlow(page, doc);
  await expect(canvasNode(page, 'Composer').getByRole('button', { name: /problem/ })).toBeVisible(); // an unmarked cycle

  await selectEdge(page, 'back');
  const panel = inspector(page);
  await expect(panel.getByRole('heading', { level: 2, name: 'Check → Composer' })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Problems with this connection' })).toContainText('closes a cycle');
  const mark = panel.getByRole('checkbox', { name: 'Mark as a revise loop' });
  await mark.check();
  const iterations = panel.getByRole('spinbutton', { name: 'Max iterations' });
  await expect(iterations).toHaveValue('3');
  await iterations.fill('60');
  await expect(iterations).toHaveAccessibleDescription(/from 1 to 50/);
  await iterations.fill('4');
  await expect(panel.getByText('Runs again: Composer → Check.')).toBeVisible();
  await expect(canvasNode(page, 'Composer').getByRole('button', { name: /problem/ })).toHaveCount(0);
  await expect(canvasNode(page, 'Check').locator('.fnode-port-name', { hasText: 'exhausted' })).toBeVisible();
  await page.screenshot({ path: shot('loop') });
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.edges.find((e) => e.id === 'back')?.loop).toEqual({ maxIterations: 4 });

  await mark.uncheck();
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.edges.find((e) => e.id === 'back')?.loop).toBeUndefined();
});

test('a burst of typing is one undo step, in text fields and in Monaco', async ({ page }) => {
  await openFlow(page, researchFlow());
  const panel = inspector(page);
  await selectNode(page, 'Research');
  const goal = panel.getByRole('textbox', { name: 'Goal' });
  await goal.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' and who buys from it');
  await expect(goal).toHaveValue('Summarise what the company does and who buys from it');

  const instructions = await monaco(page, 'Instructions (template)');
  await instructions.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Be brief.');
  await expect.poll(() => monacoText(page, 'Instructions (template)')).toContain('Research {{company}}. Be brief.');

  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await undo.click();
  await expect.poll(() => monacoText(page, 'Instructions (template)')).not.toContain('Be brief');
  await expect(goal).toHaveValue('Summarise what the company does and who buys from it');
  await undo.click();
  await expect(goal).toHaveValue('Summarise what the company does');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(goal).toHaveValue('Summarise what the company does and who buys from it');
});

test('axe finds no serious problems in the inspector: node form with Monaco, connection, several selected, flow settings', async ({ page }) => {
  await openFlow(page, reviseFlow('Axe flow'));
  expect(await axeSerious(page, 'aside[aria-label="Details"]')).toEqual([]);

  await selectNode(page, 'Composer');
  await monaco(page, 'Instructions (template)');
  await inspector(page).getByRole('button', { name: 'Add HTTP tool' }).click();
  await monaco(page, 'URL (template)');
  await inspector(page).getByRole('textbox', { name: 'Role' }).fill('');
  expect(await axeSerious(page, 'aside[aria-label="Details"]')).toEqual([]);

  await selectEdge(page, 'back');
  await inspector(page).getByRole('checkbox', { name: 'Mark as a revise loop' }).check();
  expect(await axeSerious(page, 'aside[aria-label="Details"]')).toEqual([]);

  await canvasNode(page, 'Brief').locator('.fnode-label').click();
  await canvasNode(page, 'Email').locator('.fnode-label').click({ modifiers: ['Shift'] });
  await expect(inspector(page).getByRole('heading', { level: 2, name: '2 nodes selected' })).toBeVisible();
  expect(await axeSerious(page, 'aside[aria-label="Details"]')).toEqual([]);
});
