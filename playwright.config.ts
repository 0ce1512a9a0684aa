import { defineConfig } from '@playwright/test';

/** The app is served from a production build; the OpenAI-compatible test server runs beside it. */
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4173);
const TEST_SERVER_PORT = Number(process.env.TEST_SERVER_PORT ?? 4010);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  // Per-port output folders, so test runs on different ports never delete each other's files.
  outputDir: `test-results/${APP_PORT}`,
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: [
    {
      // Each port gets its own build folder, so test runs on different ports never share one.
      command: `npx vite build --outDir dist-e2e-${APP_PORT} --emptyOutDir && npx vite preview --outDir dist-e2e-${APP_PORT} --port ${APP_PORT} --strictPort`,
      url: `http://127.0.0.1:${APP_PORT}`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx tsx test-support/cli.ts`,
      url: `http://127.0.0.1:${TEST_SERVER_PORT}/v1/models`,
      env: { TEST_SERVER_PORT: String(TEST_SERVER_PORT) },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
