/**
 * Zoomed out below the level of detail, the canvas is a map: nodes are named boxes that still show
 * their category and their problems, and the edges, drawn by the map, still join them. Zoomed back in,
 * the cards return and every edge ends on its handle again.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { canvasNode, openFlow } from './helpers';
import { supportTriageFlow } from '../src/engine/templates/supportTriage';

test.use({ viewport: { width: 1366, height: 900 } });

const zoom = (page: Page) => page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport') as Element).transform).a);

/** The ends of the edges drawn, in screen pixels: React Flow's edges, or the zoomed-out map's. */
function edgeEnds(page: Page): Promise<{ x: number; y: number }[]> {
  return page.evaluate(() => {
    const ends: { x: number; y: number }[] = [];
    for (const path of document.querySelectorAll<SVGPathElement>('.react-flow__edge-path, .ed-map-edges path')) {
      const toScreen = path.getScreenCTM();
      if (!toScreen) continue;
      // One subpath per edge: its first point and its last.
      for (const edge of (path.getAttribute('d') ?? '').split('M').filter((part) => part.trim())) {
        const numbers = (edge.match(/-?[\d.]+(?:e-?\d+)?/g) ?? []).map(Number);
        for (const [x, y] of [numbers.slice(0, 2), numbers.slice(-2)]) ends.push(new DOMPoint(x, y).matrixTransform(toScreen));
      }
    }
    return ends;
  });
}

/** The farthest any edge end lies from the connecting side of the nearest handle, in screen pixels. */
async function farthestEdgeEnd(page: Page): Promise<number> {
  const handles = await page.locator('.react-flow__handle').evaluateAll((all) =>
    all.map((h) => {
      const r = h.getBoundingClientRect();
      return { x: h.classList.contains('react-flow__handle-right') ? r.right : r.left, y: r.top + r.height / 2 };
    }),
  );
  const ends = await edgeEnds(page);
  if (ends.length === 0) return Infinity;
  return Math.max(...ends.map((end) => Math.min(...handles.map((h) => Math.hypot(h.x - end.x, h.y - end.y)))));
}

test('zoomed out, nodes are boxes showing category and problems; zoomed in, cards and edges are back in place', async ({ page }) => {
  const doc = supportTriageFlow('triage-zoomed-out');
  doc.edges = doc.edges.filter((e) => e.target !== 'classify');
  await openFlow(page, doc);
  await expect(canvasNode(page, 'Classify ticket')).toBeVisible();
  const edges = await page.locator('.react-flow__edge').count();

  while ((await zoom(page)) >= 0.4) await page.getByRole('button', { name: 'Zoom Out' }).click();
  await expect(page.locator('.fnode-lod')).toHaveCount(doc.nodes.length);
  await expect(page.locator('.fnode-label')).toHaveCount(0);
  // The map still names its boxes, in type readable on screen...
  const name = page.locator('.react-flow__node[aria-label^="Classify ticket"] .fnode-lod-name');
  await expect(name).toHaveText('Classify ticket');
  expect(await name.evaluate((e) => e.getBoundingClientRect().height)).toBeGreaterThanOrEqual(9);
  await expect(page.locator('.fnode-lod-agent').first()).toBeVisible();
  await expect(page.locator('.react-flow__node[aria-label^="Classify ticket"] .fnode-lod')).toHaveClass(/has-errors/);
  // The map draws the edges (one subpath each), not React Flow.
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  expect((await edgeEnds(page)).length).toBe(2 * edges);
  await expect.poll(() => farthestEdgeEnd(page)).toBeLessThan(1);

  // ...until the boxes are too small for them.
  while ((await zoom(page)) >= 0.22) await page.getByRole('button', { name: 'Zoom Out' }).click();
  await expect(name).toBeHidden();
  await expect(page.locator('.fnode-lod')).toHaveCount(doc.nodes.length);

  while ((await zoom(page)) < 0.8) await page.getByRole('button', { name: 'Zoom In' }).click();
  await expect(page.locator('.fnode')).toHaveCount(doc.nodes.length);
  await expect(page.locator('.react-flow__edge')).toHaveCount(edges);
  await expect(canvasNode(page, 'Classify ticket').getByRole('button', { name: /problem/ })).toBeVisible();
  await expect.poll(() => farthestEdgeEnd(page)).toBeLessThan(1);
});
