/** Builds the browser benchmark page, serves it, and runs it in headless Chromium. */
import { result, type BenchResult } from './lib';
import { withServedBuild } from './serve';

export async function browserBenchmarks(notes: string[]): Promise<BenchResult[]> {
  return withServedBuild({ outDir: 'dist-bench', port: 4180, viteConfig: 'bench/browser/vite.config.ts' }, async (browser, origin) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
    const checkpoints = await page.evaluate(() =>
      (window as unknown as { trellisBench: { checkpoints: () => Promise<{ memoryMs: number; dexieMs: number; steps: number }> } }).trellisBench.checkpoints(),
    );
    notes.push(`1,000-step run in Chromium: ${checkpoints.memoryMs.toFixed(1)} ms in memory, ${checkpoints.dexieMs.toFixed(1)} ms with checkpoints in IndexedDB.`);
    return [result('1,000-step run: IndexedDB checkpoints / in memory (Chromium)', checkpoints.dexieMs / checkpoints.memoryMs, 'x', 2)];
  });
}
