/**
 * Screenshots of the flows library at 1366x900 (light and dark), written to .screenshots/ for a
 * person to look at. Each step also checks the screen shows what it should.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1366, height: 900 } });

const shot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/library-${name}.png` });

async function putRun(page: Page, run: { id: string; flowId: string; status: string; agoMs: number }) {
  const createdAt = Date.now() - run.agoMs;
  const value = { id: run.id, flowId: run.flowId, flowName: 'x', flowVersion: 'h', status: run.status, inputs: {}, outputs: {}, createdAt, startedAt: createdAt, resumes: 0, state: { visits: {}, loops: {} }, totals: { inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0 } };
  await page.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('trellis');
        request.onsuccess = () => {
          const tx = request.result.transaction('runs', 'readwrite');
          tx.objectStore('runs').put(value);
          tx.oncomplete = () => {
            request.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        request.onerror = () => reject(request.error);
      }),
    value,
  );
}

async function fromTemplate(page: Page, name: string) {
  await page.getByRole('button', { name: 'From template' }).click();
  await page.getByRole('dialog', { name: 'Start from a template' }).getByRole('button', { name: `Use template: ${name}` }).click();
  await expect(page).toHaveURL(/#\/flows\/flow-/);
  const id = page.url().split('/').pop() as string;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flows', exact: true }).click();
  return id;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`library screens (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Start your first flow' })).toBeVisible();
    await shot(page, `empty-${scheme}`);

    const lead = await fromTemplate(page, 'Lead research and outreach');
    await page.getByRole('button', { name: 'From template' }).click();
    await expect(page.getByRole('dialog', { name: 'Start from a template' })).toBeVisible();
    await shot(page, `templates-${scheme}`);
    await page.keyboard.press('Escape');
    const triage = await fromTemplate(page, 'Support ticket triage');
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flows', exact: true }).click();
    await putRun(page, { id: 'run-1', flowId: lead, status: 'succeeded', agoMs: 12 * 60_000 });
    await putRun(page, { id: 'run-2', flowId: triage, status: 'failed', agoMs: 26 * 60 * 60_000 });
    await page.reload();
    await expect(page.locator('tbody').getByRole('row')).toHaveCount(3);
    await shot(page, `list-${scheme}`);

    await page.getByRole('button', { name: 'Actions for Lead research and outreach' }).click();
    await shot(page, `menu-${scheme}`);
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    await expect(page.getByRole('dialog', { name: 'Rename flow' })).toBeVisible();
    await shot(page, `rename-${scheme}`);
    await page.keyboard.press('Escape');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import…' }).click()]);
    await chooser.setFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'trellis.flow',
          version: 1,
          id: 'x',
          name: '',
          description: 1,
          nodes: [
            { id: 'a', kind: 'agent', label: 'A', position: { x: 0, y: 0 }, config: { role: 3, goal: 'g', instructions: 'Summarise {{text}}', model: 4 } },
            { id: 'b', kind: 'teleporter', label: 'B', position: { x: 0, y: 0 }, config: {} },
          ],
          edges: [{ id: 'e1', source: 'a', sourcePort: 'out', target: 'ghost', targetPort: 'in' }],
          settings: { concurrency: 0 },
        }),
      ),
    });
    await expect(page.getByRole('dialog', { name: 'Could not import “broken.json”' })).toBeVisible();
    await shot(page, `import-error-${scheme}`);
    await page.keyboard.press('Escape');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await page.getByRole('button', { name: 'Actions for Support ticket triage' }).click();
        await page.getByRole('menuitem', { name: 'Export' }).click();
      })(),
    ]);
    const text = await readFile(await download.path(), 'utf8');
    const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import…' }).click()]);
    await chooser2.setFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.getByRole('dialog', { name: 'This flow is already in your library' })).toBeVisible();
    await shot(page, `conflict-${scheme}`);
    await page.keyboard.press('Escape');

    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['{}'], 'x.json', { type: 'application/json' }));
      return transfer;
    });
    await page.dispatchEvent('main', 'dragenter', { dataTransfer });
    await expect(page.getByText('Drop to import a flow')).toBeVisible();
    await shot(page, `drop-${scheme}`);
    await page.dispatchEvent('main', 'dragleave', { dataTransfer });

    await page.getByRole('searchbox', { name: 'Search flows' }).fill('nothing like this');
    await shot(page, `no-match-${scheme}`);
  });
}
