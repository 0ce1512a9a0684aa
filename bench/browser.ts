/** Builds the browser benchmark page, serves it, and runs it in headless Chromium. */
import { spawn, execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { result, type BenchResult } from './lib';

const PORT = 4180;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function waitForServer(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the benchmark page did not come up at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function browserBenchmarks(notes: string[]): Promise<BenchResult[]> {
  execFileSync('npx', ['vite', 'build', '--config', 'bench/browser/vite.config.ts'], { stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--config', 'bench/browser/vite.config.ts'], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
    const checkpoints = await page.evaluate(() =>
      (window as unknown as { trellisBench: { checkpoints: () => Promise<{ memoryMs: number; dexieMs: number; steps: number }> } }).trellisBench.checkpoints(),
    );
    notes.push(`1,000-step run in Chromium: ${checkpoints.memoryMs.toFixed(1)} ms in memory, ${checkpoints.dexieMs.toFixed(1)} ms with checkpoints in IndexedDB.`);
    return [result('1,000-step run: IndexedDB checkpoints / in memory (Chromium)', checkpoints.dexieMs / checkpoints.memoryMs, 'x', 2)];
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}
