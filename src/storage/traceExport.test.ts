/**
 * Trace exports from storage, and the trace collector's settings: a run on the OpenAI-compatible
 * test server, with its provider's API key kept in Settings and a collector whose Authorization
 * header is a secret, exports (content included) and sends a trace in which no byte of either
 * secret appears; the collector's row keeps header names only, values stay in `secrets`.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/server';
import { createProvider } from '../engine/llm/createProvider';
import { createModelResolver } from '../engine/llm/resolver';
import { startRun } from '../engine/run/executor';
import { createFetchHttpPort } from '../engine/run/fetchHttp';
import { createQuickJsSandbox } from '../engine/sandbox/quickjs';
import { leadResearchFlow } from '../engine/templates/leadResearch';
import { TrellisDB } from './db';
import { createDexieRunStore } from './runStore';
import { createMemorySessionKeyStore } from './sessionKeys';
import { getApiKey, readProviders, saveProvider } from './settingsRepo';
import {
  CollectorValidationError,
  TRACE_COLLECTOR_KEY,
  collectorHeaders,
  readCollectorHeaderStatus,
  readTraceCollector,
  removeTraceCollector,
  saveTraceCollector,
  traceHeaderSecretId,
} from './traceCollector';
import { exportRunTrace } from './traceExport';

const API_KEY = 'sk-trellis-otlp-secret-Zq8vN3mK7pL1xR5t';
const COLLECTOR_TOKEN = 'Bearer collector-secret-Hc4Jw9Ty2Vb6';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKey: API_KEY });
});
afterAll(async () => {
  await server.close();
});

let n = 0;
const dbs: TrellisDB[] = [];
const open = () => {
  const db = new TrellisDB({ name: `trace-export-${n++}`, indexedDB, IDBKeyRange });
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
  server.reset();
});

/** Every byte the export or a backup of the settings could carry, with every encoding of the secrets to look for. */
function containsSecret(text: string): string[] {
  const forms = [API_KEY, COLLECTOR_TOKEN, 'collector-secret-Hc4Jw9Ty2Vb6', API_KEY.slice(-12), Buffer.from(API_KEY).toString('base64')];
  return forms.filter((form) => text.includes(form));
}

describe('trace export from storage', () => {
  it('exports and sends a run made with a stored API key, content included, without a byte of any secret', async () => {
    const db = open();
    const sessions = createMemorySessionKeyStore();
    const stored = await saveProvider(db, sessions, { kind: 'openai-compatible', label: 'Test server', baseURL: server.url, defaultModel: 'gpt-4o-mini', keyStorage: 'device', apiKey: API_KEY });
    const collector = await saveTraceCollector(db, { endpoint: `${server.origin}/v1/traces`, includeContent: true, addHeader: { name: 'Authorization', value: COLLECTOR_TOKEN } });

    const provider = createProvider(stored.config, await getApiKey(db, sessions, stored));
    const services = { models: createModelResolver([provider], { [stored.config.id]: 'gpt-4o-mini' }), http: createFetchHttpPort(), sandbox: createQuickJsSandbox() };
    const run = await (await startRun(leadResearchFlow(), { company: 'Northwind Logistics', contact: 'Dana Whitfield', product: 'Route planning.' }, { store: createDexieRunStore(db), services, runId: 'run-secret-1' })).done;
    expect(run.status).toBe('paused');
    // The key was used: every model request carried it.
    const chats = server.requests().filter((r) => r.path === '/v1/chat/completions');
    expect(chats.length).toBe(run.totals.llmCalls);
    expect(chats.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);

    const exported = await exportRunTrace(db, run.id, { includeContent: true, appVersion: '0.1.0' });
    const text = JSON.stringify(exported!.payload);
    expect(text).toContain('gen_ai.input.messages');
    expect(text).toContain('"server.address","value":{"stringValue":"127.0.0.1"}');
    expect(containsSecret(text)).toEqual([]);

    // Sent with the collector's header: the header arrives, the body still holds no secret.
    const response = await fetch(collector.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...(await collectorHeaders(db, collector)) }, body: text });
    expect(response.status).toBe(200);
    const [batch] = server.traces();
    expect(batch!.problems).toEqual([]);
    expect(batch!.headers.authorization).toBe(COLLECTOR_TOKEN);
    expect(containsSecret(JSON.stringify(batch!.body))).toEqual([]);
    expect(batch!.spans.filter((s) => s.name === 'chat gpt-4o-mini')).toHaveLength(run.totals.llmCalls);

    // Settings rows (what a backup holds) keep neither secret.
    expect(containsSecret(JSON.stringify(await db.settings.toArray()))).toEqual([]);
    expect((await readProviders(db)).providers).toHaveLength(2);
  });

  it('returns null for a run that is not stored', async () => {
    expect(await exportRunTrace(open(), 'nope', { includeContent: false })).toBeNull();
  });
});

describe('trace collector settings', () => {
  it('keeps header names in the row and values in secrets, shows them masked, replaces and removes them', async () => {
    const db = open();
    expect(await readTraceCollector(db)).toEqual({});
    await saveTraceCollector(db, { endpoint: ' http://localhost:4318/v1/traces ', includeContent: false, addHeader: { name: 'Authorization', value: COLLECTOR_TOKEN } }, 10);
    await saveTraceCollector(db, { endpoint: 'http://localhost:4318/v1/traces', includeContent: true, addHeader: { name: 'x-team', value: 'sales' } }, 20);
    const { collector } = await readTraceCollector(db);
    expect(collector).toEqual({ endpoint: 'http://localhost:4318/v1/traces', includeContent: true, headerNames: ['Authorization', 'x-team'], updatedAt: 20 });
    expect(JSON.stringify(await db.settings.get(TRACE_COLLECTOR_KEY))).not.toContain('collector-secret');
    expect((await db.secrets.get(traceHeaderSecretId('Authorization')))!.value).toBe(COLLECTOR_TOKEN);
    expect(await readCollectorHeaderStatus(db, collector!)).toEqual([
      { name: 'Authorization', masked: '…2Vb6' },
      { name: 'x-team', masked: '…' },
    ]);
    expect(await collectorHeaders(db, collector!)).toEqual({ Authorization: COLLECTOR_TOKEN, 'x-team': 'sales' });

    // Same name in another case replaces the value; removing deletes the secret.
    await saveTraceCollector(db, { endpoint: collector!.endpoint, includeContent: true, addHeader: { name: 'authorization', value: 'Bearer new' } });
    expect((await readTraceCollector(db)).collector!.headerNames).toEqual(['x-team', 'authorization']);
    expect((await db.secrets.get(traceHeaderSecretId('Authorization')))!.value).toBe('Bearer new');
    await saveTraceCollector(db, { endpoint: collector!.endpoint, includeContent: true, removeHeaders: ['X-Team'] });
    expect((await readTraceCollector(db)).collector!.headerNames).toEqual(['authorization']);
    expect(await db.secrets.get(traceHeaderSecretId('x-team'))).toBeUndefined();

    await removeTraceCollector(db);
    expect(await readTraceCollector(db)).toEqual({});
    expect(await db.secrets.count()).toBe(0);
  });

  it('refuses invalid input field by field and writes nothing', async () => {
    const db = open();
    const attempt = (input: Parameters<typeof saveTraceCollector>[1]) => saveTraceCollector(db, input).then(() => null, (error: unknown) => error);
    const bad = (await attempt({ endpoint: 'localhost:4318', includeContent: false, addHeader: { name: 'Content-Type', value: 'line\nbreak' } })) as CollectorValidationError;
    expect(bad).toBeInstanceOf(CollectorValidationError);
    expect(bad.fields).toEqual({
      endpoint: 'Enter an http:// or https:// address, for example http://localhost:4318/v1/traces.',
      headerName: 'The browser sets “Content-Type” itself; it cannot be configured here.',
      headerValue: 'Use plain letters, digits, spaces and symbols only (no line breaks).',
    });
    expect(((await attempt({ endpoint: 'http://x/v1/traces', includeContent: false, addHeader: { name: 'Bad Name', value: 'v' } })) as CollectorValidationError).fields).toEqual({ headerName: expect.stringContaining('no spaces') });
    expect(((await attempt({ endpoint: 'http://x/v1/traces', includeContent: false, addHeader: { name: 'x-key', value: '' } })) as CollectorValidationError).fields).toEqual({ headerValue: expect.stringContaining('Enter the header') });
    expect(await db.settings.count()).toBe(0);
    expect(await db.secrets.count()).toBe(0);
  });

  it('reports a damaged row instead of failing', async () => {
    const db = open();
    await db.settings.put({ key: TRACE_COLLECTOR_KEY, value: { endpoint: 'ftp://x', includeContent: 'yes', headerNames: [], updatedAt: 1, apiKey: 'sk-x' } });
    const { collector, problem } = await readTraceCollector(db);
    expect(collector).toBeUndefined();
    expect(problem!.message).toMatch(/^The saved trace collector could not be read \(.+\)\. Save it again\.$/);
  });
});
