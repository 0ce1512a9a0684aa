/**
 * The flows library, driven as a person would: templates, create, rename, duplicate, delete with
 * undo, search and sort, import (file picker and drop) with its errors and warnings, export round
 * trip with identical bytes, exports without secrets, a live list across tabs, and axe.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const EDITOR_URL = /#\/flows\/flow-[a-z0-9]{12}$/;

const rows = (page: Page) => page.locator('tbody').getByRole('row');
const names = (page: Page) => page.locator('tbody .flow-name').allInnerTexts();
const row = (page: Page, name: string) => rows(page).filter({ has: page.getByRole('link', { name, exact: true }) });

async function goToLibrary(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flows', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Flows' })).toBeVisible();
}

async function useTemplate(page: Page, name: string) {
  await page.getByRole('button', { name: 'From template' }).click();
  await page.getByRole('dialog', { name: 'Start from a template' }).getByRole('button', { name: `Use template: ${name}` }).click();
  await expect(page).toHaveURL(EDITOR_URL);
  const flowId = decodeURIComponent(page.url().split('/').pop() as string);
  await goToLibrary(page);
  return flowId;
}

async function rowAction(page: Page, flowName: string, action: string) {
  await page.getByRole('button', { name: `Actions for ${flowName}`, exact: true }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function chooseFile(page: Page, file: { name: string; text: string; mimeType?: string }, button = 'Import…') {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button, exact: true }).click()]);
  await chooser.setFiles({ name: file.name, mimeType: file.mimeType ?? 'application/json', buffer: Buffer.from(file.text) });
}

async function exportFlow(page: Page, flowName: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), rowAction(page, flowName, 'Export')]);
  return { name: (download as Download).suggestedFilename(), bytes: await readFile(await (download as Download).path()) };
}

/** Writes a row straight into the app's IndexedDB (as another part of the app, or an older version, would have). */
async function putRow(page: Page, store: string, value: Record<string, unknown>) {
  await page.evaluate(
    ({ store, value }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('trellis');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(store, 'readwrite');
          tx.objectStore(store).put(value);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, value },
  );
}

async function getRow(page: Page, store: string, key: string): Promise<unknown> {
  return page.evaluate(
    ({ store, key }) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('trellis');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const get = db.transaction(store).objectStore(store).get(key);
          get.onsuccess = () => {
            db.close();
            resolve(get.result);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    { store, key },
  );
}

/** A small valid flow file: an input, an agent and an output. */
function sampleFlow(overrides: { id?: string; name?: string; agentConfig?: Record<string, unknown> } = {}) {
  return {
    format: 'trellis.flow',
    version: 1,
    id: overrides.id ?? 'imported-sample',
    name: overrides.name ?? 'Imported sample',
    description: 'A flow that came from a file.',
    nodes: [
      { id: 'in', kind: 'input', label: 'Question', position: { x: 0, y: 0 }, config: { fields: [{ name: 'question', type: 'string', required: true }] } },
      {
        id: 'answer',
        kind: 'agent',
        label: 'Answer',
        position: { x: 240, y: 0 },
        config: { role: 'helpful expert', goal: 'Answer briefly', backstory: '', instructions: 'Answer: {{question}}', temperature: 0.2, maxIterations: 2, outputSchema: null, tools: [], ...overrides.agentConfig },
      },
      { id: 'out', kind: 'output', label: 'Answer', position: { x: 480, y: 0 }, config: { name: 'answer' } },
    ],
    edges: [
      { id: 'e1', source: 'in', sourcePort: 'question', target: 'answer', targetPort: 'question' },
      { id: 'e2', source: 'answer', sourcePort: 'out', target: 'out', targetPort: 'value' },
    ],
    settings: { concurrency: 2 },
  };
}

/** A file with several problems in different places. */
const BROKEN = {
  format: 'trellis.flow',
  version: 1,
  id: 'broken',
  name: 'Broken',
  description: '',
  nodes: [
    { id: 'in', kind: 'input', label: 'In', position: { x: 0, y: 0 }, config: { fields: [{ name: 'q' }] } },
    { id: 'a', kind: 'agent', label: 'A', position: { x: 1, y: 0 }, config: { role: 'r', goal: 'g', instructions: 'x', model: 5 } },
    { id: 'b', kind: 'teleporter', label: 'B', position: { x: 2, y: 0 }, config: {} },
  ],
  edges: [{ id: 'e1', source: 'in', sourcePort: 'q', target: 'ghost', targetPort: 'in' }],
  settings: { concurrency: 0 },
};

async function dropFile(page: Page, file: { name: string; text: string }) {
  const dataTransfer = await page.evaluateHandle(({ name, text }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], name, { type: 'application/json' }));
    return transfer;
  }, file);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop to import a flow')).toBeVisible();
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByText('Drop to import a flow')).toBeHidden();
}

test('first start: an empty library offers templates one click away, and creating opens the editor', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Start your first flow' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Use template: Lead research and outreach' }).click();
  await expect(page).toHaveURL(EDITOR_URL);
  await expect(page.getByRole('heading', { level: 1, name: 'Flows' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flows', exact: true })).toHaveAttribute('aria-current', 'page');
  await goToLibrary(page);
  const lead = row(page, 'Lead research and outreach');
  await expect(lead).toContainText('14');
  await expect(lead).toContainText('Never run');
  await expect(lead.locator('time')).toHaveText('just now');
  await expect(lead.locator('time')).toHaveAttribute('title', /\d{4}/);

  await page.getByRole('button', { name: 'New flow' }).click();
  await expect(page).toHaveURL(EDITOR_URL);
  await goToLibrary(page);
  await page.getByRole('button', { name: 'New flow' }).click();
  await goToLibrary(page);
  expect(await names(page)).toEqual(['Untitled flow 2', 'Untitled flow', 'Lead research and outreach']);
  await expect(row(page, 'Untitled flow')).toContainText('0');

  // The list survives a reload (it is the database, not page state).
  await page.reload();
  await expect(rows(page)).toHaveCount(3);
  expect(await seriousViolations(page)).toEqual([]);
  // axe with the template gallery and a row menu open too.
  await page.getByRole('button', { name: 'From template' }).click();
  await expect(page.getByRole('dialog', { name: 'Start from a template' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Actions for Untitled flow', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'Actions for Untitled flow' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Actions for Untitled flow', exact: true })).toBeFocused();
});

test('rename, duplicate, delete with undo, by mouse and keyboard', async ({ page }) => {
  await page.goto('/');
  await useTemplate(page, 'Support ticket triage');
  await useTemplate(page, 'Lead research and outreach');

  // Rename by keyboard: the menu button opens on Enter, arrows move, Enter picks.
  await page.getByRole('button', { name: 'Actions for Support ticket triage' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Open' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Rename…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Rename flow' });
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await page.keyboard.type('Billing triage');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row(page, 'Billing triage')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Actions for Billing triage' })).toBeFocused();

  // An empty name is refused in place, and Escape leaves the flow as it was.
  await rowAction(page, 'Billing triage', 'Rename…');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('   ');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Enter a name for the flow.')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row(page, 'Billing triage')).toBeVisible();

  // Description too.
  await rowAction(page, 'Billing triage', 'Rename…');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Sorts billing tickets first.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(row(page, 'Billing triage')).toContainText('Sorts billing tickets first.');

  // Duplicate: a new flow, "Copy of ...", same nodes.
  await rowAction(page, 'Billing triage', 'Duplicate');
  await expect(page.getByText('Created “Copy of Billing triage”.')).toBeVisible();
  await expect(row(page, 'Copy of Billing triage')).toContainText('11');
  await rowAction(page, 'Billing triage', 'Duplicate');
  await expect(row(page, 'Copy of Billing triage (2)')).toBeVisible();
  await expect(rows(page)).toHaveCount(4);

  // Delete, then undo from the toast.
  await rowAction(page, 'Copy of Billing triage', 'Delete');
  await expect(row(page, 'Copy of Billing triage')).toHaveCount(0);
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByText('Deleted “Copy of Billing triage”.')).toBeVisible();
  // Focus moved to the next row rather than being lost with the deleted one.
  await expect(page.locator('tbody .flow-name:focus')).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(row(page, 'Copy of Billing triage')).toBeVisible();
  await expect(rows(page)).toHaveCount(4);

  // Delete for good: gone after a reload too.
  await rowAction(page, 'Copy of Billing triage (2)', 'Delete');
  await expect(rows(page)).toHaveCount(3);
  await page.reload();
  await expect(rows(page)).toHaveCount(3);
  expect(await names(page)).not.toContain('Copy of Billing triage (2)');
});

test('search filters as you type, sort by name or last edited, and rows open by keyboard', async ({ page }) => {
  await page.goto('/');
  await useTemplate(page, 'Support ticket triage');
  await useTemplate(page, 'Lead research and outreach');
  await page.getByRole('button', { name: 'New flow' }).click();
  await goToLibrary(page);
  expect(await names(page)).toEqual(['Untitled flow', 'Lead research and outreach', 'Support ticket triage']);

  // "/" jumps to the search box.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search flows' });
  await expect(search).toBeFocused();
  await page.keyboard.type('LEAD');
  expect(await names(page)).toEqual(['Lead research and outreach']);
  await expect(page.getByText('1 of 3 flows')).toBeVisible();
  // Words match in the description too, in any order.
  await search.fill('ticket billing');
  expect(await names(page)).toEqual(['Support ticket triage']);
  await search.fill('zebra');
  await expect(page.getByText('No flows match “zebra”.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(rows(page)).toHaveCount(3);
  await search.fill('lead');
  await search.press('Escape');
  await expect(search).toHaveValue('');

  const sort = page.getByRole('combobox', { name: 'Sort by' });
  await sort.selectOption({ label: 'Name' });
  expect(await names(page)).toEqual(['Lead research and outreach', 'Support ticket triage', 'Untitled flow']);
  await page.reload();
  await expect(sort).toHaveValue('name');
  expect(await names(page)).toEqual(['Lead research and outreach', 'Support ticket triage', 'Untitled flow']);
  await sort.selectOption({ label: 'Last edited' });
  expect(await names(page)).toEqual(['Untitled flow', 'Lead research and outreach', 'Support ticket triage']);

  // Tab from the sort reaches the first flow; Enter opens it.
  await sort.focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Untitled flow', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(EDITOR_URL);
});

test('import from the file picker: a valid file is added; a rejected file lists every problem with its path and changes nothing', async ({ page }) => {
  await page.goto('/');
  await useTemplate(page, 'Support ticket triage');

  await chooseFile(page, { name: 'sample.trellis.json', text: JSON.stringify(sampleFlow()) });
  await expect(page.getByText('Imported “Imported sample”.')).toBeVisible();
  await expect(row(page, 'Imported sample')).toContainText('A flow that came from a file.');
  const before = await names(page);
  expect(before).toEqual(['Imported sample', 'Support ticket triage']);

  await chooseFile(page, { name: 'broken.json', text: JSON.stringify(BROKEN, null, 2) });
  const dialog = page.getByRole('dialog', { name: 'Could not import “broken.json”' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Nothing was imported; your library is unchanged.');
  const problems = dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem');
  await expect(problems).toHaveText([
    /^nodes\[1\]\.config\.model: expected string, got number/,
    /^nodes\[2\]\.kind: unknown node kind "teleporter"/,
    /^edges\[0\]\.target: no node with id "ghost"/,
    /^settings\.concurrency: must be at least 1/,
  ]);
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  expect(await names(page)).toEqual(before);

  // Not JSON at all: said plainly, with where.
  await chooseFile(page, { name: 'notes.txt', text: 'hello there', mimeType: 'text/plain' });
  const notJson = page.getByRole('dialog', { name: 'Could not import “notes.txt”' });
  await expect(notJson).toContainText('Trellis imports flows saved as JSON');
  await expect(notJson.getByRole('listitem')).toHaveText(/^\$: not valid JSON at line 1, column 1/);
  // "Choose another file…" goes straight back to the picker.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), notJson.getByRole('button', { name: 'Choose another file…' }).click()]);
  await chooser.setFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'n8n', nodes: [] })) });
  await expect(page.getByRole('dialog', { name: 'Could not import “other.json”' }).getByRole('listitem')).toHaveText('format: expected "trellis.flow", got "n8n"; this is not a Trellis flow file');
  await page.keyboard.press('Escape');
  expect(await names(page)).toEqual(before);

  // An older format version is converted, and the import says so.
  const v0 = {
    format: 'trellis.flow',
    version: 0,
    id: 'old-flow',
    title: 'From the old builder',
    steps: [
      { id: 'in', type: 'input', name: 'Text', x: 0, y: 0, params: { fields: [{ name: 'text' }] } },
      { id: 'out', type: 'output', name: 'Result', x: 200, y: 0, params: { name: 'result' } },
    ],
    links: [{ from: 'in.text', to: 'out.value' }],
  };
  await chooseFile(page, { name: 'old.json', text: JSON.stringify(v0) });
  const imported = page.getByRole('dialog', { name: 'Imported “From the old builder”' });
  await expect(imported.getByRole('list', { name: 'Changes made on import' }).getByRole('listitem')).toHaveText([/^version: converted from format version 0 to 1/]);
  await imported.getByRole('button', { name: 'Open flow' }).click();
  await expect(page).toHaveURL(/#\/flows\/old-flow$/);
});

test('drop a flow file anywhere on the window to import it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Start your first flow' })).toBeVisible();

  // Dragging over shows the overlay; leaving hides it.
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['{}'], 'x.json', { type: 'application/json' }));
    return transfer;
  });
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop to import a flow')).toBeVisible();
  await page.dispatchEvent('main', 'dragleave', { dataTransfer });
  await expect(page.getByText('Drop to import a flow')).toBeHidden();

  await dropFile(page, { name: 'dropped.trellis.json', text: JSON.stringify(sampleFlow({ name: 'Dropped flow' })) });
  await expect(page.getByText('Imported “Dropped flow”.')).toBeVisible();
  await expect(row(page, 'Dropped flow')).toBeVisible();

  await dropFile(page, { name: 'broken.json', text: JSON.stringify(BROKEN) });
  const dialog = page.getByRole('dialog', { name: 'Could not import “broken.json”' });
  await expect(dialog.getByRole('listitem').filter({ hasText: 'settings.concurrency' })).toHaveText('settings.concurrency: must be at least 1');
  await dialog.getByRole('button', { name: 'OK' }).click();
  expect(await names(page)).toEqual(['Dropped flow']);
});

test('export → import → export gives identical bytes; a taken id asks, keeping both by default', async ({ page }) => {
  await page.goto('/');
  const flowId = await useTemplate(page, 'Lead research and outreach');

  const first = await exportFlow(page, 'Lead research and outreach');
  expect(first.name).toBe('Lead research and outreach.trellis.json');
  const text = first.bytes.toString('utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'trellis.flow', version: 1, id: flowId, name: 'Lead research and outreach' });
  expect(text.endsWith('}\n')).toBe(true);

  // Same id as the flow in the library: asked, "Keep both" is the focused default.
  await chooseFile(page, { name: first.name, text });
  const ask = page.getByRole('dialog', { name: 'This flow is already in your library' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Keep both' })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Enter');
  await expect(ask).toBeHidden();
  await expect(page.getByText('Imported “Lead research and outreach (imported)”.')).toBeVisible();
  expect(await names(page)).toEqual(['Lead research and outreach (imported)', 'Lead research and outreach']);
  const copyId = await row(page, 'Lead research and outreach (imported)').getAttribute('data-flow-id');
  expect(copyId).toMatch(/^flow-[a-z0-9]{12}$/);
  expect(copyId).not.toBe(flowId);

  // Replace: the stored flow becomes the file's (undoable), and its export is byte-identical.
  await rowAction(page, 'Lead research and outreach', 'Rename…');
  await page.getByRole('textbox', { name: 'Name' }).fill('Changed here');
  await page.getByRole('button', { name: 'Save' }).click();
  await chooseFile(page, { name: first.name, text });
  await expect(ask).toContainText('same id as Changed here');
  await ask.getByRole('button', { name: 'Replace it' }).click();
  await expect(page.getByText('Replaced “Changed here” with the imported flow.')).toBeVisible();
  expect(await names(page)).toEqual(['Lead research and outreach', 'Lead research and outreach (imported)']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(row(page, 'Changed here')).toBeVisible();
  await chooseFile(page, { name: first.name, text });
  await ask.getByRole('button', { name: 'Replace it' }).click();
  await expect(row(page, 'Changed here')).toHaveCount(0);
  await rowAction(page, 'Lead research and outreach (imported)', 'Delete');
  await expect(rows(page)).toHaveCount(1);
  const second = await exportFlow(page, 'Lead research and outreach');
  expect(second.bytes.equals(first.bytes)).toBe(true);

  // And through a delete: export, delete, import the file, export again.
  await rowAction(page, 'Lead research and outreach', 'Delete');
  await expect(page.getByRole('heading', { name: 'Start your first flow' })).toBeVisible();
  await chooseFile(page, { name: first.name, text });
  await expect(page.getByText('Imported “Lead research and outreach”.')).toBeVisible();
  const third = await exportFlow(page, 'Lead research and outreach');
  expect(third.bytes.equals(first.bytes)).toBe(true);
});

test('an export never contains an API key or other secret', async ({ page }) => {
  const SECRET = 'sk-test-SECRET-7f3a9c2e1b';
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Start your first flow' })).toBeVisible();
  // A provider key configured in the settings store...
  await putRow(page, 'secrets', { id: 'openai', value: SECRET, updatedAt: Date.now() });
  // ...and a flow file that carries a stray key in a node's config and refers to the provider by id.
  const withKey = sampleFlow({ name: 'Flow with a stray key', agentConfig: { apiKey: SECRET, providerId: 'openai', model: 'gpt-4o-mini' } });
  await chooseFile(page, { name: 'with-key.json', text: JSON.stringify(withKey) });
  const imported = page.getByRole('dialog', { name: 'Imported “Flow with a stray key”' });
  await expect(imported.getByRole('listitem')).toHaveText(['nodes[1].config.apiKey: unknown field; left out']);
  await expect(imported).not.toContainText(SECRET);
  await imported.getByRole('button', { name: 'Done' }).click();
  await expect(imported).toBeHidden();

  // The same file again: its id is taken; keeping both still reports what was left out.
  await chooseFile(page, { name: 'with-key.json', text: JSON.stringify(withKey) });
  await page.getByRole('dialog', { name: 'This flow is already in your library' }).getByRole('button', { name: 'Keep both' }).click();
  const importedCopy = page.getByRole('dialog', { name: 'Imported “Flow with a stray key (imported)”' });
  await expect(importedCopy.getByRole('listitem')).toHaveText(['nodes[1].config.apiKey: unknown field; left out']);
  await importedCopy.getByRole('button', { name: 'Done' }).click();
  expect(await names(page)).toEqual(['Flow with a stray key (imported)', 'Flow with a stray key']);
  await rowAction(page, 'Flow with a stray key (imported)', 'Delete');
  await expect(rows(page)).toHaveCount(1);

  const exported = await exportFlow(page, 'Flow with a stray key');
  const text = exported.bytes.toString('utf8');
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain('sk-test');
  expect(text).not.toContain('apiKey');
  expect(JSON.parse(text).nodes[1].config).toMatchObject({ providerId: 'openai', model: 'gpt-4o-mini' });
  // The key itself is still where it belongs.
  expect(await getRow(page, 'secrets', 'openai')).toMatchObject({ value: SECRET });
});

test('the list stays live when another tab changes flows, and shows the last run with a link to it', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Start your first flow' })).toBeVisible();
  const other = await context.newPage();
  await other.goto('/');
  await useTemplate(other, 'Support ticket triage');
  await expect(row(page, 'Support ticket triage')).toBeVisible();
  await rowAction(other, 'Support ticket triage', 'Rename…');
  await other.getByRole('textbox', { name: 'Name' }).fill('Renamed elsewhere');
  await other.getByRole('button', { name: 'Save' }).click();
  await expect(row(page, 'Renamed elsewhere')).toBeVisible();
  await other.close();

  const flowId = (await page.locator('tbody tr').first().getAttribute('data-flow-id')) as string;
  const createdAt = Date.now() - 3 * 60 * 60 * 1000;
  await putRow(page, 'runs', {
    id: 'run-e2e-1',
    flowId,
    flowName: 'Renamed elsewhere',
    flowVersion: 'hash-1',
    status: 'failed',
    inputs: {},
    outputs: {},
    createdAt,
    startedAt: createdAt,
    resumes: 0,
    state: { visits: {}, loops: {} },
    totals: { inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0 },
  });
  await page.reload();
  const run = row(page, 'Renamed elsewhere').getByRole('link', { name: /Failed/ });
  await expect(run).toHaveText('Failed3 hours ago');
  await expect(run).toHaveAttribute('href', '#/runs/run-e2e-1');
  await expect(run).toHaveAttribute('title', /^Run started \w+day, /);
  await run.click();
  await expect(page).toHaveURL(/#\/runs\/run-e2e-1$/);
});
