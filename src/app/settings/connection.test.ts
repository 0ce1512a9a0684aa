// "Test connection" against the OpenAI-compatible test server, through the real SDK over HTTP.
// The browser-only part (the no-cors probe that tells CORS from an unreachable host) is injected.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import type { ProviderConfig } from '../../engine/llm/types';
import { testConnection, type ConnectionResult } from './connection';

const KEY = 'sk-test-TRELLISconnKEY-7d3Wq9Lm2Xc4';
let server: TestServer;
let config: ProviderConfig;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  config = { id: 'local', kind: 'openai-compatible', label: 'Local server', baseURL: server.url, defaultModel: 'gpt-4o-mini' };
});

const probeUp = async () => true;
const probeDown = async () => false;

function expectNoKey(result: ConnectionResult): void {
  const text = JSON.stringify(result);
  for (let i = 0; i + 6 <= KEY.length; i += 1) expect(text).not.toContain(KEY.slice(i, i + 6));
}

describe('test connection', () => {
  it('lists the models and confirms a listed default model', async () => {
    const result = await testConnection(config, undefined, { checkModel: true });
    expect(result).toEqual({
      ok: true,
      models: ['gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'trellis-demo'],
      model: { name: 'gpt-4o-mini', checked: 'listed' },
      message: 'Connected to Local server. 4 models found. The default model "gpt-4o-mini" is available.',
    });
    expect(server.requests().map((r) => r.path)).toEqual(['/v1/models']);
  });

  it('checks a model missing from the list with a one-word chat, and names an unknown model', async () => {
    server.setOptions({ models: ['listed-model'] });
    const unknown = await testConnection({ ...config, defaultModel: 'no-such-model' }, undefined, { checkModel: true });
    expect(unknown).toMatchObject({ ok: false, problem: 'unknown_model', title: 'Unknown model', models: ['listed-model'] });
    if (!unknown.ok) {
      expect(unknown.message).toMatch(/Local server does not know the model "no-such-model" \(HTTP 404\)/);
      expect(unknown.fix).toMatch(/Models this endpoint lists: listed-model/);
    }
    // A server without a model list: the model itself answers the test message.
    server.script({ match: { path: '/v1/models' }, status: 404, error: { message: 'Unknown request URL: GET /v1/models.' } });
    const unlisted = await testConnection({ ...config, defaultModel: 'listed-model' }, undefined, { checkModel: true });
    expect(unlisted).toMatchObject({ ok: true, models: [], model: { name: 'listed-model', checked: 'answered' } });
    expect(server.requests().slice(-2).map((r) => r.path)).toEqual(['/v1/models', '/v1/chat/completions']);
  });

  it('reports a wrong or missing key specifically, never echoing the key', async () => {
    server.setOptions({ apiKey: 'sk-the-right-key-000000000000' });
    const wrong = await testConnection(config, KEY, { checkModel: true });
    expect(wrong).toMatchObject({ ok: false, problem: 'auth', title: 'Wrong API key' });
    if (!wrong.ok) expect(wrong.message).toMatch(/Local server rejected the API key \(HTTP 401\)/);
    expectNoKey(wrong);
    const missing = await testConnection(config, undefined, { checkModel: true });
    expect(missing).toMatchObject({ ok: false, problem: 'no_key', title: 'API key needed' });
    const openaiWithout = await testConnection({ ...config, kind: 'openai', label: 'OpenAI' }, undefined, { checkModel: true });
    expect(openaiWithout).toMatchObject({ ok: false, problem: 'no_key' });
  });

  it('reports a wrong base URL (404) with what the address should look like', async () => {
    const result = await testConnection({ ...config, baseURL: `${server.origin}/api` }, undefined, { checkModel: true });
    expect(result).toMatchObject({ ok: false, problem: 'wrong_url', title: 'Wrong address: no OpenAI-compatible API here' });
    if (!result.ok) {
      expect(result.message).toContain(`has no such endpoint at ${server.origin}/api (HTTP 404)`);
      expect(result.fix).toMatch(/usually ends in \/v1/);
    }
  });

  it('reports a server that is not an OpenAI-compatible API', async () => {
    const web = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/v1`;
      const result = await testConnection({ ...config, baseURL: url }, undefined, { checkModel: true });
      expect(result).toMatchObject({ ok: false, problem: 'not_openai', title: 'Not an OpenAI-compatible API' });
    } finally {
      await new Promise((resolve) => web.close(resolve));
    }
  });

  it('tells a CORS refusal from an unreachable host by the no-cors probe', async () => {
    // A closed port: the request fails as a network error, as a CORS refusal does in a browser.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = { ...config, baseURL: `http://127.0.0.1:${port}/v1` };
    let probed = '';
    const cors = await testConnection(down, undefined, { checkModel: true, origin: 'http://app.example', probe: async (url) => ((probed = url), true) });
    expect(probed).toBe(`http://127.0.0.1:${port}/v1/models`);
    expect(cors).toMatchObject({ ok: false, problem: 'cors', title: 'Blocked by CORS: the server does not allow this page' });
    if (!cors.ok) expect(cors.fix).toContain('OLLAMA_ORIGINS=http://app.example');
    const unreachable = await testConnection(down, undefined, { checkModel: true, probe: probeDown });
    expect(unreachable).toMatchObject({ ok: false, problem: 'unreachable', title: 'Server not reachable' });
    if (!unreachable.ok) expect(unreachable.message).toContain(`Nothing answered at http://127.0.0.1:${port}/v1`);
  });

  it('reports rate limits and used-up quota', async () => {
    server.script({ match: { path: '/v1/models' }, status: 429, error: { message: 'Slow down' }, headers: { 'retry-after': '3' } });
    const limited = await testConnection(config, undefined, { checkModel: true, probe: probeUp });
    expect(limited).toMatchObject({ ok: false, problem: 'rate_limit', title: 'Rate limited' });
    if (!limited.ok) expect(limited.message).toMatch(/HTTP 429.*wait 3 s/);
    server.script({ match: { path: '/v1/models' }, status: 429, error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } });
    expect(await testConnection(config, undefined, { checkModel: true })).toMatchObject({ ok: false, problem: 'quota', title: 'Quota used up' });
  });

  it('refuses plain HTTP from a secure page except to localhost', async () => {
    const remote = await testConnection({ ...config, baseURL: 'http://models.example.com/v1' }, undefined, { pageIsHttps: true });
    expect(remote).toMatchObject({ ok: false, problem: 'mixed_content' });
    expect(server.requests()).toEqual([]);
    expect((await testConnection(config, undefined, { pageIsHttps: true })).ok).toBe(true);
  });

  it('only lists models when asked to fetch them (no model check)', async () => {
    const result = await testConnection({ ...config, defaultModel: '' }, undefined, {});
    expect(result).toMatchObject({ ok: true, models: ['gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'trellis-demo'] });
    expect(server.requests()).toHaveLength(1);
  });

  it('answers for the demo model without any request', async () => {
    const result = await testConnection({ id: 'demo', kind: 'scripted', label: 'Demo', defaultModel: 'trellis-demo' }, undefined, { checkModel: true });
    expect(result).toMatchObject({ ok: true, models: ['trellis-demo'] });
    if (result.ok) expect(result.message).toMatch(/scripted, not from a real model/);
  });
});
