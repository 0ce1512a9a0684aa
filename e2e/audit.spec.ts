/**
 * The audit trail end to end, in Chromium on the built app: a flow import, a run of a reviewed flow, its approval
 * in the review queue and a settings change are on the Audit page; "Verify" says the chain is
 * intact with its head hash; an entry changed through IndexedDB is then reported (and scrolled to,
 * highlighted, detailed); the log exports as a file that verifies offline (and a tampered copy
 * does not) through "Verify a log file…"; axe finds nothing serious. With an API key in Settings
 * and a run on the test server, no byte of the key is in any entry or in the exported file.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { verifyAuditFile, type AuditEntry } from '../src/engine/audit';
import { exportFlow } from '../src/engine/flow/canonical';
import type { RunRecord } from '../src/engine/run/types';
import { expect, test } from './fixtures';
import { axeSerious, openApp, reviewedAnswerFlow, seedFlow, useTestServer } from './runs-support';
import { readAll } from './trust-support';

test.use({ viewport: { width: 1366, height: 900 } });

const REVIEWER = 'Ada Auditor';
const shot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/audit-${name}.png`, fullPage: false });

async function saveName(page: Page): Promise<void> {
  await page.goto('/#/settings');
  await page.getByRole('textbox', { name: 'Your name' }).fill(REVIEWER);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText(`Review decisions will be recorded as “${REVIEWER}”`)).toBeVisible();
}

/** Runs the flow from the editor's Run tab until it waits at the gate, approves it in the queue, and waits until it finished. */
async function runAndApprove(page: Page, flowId: string): Promise<void> {
  await page.goto(`/#/flows/${flowId}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('textbox', { name: /^question/ }).fill('Why is the sky blue?');
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.run-status-line')).toHaveText(/^Waiting for review at “Check answer”/, { timeout: 30_000 });
  await page.goto('/#/review');
  await page.getByRole('group', { name: 'Decide' }).first().getByRole('button', { name: /^Approve/ }).click();
  await expect.poll(async () => (await readAll<RunRecord>(page, 'runs')).find((run) => run.flowId === flowId)?.status, { timeout: 30_000 }).toBe('succeeded');
}

/** The audit entries in IndexedDB, oldest first (once the page's writer has written them). */
async function entriesOf(page: Page): Promise<AuditEntry[]> {
  return (await readAll<AuditEntry>(page, 'audit')).sort((a, b) => a.seq - b.seq);
}

/** Changes one stored entry's data without re-hashing it, straight through IndexedDB. */
function tamper(page: Page, seq: number): Promise<void> {
  return page.evaluate(async (seq) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trellis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('audit', 'readwrite');
      const store = tx.objectStore('audit');
      const get = store.get(seq);
      get.onsuccess = () => store.put({ ...(get.result as object), actor: 'Mallory' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, seq);
}

async function exportLog(page: Page): Promise<{ text: string; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export log' }).click()]);
  const path = await download.path();
  return { text: await readFile(path, 'utf8'), name: download.suggestedFilename() };
}

const result = (page: Page) => page.getByTestId('audit-result');
const rowOf = (page: Page, seq: number) => page.locator(`.audit-list [data-seq="${seq}"]`);

test('a flow import, runs, a review decision and settings changes are audited; the chain verifies, a tampered entry is found, the log exports and verifies offline', async ({ page }) => {
  test.slow();
  const flow = reviewedAnswerFlow('e2e-audit', 'Audited answer');
  await openApp(page, '#/audit');
  await expect(page.getByText('No entries yet.', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Audit' })).toHaveAttribute('aria-current', 'page');
  await saveName(page);
  // A flow file imported in the library.
  await page.goto('/#/flows');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import…', exact: true }).click()]);
  await chooser.setFiles({ name: 'imported.trellis.json', mimeType: 'application/json', buffer: Buffer.from(exportFlow(reviewedAnswerFlow('e2e-audit-imported', 'Imported answer'))) });
  await expect(page.getByText('Imported “Imported answer”.')).toBeVisible();
  await seedFlow(page, flow);
  await runAndApprove(page, flow.id);

  // Everything is recorded, in order: the name, the import, the run and its steps, the decision, the trust record, the end.
  await page.goto('/#/audit');
  await expect.poll(async () => (await entriesOf(page)).map((e) => e.type).includes('run.finished'), { timeout: 10_000 }).toBe(true);
  const entries = await entriesOf(page);
  const types = entries.map((e) => e.type);
  expect(types.slice(0, 2)).toEqual(['settings.changed', 'flow.imported']);
  expect(entries[1]).toMatchObject({ actor: REVIEWER, subject: { flowId: 'e2e-audit-imported' }, data: { name: 'Imported answer', fileName: 'imported.trellis.json', mode: 'new' } });
  expect(entries[1]?.data.versionHash).toMatch(/^[0-9a-f]{64}$/);
  expect(types).toEqual(expect.arrayContaining(['run.started', 'step.finished', 'review.decided', 'trust.changed', 'run.finished']));
  const decision = entries.find((e) => e.type === 'review.decided') as AuditEntry;
  expect(decision).toMatchObject({ actor: REVIEWER, data: { action: 'approve', step: 'Draft answer' } });
  const started = entries.filter((e) => e.type === 'run.started');
  expect(started.map((e) => e.data.resumed)).toEqual([false, true]);
  const step = entries.find((e) => e.type === 'step.finished' && e.subject.nodeId === 'answer') as AuditEntry;
  expect(step.data.inputsHash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(entries)).not.toContain('Why is the sky blue?');

  const list = page.getByRole('table', { name: 'Audit entries' });
  await expect(page.locator('.lede')).toContainText(`${entries.length} entries in this browser, newest first.`);
  await expect(rowOf(page, decision.seq)).toContainText(`Approved “Draft answer” of “Audited answer”`);
  await expect(rowOf(page, decision.seq)).toContainText(REVIEWER);
  await expect(list.getByRole('row').nth(1)).toHaveAttribute('data-seq', String(entries.length - 1));

  // Verify: intact, with the head hash.
  const head = (entries.at(-1) as AuditEntry).hash;
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(result(page)).toHaveText(`Intact: ${entries.length} entries, head ${head}`);
  await shot(page, 'intact');
  expect(await axeSerious(page)).toEqual([]);

  // The type filter lives in the URL.
  await page.getByLabel('Type').selectOption({ label: 'Review decision' });
  await expect(page).toHaveURL(/#\/audit\?type=review\.decided$/);
  await expect(list.locator('[data-seq]')).toHaveCount(1);
  await page.getByLabel('Type').selectOption({ label: 'All types' });

  // The log exports with its head hash and verifies offline.
  const exported = await exportLog(page);
  expect(exported.name).toBe(`trellis-audit-${new Date().toISOString().slice(0, 10)}-${head.slice(0, 12)}.json`);
  expect(JSON.parse(exported.text)).toMatchObject({ format: 'trellis.audit', version: 1, headHash: head, count: entries.length });
  expect(await verifyAuditFile(exported.text)).toEqual({ ok: true, count: entries.length, headHash: head });
  await expect(result(page)).toContainText(`Exported ${entries.length} entries as ${exported.name}, head ${head}`);

  // One entry changed through IndexedDB: Verify names it, scrolls to it and shows it.
  await tamper(page, decision.seq);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(result(page)).toHaveText(new RegExp(`^Entry #${decision.seq} does not match: its content was altered \\(its recorded hash is ${decision.hash.slice(0, 12)}…, its content hashes to [0-9a-f]{12}…\\)\\.$`));
  await expect(rowOf(page, decision.seq)).toHaveAttribute('data-broken', 'true');
  await expect(rowOf(page, decision.seq)).toContainText('Mallory');
  const detail = page.getByRole('region', { name: `Entry #${decision.seq}` });
  await expect(detail).toContainText('Verification stopped here: its content was altered');
  await expect(detail).toContainText(decision.hash);
  await shot(page, 'tampered');
  await page.getByRole('button', { name: `Show entry #${decision.seq}` }).click();
  await expect(detail.getByRole('heading', { name: `Entry #${decision.seq}` })).toBeFocused();
  await shot(page, 'tampered-detail');
  expect(await axeSerious(page)).toEqual([]);

  // A log file verifies offline: the intact export, a tampered copy, and against a head hash noted elsewhere.
  const fileInput = page.getByLabel('Audit log file to verify');
  await fileInput.setInputFiles({ name: exported.name, mimeType: 'application/json', buffer: Buffer.from(exported.text, 'utf8') });
  await expect(result(page)).toHaveText(`“${exported.name}”: Intact: ${entries.length} entries, head ${head}`);
  const forged = exported.text.replace(`"actor":"${REVIEWER}"`, '"actor":"Mallory"');
  expect(forged).not.toBe(exported.text);
  await fileInput.setInputFiles({ name: 'forged.json', mimeType: 'application/json', buffer: Buffer.from(forged, 'utf8') });
  await expect(result(page)).toHaveText(new RegExp(`^“forged\\.json”: Entry #\\d+ does not match: its content was altered`));
  await page.getByLabel('Expected head hash (optional)').fill(entries[entries.length - 2]?.hash ?? '');
  await fileInput.setInputFiles({ name: exported.name, mimeType: 'application/json', buffer: Buffer.from(exported.text, 'utf8') });
  await expect(result(page)).toContainText(`“${exported.name}”: Entry #${entries.length - 1} does not match: the file's chain is intact but ends at another head (${head.slice(0, 12)}…, not the expected`);
  await shot(page, 'file-head-mismatch');
});

test('an API key set in Settings appears in no audit entry and in no byte of the exported log', async ({ page }) => {
  test.slow();
  const KEY = 'sk-e2e-AuditZqxwSECRETvalueKJHGqwpz';
  const flow = reviewedAnswerFlow('e2e-audit-key', 'Audited answer');
  await openApp(page, '#/audit');
  await saveName(page);
  await useTestServer(page, KEY);
  await seedFlow(page, flow);
  await runAndApprove(page, flow.id);
  await page.goto('/#/audit');
  await expect.poll(async () => (await entriesOf(page)).map((e) => e.type).includes('run.finished'), { timeout: 10_000 }).toBe(true);
  const entries = await entriesOf(page);
  expect(entries.filter((e) => e.type === 'api_key.changed').map((e) => e.data.change)).toEqual(['set']);
  expect(entries.some((e) => e.type === 'settings.changed' && e.data.change === 'provider_added' && e.data.label === 'Test server')).toBe(true);
  await expect(page.locator('.audit-list').getByText(/^API key for provider .* set \(the key is not recorded\)$/)).toBeVisible();
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(result(page)).toHaveText(new RegExp(`^Intact: ${entries.length} entries, head [0-9a-f]{64}$`));
  const { text } = await exportLog(page);
  const masked = `sk-…${KEY.slice(-4)}`;
  for (const piece of [KEY, KEY.slice(3), KEY.slice(-12), KEY.slice(-4), masked]) {
    expect(JSON.stringify(entries)).not.toContain(piece);
    expect(text).not.toContain(piece);
  }
  await shot(page, 'with-key');
});
