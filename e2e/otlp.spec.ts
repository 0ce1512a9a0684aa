/**
 * OpenTelemetry export end to end in Chromium: a flow runs on the OpenAI-compatible test server
 * with its API key kept in Settings; Settings gets a trace collector (the test server's OTLP/HTTP
 * receiver) with a secret Authorization header; the run detail page downloads the trace as OTLP
 * JSON and sends it to the collector, whose strict decoder finds no problem and the expected
 * spans, and no byte of either secret is in what was sent or downloaded. A collector that refuses
 * the token, and one that allows no CORS, are reported with the URL and what to check. axe.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { supportTriageFlow } from '../src/engine/templates/supportTriage';
import { createControlClient } from '../test-support/control';
import { expect, test } from './fixtures';
import { SERVER_ORIGIN, axeSerious, openApp, runTriage, seedFlow, useTestServer } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });
const control = createControlClient(`${SERVER_ORIGIN}/v1`);
const KEY = 'sk-trellis-otlp-e2e-Vf3kT8qW1zN6mB4x';
const TOKEN = 'Bearer otlp-e2e-collector-Jd7Lp2Qs9';
const ENDPOINT = `${SERVER_ORIGIN}/v1/traces`;

test.beforeEach(async () => {
  await control.reset();
  await control.setOptions({ apiKey: KEY });
});

const secrets = (text: string) => [KEY, TOKEN, 'otlp-e2e-collector-Jd7Lp2Qs9', KEY.slice(-10)].filter((secret) => text.includes(secret));

async function configureCollector(page: Page): Promise<void> {
  await page.goto('/#/settings');
  const section = page.getByRole('region', { name: 'Trace collector' });
  await section.getByLabel('Endpoint URL').fill(ENDPOINT);
  await section.getByLabel('Header name').fill('Authorization');
  await section.getByLabel('Header value').fill(TOKEN);
  await section.getByRole('button', { name: 'Save collector' }).click();
  await expect(section.getByRole('status')).toHaveText(`Saved. Traces go to ${ENDPOINT} with the header Authorization, without message content.`);
  const saved = section.getByRole('list', { name: 'Saved headers' }).getByRole('listitem');
  await expect(saved).toContainText('Authorization');
  await expect(saved.locator('.settings-masked')).toHaveText('…2Qs9');
  await expect(section.getByLabel('Header value')).toHaveValue('');
  expect(secrets(await page.content())).toEqual([]);
}

/** Runs the triage flow to its review gate and opens the run's detail page. */
async function runToReview(page: Page, flowId: string): Promise<void> {
  await runTriage(page, flowId);
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await expect(panel.locator('.run-status-line')).toHaveText(/^Waiting for review at “Review reply”/, { timeout: 20_000 });
  await panel.getByRole('link', { name: 'Run details' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Support ticket triage');
}

test('a run’s trace is downloaded as OTLP JSON and sent to the collector, which decodes it without problems and without secrets', async ({ page }) => {
  const flow = supportTriageFlow('e2e-otlp-triage');
  await openApp(page);
  await seedFlow(page, flow);
  await useTestServer(page, KEY);
  await configureCollector(page);
  const section = page.getByRole('region', { name: 'Trace collector' });
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: '.screenshots/otlp-settings.png' });
  expect(await axeSerious(page)).toEqual([]);

  await runToReview(page, flow.id);
  const exportPanel = page.getByRole('region', { name: 'Trace export' });
  await expect(exportPanel.getByText(`Collector: ${ENDPOINT}`)).toBeVisible();
  const content = exportPanel.getByRole('checkbox', { name: /Include message content/ });
  await expect(content).not.toBeChecked();

  // Download: the same payload the collector gets, here without content.
  const [download] = await Promise.all([page.waitForEvent('download'), exportPanel.getByRole('button', { name: 'Download trace (OTLP JSON)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^trellis-trace-support-ticket-triage-[a-z0-9-]+\.otlp\.json$/);
  const file = await readFile(await download.path(), 'utf8');
  const downloaded = JSON.parse(file) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ name: string; attributes: Array<{ key: string }> }> }> }> };
  const downloadedSpans = downloaded.resourceSpans[0]!.scopeSpans[0]!.spans;
  expect(downloadedSpans.some((s) => s.name === 'chat gpt-4o-mini')).toBe(true);
  expect(file).not.toContain('gen_ai.input.messages');
  expect(file).not.toContain('charged twice');
  expect(secrets(file)).toEqual([]);
  await expect(exportPanel.getByRole('status')).toHaveText(/^Downloaded \d+ spans as OTLP JSON, without message content\.$/);

  // Send, with content this time.
  await content.check();
  await exportPanel.getByRole('button', { name: 'Send to collector' }).click();
  await expect(exportPanel.getByRole('status')).toHaveText(new RegExp(`^Sent ${downloadedSpans.length} spans to ${ENDPOINT.replace(/[.]/g, '\\.')} \\(HTTP 200\\)\\.$`));
  await exportPanel.scrollIntoViewIfNeeded();
  await exportPanel.screenshot({ path: '.screenshots/otlp-run-export.png' });
  expect(await axeSerious(page)).toEqual([]);

  const [batch] = await control.traces();
  expect(batch!.problems).toEqual([]);
  expect(batch!.headers.authorization).toBe(TOKEN);
  expect(batch!.headers.origin).toBe(new URL(page.url()).origin);
  expect(secrets(JSON.stringify(batch!.body))).toEqual([]);
  const spans = batch!.spans;
  expect(spans).toHaveLength(downloadedSpans.length);
  const root = spans.find((s) => s.parentSpanId === null)!;
  expect(root).toMatchObject({ name: 'invoke_workflow Support ticket triage', kind: 1, resource: { 'service.name': 'trellis', 'service.version': expect.any(String) } });
  const chats = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
  expect(chats.length).toBeGreaterThanOrEqual(2);
  for (const chat of chats) {
    expect(chat).toMatchObject({ name: 'chat gpt-4o-mini', kind: 3, status: { code: 1 } });
    expect(chat.attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'server.address': '127.0.0.1' });
    expect(JSON.parse(chat.attributes['gen_ai.input.messages'] as string)).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'user' })]));
  }
  expect(spans.some((s) => s.name.startsWith('invoke_agent '))).toBe(true);
  const review = spans.find((s) => s.name.startsWith('review '))!;
  expect(review).toMatchObject({ status: { code: 0 }, attributes: { 'trellis.span.open': true } });
  expect(JSON.stringify(batch!.body)).toContain('charged twice');
});

test('collector failures name the URL and status, and a collector without CORS is explained', async ({ page, pageErrors }) => {
  const flow = supportTriageFlow('e2e-otlp-errors');
  await openApp(page);
  await seedFlow(page, flow);
  await useTestServer(page, KEY);
  await configureCollector(page);
  await runToReview(page, flow.id);
  const exportPanel = page.getByRole('region', { name: 'Trace export' });
  const send = exportPanel.getByRole('button', { name: 'Send to collector' });

  await control.script({ match: { path: '/v1/traces' }, status: 401, error: { message: 'Invalid collector token' } });
  await send.click();
  await expect(exportPanel.getByRole('alert')).toHaveText(
    `The trace collector at ${ENDPOINT} answered HTTP 401 Unauthorized: Invalid collector token. Check the Authorization header (or other credentials) of the trace collector in Settings.`,
  );

  await control.setOptions({ cors: false });
  await send.click();
  await expect(exportPanel.getByRole('alert')).toContainText(`Could not reach the trace collector at ${ENDPOINT}. Either nothing answers at that address, or the browser blocked the request because the collector does not allow this page’s origin`);
  await expect(exportPanel.getByRole('alert')).toContainText('(CORS)');
  await exportPanel.screenshot({ path: '.screenshots/otlp-run-export-cors.png' });
  expect(secrets(await page.content())).toEqual([]);
  expect(await axeSerious(page)).toEqual([]);

  // The browser logs the refused responses itself; those are expected here.
  const expected = (error: string) => error.includes('401 (Unauthorized)') || error.includes('CORS') || error.includes('Failed to load resource: net::ERR_FAILED');
  expect(pageErrors.filter((error) => !expected(error))).toEqual([]);
  pageErrors.splice(0, pageErrors.length);
});
