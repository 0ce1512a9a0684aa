/**
 * Helpers for the editor's end-to-end tests: put a flow into the app's IndexedDB (as the flows
 * library would) and open it in the editor; drag and connect on the canvas like a person.
 * They need only a Playwright page (no test runner), so a benchmark can use them too, e.g.
 * `await openBigFlow(page, 1000)` to pan a 1,000-node flow.
 */
import type { Locator, Page } from '@playwright/test';
import { createEmptyFlow } from '../src/engine/flow/create';
import type { FlowDoc } from '../src/engine/flow/schema';

/**
 * Writes `doc` into the app's flows table. The app is opened first on a flow that does not
 * exist, which makes it create its database (and shows the "does not exist" page).
 */
export async function seedFlow(page: Page, doc: FlowDoc, revision = 1): Promise<void> {
  await page.goto('/#/flows/seed-missing-flow');
  await page.getByRole('heading', { name: 'This flow does not exist' }).waitFor();
  await page.evaluate(
    async ({ doc, revision }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('trellis');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const now = Date.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('flows', 'readwrite');
        tx.objectStore('flows').put({ id: doc.id, name: doc.name, doc, createdAt: now, updatedAt: now, revision });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { doc, revision },
  );
}

/** Seeds `doc` and opens it in the editor. */
export async function openFlow(page: Page, doc: FlowDoc): Promise<void> {
  await seedFlow(page, doc);
  await page.goto(`/#/flows/${doc.id}`);
  await page.locator('.react-flow__renderer').waitFor();
  const name = await page.getByRole('textbox', { name: 'Flow name' }).inputValue();
  if (name !== doc.name) throw new Error(`opened "${name}", expected "${doc.name}"`);
}

/** A new empty flow, opened in the editor. */
export async function openEmptyFlow(page: Page, name = 'Test flow'): Promise<FlowDoc> {
  const doc = createEmptyFlow(name);
  await openFlow(page, doc);
  return doc;
}

/** The stored flow row, read straight from IndexedDB. */
export async function storedFlow(page: Page, id: string): Promise<{ doc: FlowDoc; revision: number } | undefined> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trellis');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const row = await new Promise<{ doc: FlowDoc; revision: number } | undefined>((resolve, reject) => {
      const request = db.transaction('flows').objectStore('flows').get(id);
      request.onsuccess = () => resolve(request.result as { doc: FlowDoc; revision: number } | undefined);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return row;
  }, id);
}

export function canvasNode(page: Page, label: string): Locator {
  return page.locator('.react-flow__node').filter({ has: page.locator('.fnode-label', { hasText: new RegExp(`^${escape(label)}$`) }) });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Drags a kind from the palette and drops it on the canvas at (x, y) relative to the canvas. */
export async function dragKind(page: Page, title: string, at: { x: number; y: number }): Promise<void> {
  const item = page.getByRole('button', { name: `Add ${title}`, exact: true });
  const pane = page.locator('.react-flow__pane');
  await item.dragTo(pane, { targetPosition: at });
}

/** A node's port handle: inputs are targets (left), outputs sources (right). */
export function handle(node: Locator, side: 'input' | 'output', port: string): Locator {
  return node.locator(`.react-flow__handle.${side === 'input' ? 'target' : 'source'}[data-handleid="${port}"]`);
}

/** Drags from one handle to another with the mouse, in small steps as a hand would. */
export async function connectHandles(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('handle not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Seeds and opens the benchmark's realistic flow of `n` nodes (bench/flows.ts). */
export async function openBigFlow(page: Page, n: number): Promise<FlowDoc> {
  const { realisticFlow } = await import('../bench/flows');
  const doc = realisticFlow(n);
  await openFlow(page, doc);
  return doc;
}
