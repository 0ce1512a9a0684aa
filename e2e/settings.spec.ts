/**
 * Settings, end to end in Chromium against the built app and the OpenAI-compatible test server:
 * adding providers, fetching models, Test connection and its specific errors, keys never shown
 * back in full, session-only vs remembered keys, the default provider in the header, live sync
 * across tabs, damaged settings rows, and axe.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { createControlClient, DEFAULT_TEST_SERVER_URL } from '../test-support/control';
import { expect, test } from './fixtures';

const SERVER = DEFAULT_TEST_SERVER_URL; // http://127.0.0.1:<TEST_SERVER_PORT>/v1
const control = createControlClient(SERVER);
const KEY = 'sk-trellis-e2e-Vq7mX2pL9wR4tB8n4f2a';
const MASKED = 'sk-…4f2a';

test.use({ viewport: { width: 1366, height: 900 } });

test.beforeEach(async () => {
  await control.reset();
});

interface NewProvider {
  name: string;
  url?: string;
  key?: string;
  session?: boolean;
  /** Chosen from the fetched list when `fetch` is true, else typed. */
  model: string;
  fetch?: boolean;
}

async function openSettings(page: Page): Promise<void> {
  await page.goto('/#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(providerCard(page, 'Demo model')).toBeVisible();
}

function providerCard(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Model providers' }).getByRole('listitem', { name, exact: true });
}

async function addProvider(page: Page, p: NewProvider): Promise<Locator> {
  await page.getByRole('button', { name: 'Add provider' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a model provider' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: /OpenAI-compatible endpoint/ }).check();
  await dialog.getByLabel('Name').fill(p.name);
  await dialog.getByLabel('Base URL').fill(p.url ?? SERVER);
  if (p.key) await dialog.getByLabel(/^API key/).fill(p.key);
  if (p.session) await dialog.getByRole('radio', { name: /This session only/ }).check();
  if (p.fetch) {
    await dialog.getByRole('button', { name: 'Fetch models' }).click();
    await expect(dialog.getByRole('status')).toContainText('4 models found');
    await dialog.getByLabel('Default model').selectOption(p.model);
  } else {
    await dialog.getByLabel('Default model').fill(p.model);
  }
  await dialog.getByRole('button', { name: 'Add provider' }).click();
  await expect(dialog).toBeHidden();
  const card = providerCard(page, p.name);
  await expect(card).toBeVisible();
  return card;
}

async function testConnection(card: Locator): Promise<Locator> {
  await card.getByRole('button', { name: 'Test connection' }).click();
  const report = card.getByRole('status');
  await expect(report).not.toContainText('Testing');
  await expect(report).not.toBeEmpty();
  return report;
}

/**
 * Chromium logs every failed HTTP response and refused connection as a console error of its own
 * ("Failed to load resource: the server responded with a status of 401 (Unauthorized)"), even when
 * the page handles the failure. The fixture fails a test on any console error, so a test that
 * provokes such a failure on purpose allows exactly the messages it expects: each must have been
 * logged, and every other error still fails the test.
 */
function allowBrowserNetworkErrors(pageErrors: string[], expected: string[]): void {
  const allowed = new Set(expected.map((message) => `console: ${message}`));
  for (const message of allowed) expect(pageErrors, 'the browser logged the expected network error').toContain(message);
  const rest = pageErrors.filter((error) => !allowed.has(error));
  pageErrors.splice(0, pageErrors.length, ...rest);
}
const httpError = (status: string) => `Failed to load resource: the server responded with a status of ${status}`;

const shot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/settings-${name}.png`, fullPage: true });

test('adds an OpenAI-compatible provider, fetches its models, tests it, and makes it the default without ever showing the key', async ({ page }) => {
  await control.setOptions({ apiKey: KEY });
  await openSettings(page);
  const demo = providerCard(page, 'Demo model');
  await expect(demo).toContainText('Scripted demo — not a real model');
  await expect(demo).toContainText('Default');
  const badge = page.getByRole('link', { name: /^Model provider:/ });
  await expect(badge).toContainText('scripted, offline — not a real model');
  await shot(page, 'empty');

  await page.getByRole('button', { name: 'Add provider' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a model provider' });
  await dialog.getByLabel('Name').fill('Test server');
  await dialog.getByLabel('Base URL').fill(SERVER);
  await dialog.getByLabel(/^API key/).fill(KEY);
  // The key field is uncontrolled: what is typed is never written into the page's HTML.
  expect(await page.content()).not.toContain(KEY);
  await dialog.getByRole('button', { name: 'Fetch models' }).click();
  await expect(dialog.getByRole('status')).toContainText('Connected to Test server. 4 models found.');
  await dialog.getByLabel('Default model').selectOption('gpt-4o-mini');
  await shot(page, 'add-dialog');
  await dialog.getByRole('button', { name: 'Add provider' }).click();
  await expect(dialog).toBeHidden();

  const card = providerCard(page, 'Test server');
  await expect(card).toContainText(`${MASKED} · remembered on this device`);
  await expect(card).toContainText('gpt-4o-mini');
  expect(await page.content()).not.toContain(KEY);

  const report = await testConnection(card);
  await expect(report).toContainText('Connection works');
  await expect(report).toContainText('The default model "gpt-4o-mini" is available.');
  await expect(report.getByRole('list', { name: 'Models found' }).getByRole('listitem')).toHaveText(['gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'trellis-demo']);

  await card.getByRole('button', { name: 'Make default' }).click();
  await expect(badge).toHaveAccessibleName('Model provider: Test server. Open settings');
  await expect(badge).toContainText('Test server · gpt-4o-mini');
  await expect(card).toContainText('Default');
  await expect(demo.getByRole('button', { name: 'Make default' })).toBeVisible();
  await shot(page, 'configured');

  // The key went to its provider, and only there, as a bearer token.
  const requests = await control.requests();
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests.filter((r) => r.method !== 'OPTIONS')) expect(request.headers.authorization).toBe(`Bearer ${KEY}`);

  await page.reload();
  await expect(providerCard(page, 'Test server')).toContainText(MASKED);
  await expect(badge).toContainText('Test server · gpt-4o-mini');
  const html = await page.content();
  expect(html).not.toContain(KEY);
  expect(html).toContain(MASKED);

  // Editing keeps the key unless a new one is typed; the form shows it masked only.
  await providerCard(page, 'Test server').getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Test server' });
  await expect(edit).toContainText(`Saved key: ${MASKED}`);
  await expect(edit.getByLabel(/^API key/)).toHaveValue('');
  expect(await page.content()).not.toContain(KEY);
  await edit.getByLabel('Default model').fill('gpt-4o');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(badge).toContainText('Test server · gpt-4o');
  await expect(await testConnection(providerCard(page, 'Test server'))).toContainText('The default model "gpt-4o" is available.');
});

test('a wrong key gets its own message, without the key', async ({ page, pageErrors }) => {
  await control.setOptions({ apiKey: 'sk-the-right-key-000000000000' });
  await openSettings(page);
  const card = await addProvider(page, { name: 'Test server', key: KEY, model: 'gpt-4o-mini' });
  const report = await testConnection(card);
  await expect(report).toContainText('Wrong API key');
  await expect(report).toContainText('Test server rejected the API key (HTTP 401). Check the key in Settings.');
  await expect(report).toContainText('paste the key again');
  expect(await page.content()).not.toContain(KEY.slice(8, 20));
  await shot(page, 'wrong-key');
  allowBrowserNetworkErrors(pageErrors, [httpError('401 (Unauthorized)')]);
});

test('a wrong base URL gets its own message', async ({ page, pageErrors }) => {
  await openSettings(page);
  const wrong = SERVER.replace(/\/v1$/, '/api');
  const card = await addProvider(page, { name: 'Wrong path', url: wrong, model: 'gpt-4o-mini' });
  const report = await testConnection(card);
  await expect(report).toContainText('Wrong address: no OpenAI-compatible API here');
  await expect(report).toContainText(`Wrong path has no such endpoint at ${wrong} (HTTP 404)`);
  await expect(report).toContainText('usually ends in /v1');
  // The model list, then the model itself (some servers have no list): both 404.
  allowBrowserNetworkErrors(pageErrors, [httpError('404 (Not Found)')]);
});

test('an unknown model gets its own message, with the models the endpoint has', async ({ page, pageErrors }) => {
  await openSettings(page);
  const card = await addProvider(page, { name: 'Test server', model: 'no-such-model' });
  const report = await testConnection(card);
  await expect(report).toContainText('Unknown model');
  await expect(report).toContainText('Test server does not know the model "no-such-model" (HTTP 404)');
  await expect(report).toContainText('Models this endpoint lists: gpt-4.1-mini, gpt-4o, gpt-4o-mini, trellis-demo');
  await shot(page, 'unknown-model');
  allowBrowserNetworkErrors(pageErrors, [httpError('404 (Not Found)')]);
});

test('a rate limit gets its own message', async ({ page, pageErrors }) => {
  await openSettings(page);
  const card = await addProvider(page, { name: 'Test server', model: 'gpt-4o-mini' });
  await control.script({ match: { path: '/v1/models' }, status: 429, error: { message: 'Rate limit reached' }, headers: { 'retry-after': '20' } });
  const report = await testConnection(card);
  await expect(report).toContainText('Rate limited');
  await expect(report).toContainText('Test server is rate limiting requests (HTTP 429). It asks to wait 20 s.');
  allowBrowserNetworkErrors(pageErrors, [httpError('429 (Too Many Requests)')]);
});

test('a CORS refusal is told apart from an unreachable server, with the fix', async ({ page, pageErrors }) => {
  await openSettings(page);
  const card = await addProvider(page, { name: 'No CORS', model: 'gpt-4o-mini' });
  await control.setOptions({ cors: false });
  const report = await testConnection(card);
  await expect(report).toContainText('Blocked by CORS: the server does not allow this page');
  const origin = new URL(page.url()).origin;
  await expect(report).toContainText(`does not allow cross-origin requests from ${origin} (CORS)`);
  await expect(report).toContainText(`OLLAMA_ORIGINS=${origin}`);
  await shot(page, 'cors');
  // Chromium logs the refusal itself as console errors: the CORS message for the model list
  // request (its preflight fails, as the SDK sends non-simple headers) and the failed load. They
  // are the behaviour under test, so exactly these are allowed; the no-cors probe logs nothing.
  allowBrowserNetworkErrors(pageErrors, [
    `Access to fetch at '${SERVER}/models' from origin '${origin}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    'Failed to load resource: net::ERR_FAILED',
  ]);
});

test('an unreachable server is reported as such, not as CORS', async ({ page, pageErrors }) => {
  // A port that was free a moment ago: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const url = `http://127.0.0.1:${port}/v1`;

  await openSettings(page);
  const card = await addProvider(page, { name: 'Nobody home', url, model: 'llama3.2' });
  const report = await testConnection(card);
  await expect(report).toContainText('Server not reachable');
  await expect(report).toContainText(`Nothing answered at ${url}.`);
  await expect(report).not.toContainText('CORS');
  // Chromium logs each refused connection (the request and the no-cors probe) as a console error.
  allowBrowserNetworkErrors(pageErrors, ['Failed to load resource: net::ERR_CONNECTION_REFUSED']);
});

test('a session-only key is gone in a new browser session; a remembered key persists', async ({ page, browser }) => {
  const SESSION_KEY = 'sk-session-only-Hq3Zt8Kd1Wm5Yp7c9b1e';
  await openSettings(page);
  await addProvider(page, { name: 'Remembered', key: KEY, model: 'gpt-4o-mini' });
  const session = await addProvider(page, { name: 'Session only', key: SESSION_KEY, session: true, model: 'gpt-4o-mini' });
  await expect(session).toContainText('sk-…9b1e · this session only');

  // A reload is the same session: both keys are still there.
  await page.reload();
  await expect(providerCard(page, 'Remembered')).toContainText(`${MASKED} · remembered on this device`);
  await expect(providerCard(page, 'Session only')).toContainText('sk-…9b1e · this session only');
  expect(await page.content()).not.toContain(SESSION_KEY);

  // What the browser keeps on disk (IndexedDB, localStorage) holds the remembered key only.
  const stored = await page.context().storageState({ indexedDB: true });
  expect(JSON.stringify(stored)).not.toContain(SESSION_KEY);
  expect(JSON.stringify(stored)).toContain(KEY);

  // A new browser session with the same stored data.
  const next = await browser.newContext({ storageState: stored, viewport: { width: 1366, height: 900 } });
  const page2 = await next.newPage();
  const errors: string[] = [];
  page2.on('pageerror', (e) => errors.push(e.message));
  await openSettings(page2);
  await expect(providerCard(page2, 'Remembered')).toContainText(`${MASKED} · remembered on this device`);
  await expect(providerCard(page2, 'Session only')).toContainText('Not available in this tab');
  await shot(page2, 'session-ended');
  const report = await testConnection(providerCard(page2, 'Session only'));
  await expect(report).toContainText('Connection works'); // the test server wants no key
  await next.close();
  expect(errors).toEqual([]);
});

test('other tabs follow changes live', async ({ page }) => {
  await openSettings(page);
  const other = await page.context().newPage();
  await openSettings(other);
  const card = await addProvider(page, { name: 'Shared', model: 'gpt-4o-mini' });
  await expect(providerCard(other, 'Shared')).toBeVisible();
  await card.getByRole('button', { name: 'Make default' }).click();
  await expect(other.getByRole('link', { name: /^Model provider:/ })).toContainText('Shared · gpt-4o-mini');
  await card.getByRole('button', { name: 'Remove' }).click();
  await expect(providerCard(other, 'Shared')).toBeHidden();
  await expect(other.getByRole('link', { name: /^Model provider:/ })).toContainText('scripted, offline');
  // Undo brings it back, as the default again, in both tabs.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(providerCard(other, 'Shared')).toBeVisible();
  await expect(other.getByRole('link', { name: /^Model provider:/ })).toContainText('Shared · gpt-4o-mini');
  await other.close();
});

test('bad input is refused with a message at each field, and nothing typed is lost', async ({ page }) => {
  await openSettings(page);
  await page.getByRole('button', { name: 'Add provider' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a model provider' });
  await dialog.getByLabel('Base URL').fill('localhost:11434');
  await dialog.getByLabel(/^API key/).fill('two words');
  await dialog.getByRole('button', { name: 'Add provider' }).click();
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await expect(dialog.getByLabel('Name')).toHaveAccessibleDescription('Enter a name for this provider.');
  await expect(dialog.getByLabel('Base URL')).toHaveAccessibleDescription(/Enter an http:\/\/ or https:\/\/ address/);
  await expect(dialog.getByLabel(/^API key/)).toHaveAccessibleDescription(/contains spaces or line breaks/);
  await expect(dialog.getByLabel('Default model')).toHaveAccessibleDescription(/Choose a model, or type its name/);
  await shot(page, 'validation');
  await expect(dialog.getByLabel('Base URL')).toHaveValue('localhost:11434');
  await dialog.getByRole('button', { name: 'Use http://localhost:11434/v1' }).click();
  await expect(dialog.getByLabel('Base URL')).toHaveValue('http://localhost:11434/v1');
  // OpenAI needs a key.
  await dialog.getByRole('radio', { name: /^OpenAI api\.openai\.com/ }).check();
  await expect(dialog.getByLabel('Name')).toHaveValue('OpenAI');
  await dialog.getByLabel(/^API key/).fill('');
  await dialog.getByLabel('Base URL').fill('');
  await dialog.getByLabel('Default model').fill('gpt-4o-mini');
  await dialog.getByRole('button', { name: 'Add provider' }).click();
  await expect(dialog.getByLabel(/^API key/)).toBeFocused();
  await expect(dialog.getByLabel(/^API key/)).toHaveAccessibleDescription(/OpenAI needs an API key/);
  // With its key it is added (the base URL override points it at the test server).
  await dialog.getByLabel(/^API key/).fill(KEY);
  await dialog.getByLabel('Base URL (optional)').fill(SERVER);
  await dialog.getByRole('button', { name: 'Add provider' }).click();
  await expect(dialog).toBeHidden();
  const card = providerCard(page, 'OpenAI');
  await expect(card.getByText('OpenAI', { exact: true })).toHaveCount(2); // its name and its kind
  await expect(card).toContainText(`${MASKED} · remembered on this device`);
  await expect(await testConnection(card)).toContainText('The default model "gpt-4o-mini" is available.');
});

test('a damaged settings row is reported, the demo model stands in, and it can be removed', async ({ page }) => {
  await openSettings(page);
  await addProvider(page, { name: 'Test server', model: 'gpt-4o-mini' });
  // Damage the stored rows directly, as a bad extension or an older version might.
  await page.evaluate(async () => {
    const open = indexedDB.open('trellis');
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = idb.transaction('settings', 'readwrite');
    tx.objectStore('settings').put({ key: 'provider:broken', value: { config: { id: 'broken', kind: 'openai-compatible', label: 'Broken', baseURL: 42, defaultModel: 'x' }, keyStorage: 'none', createdAt: 1, updatedAt: 1 } });
    tx.objectStore('settings').put({ key: 'defaultProvider', value: { id: 'broken' } });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    idb.close();
  });
  await page.reload();
  const problems = page.getByRole('region', { name: 'Some settings could not be read' });
  await expect(problems).toContainText('A saved provider (settings entry "provider:broken") could not be read and is ignored: config.baseURL:');
  await expect(problems).toContainText('The default provider "broken" is missing or could not be read; the demo model is used instead.');
  await expect(page.getByRole('link', { name: /^Model provider:/ })).toContainText('scripted, offline');
  await expect(page.getByRole('alert')).toContainText('Some settings could not be read');
  await expect(providerCard(page, 'Test server')).toBeVisible();
  await shot(page, 'damaged');
  await problems.getByRole('button', { name: 'Remove damaged entry provider:broken' }).click();
  await expect(problems).not.toContainText('provider:broken');
  await problems.getByRole('button', { name: 'Remove damaged entry defaultProvider' }).click();
  await expect(problems).toBeHidden();
  await expect(providerCard(page, 'Demo model')).toContainText('Default');
});

test('your name is saved, validated and kept', async ({ page }) => {
  await openSettings(page);
  const name = page.getByRole('textbox', { name: 'Your name' });
  await name.fill('Line one\u0007');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(name).toHaveAccessibleDescription(/no line breaks or control characters/);
  await name.fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Saved. Review decisions will be recorded as “Ada Lovelace”.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Ada Lovelace');
});

test('the settings page and the provider dialog pass axe', async ({ page }) => {
  await openSettings(page);
  const card = await addProvider(page, { name: 'Test server', key: KEY, model: 'gpt-4o-mini', fetch: true });
  await testConnection(card);
  const serious = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  };
  expect(await serious()).toEqual([]);
  await card.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit Test server' })).toBeVisible();
  expect(await serious()).toEqual([]);
  await shot(page, 'edit-dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(card.getByRole('button', { name: 'Edit' })).toBeFocused();
  // Dark mode has its own colours: check their contrast too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await testConnection(card);
  expect(await serious()).toEqual([]);
  await shot(page, 'dark');
});
