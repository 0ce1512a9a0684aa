/**
 * A 1,000-node, ~1,500-edge flow stays interactive: it opens, pans, selects and drags. Frame
 * rates are printed for information (the benchmark owns the numbers; tests assert behaviour).
 */
import { test, expect } from './fixtures';
import { openBigFlow, storedFlow } from './helpers';

test.use({ viewport: { width: 1366, height: 900 } });

test('a 1,000-node flow opens on its first steps, pans, selects and drags', async ({ page }) => {
  test.slow();
  const doc = await openBigFlow(page, 1000);
  expect(doc.nodes.length).toBe(1000);
  expect(doc.edges.length).toBeGreaterThanOrEqual(1000);
  const rendered = await page.locator('.react-flow__node').count();
  // Only what is in view is in the DOM.
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(300);

  const viewport = page.locator('.react-flow__viewport');
  const before = await viewport.getAttribute('style');
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  await page.evaluate(() => {
    const w = window as unknown as { frames_: number; counting: boolean };
    w.frames_ = 0;
    w.counting = true;
    const tick = () => {
      if (!w.counting) return;
      w.frames_ += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const start = Date.now();
  await page.mouse.move(pane.x + pane.width - 60, pane.y + pane.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(pane.x + pane.width - 60 - i * 20, pane.y + pane.height / 2 - i * 6);
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { frames_: number; counting: boolean };
    w.counting = false;
    return w.frames_;
  });
  console.log(`pan over a 1,000-node flow: ${frames} frames in ${Date.now() - start} ms`);
  await expect.poll(() => viewport.getAttribute('style')).not.toBe(before);

  // Nodes that came into view are rendered and can be selected and dragged (one near the middle).
  const id = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    if (!pane) return null;
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    let best: { id: string | null; d: number } = { id: null, d: Infinity };
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (d < best.d) best = { id: el.getAttribute('data-id'), d };
    }
    return best.id;
  });
  if (!id) throw new Error('no node id');
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  await node.click();
  await expect(node).toHaveClass(/selected/);
  const box = await node.boundingBox();
  if (!box) throw new Error('no box');
  const startPos = doc.nodes.find((n) => n.id === id)?.position;
  await page.mouse.move(box.x + 40, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 90, box.y + 70, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await storedFlow(page, doc.id))?.doc.nodes.find((n) => n.id === id)?.position).not.toEqual(startPos);
});
