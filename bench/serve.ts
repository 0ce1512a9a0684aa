/** Shared by browser benchmarks: build and serve a page, and launch headless Chromium. */
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function waitForServer(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`nothing answered at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Builds the app (or the page of `viteConfig`) into `outDir`, serves it on `port`, runs `work`
 * with a headless Chromium and the page's origin, then stops everything.
 */
export async function withServedBuild<T>(options: { outDir: string; port: number; viteConfig?: string }, work: (browser: Browser, origin: string) => Promise<T>): Promise<T> {
  const config = options.viteConfig ? ['--config', options.viteConfig] : [];
  const outDir = resolve(options.outDir);
  execFileSync('npx', ['vite', 'build', ...config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', ...config, '--outDir', outDir, '--port', String(options.port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const origin = `http://127.0.0.1:${options.port}`;
    await waitForServer(`${origin}/`);
    return await work(browser, origin);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
    rmSync(outDir, { recursive: true, force: true });
  }
}
