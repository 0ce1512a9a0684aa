// The test server itself: the OpenAI wire format (through the real SDK), CORS, scripted replies,
// the request log and the HTTP control API used by browser tests.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCRIPTED_LABEL } from '../src/engine/llm/scripted';
import { createControlClient } from './control';
import { startTestServer, type TestServer } from './server';

let server: TestServer;
let sdk: OpenAI;

beforeAll(async () => {
  server = await startTestServer();
  sdk = new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0, organization: null, project: null });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const ask = (content: string, model = 'gpt-4o-mini') => sdk.chat.completions.create({ model, messages: [{ role: 'user', content }] });

describe('test server: OpenAI wire format', () => {
  it('answers non-streaming requests with a chat.completion and usage', async () => {
    const completion = await ask('Plan the offsite. Keep it cheap.');
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.choices[0]!.message.content).toContain(SCRIPTED_LABEL);
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(0);
  });

  it('returns tool calls and JSON in the non-streaming format too', async () => {
    server.script([{ toolCalls: [{ name: 'f', arguments: { a: 1 } }] }, { json: { ok: true } }]);
    const first = await ask('x');
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(first.choices[0]!.message.tool_calls).toEqual([{ id: expect.any(String) as unknown, type: 'function', function: { name: 'f', arguments: '{"a":1}' } }]);
    const second = await ask('y');
    expect(JSON.parse(second.choices[0]!.message.content!)).toEqual({ ok: true });
  });

  it('streams with a usage chunk and [DONE]', async () => {
    const stream = await sdk.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.total_tokens).toBeGreaterThan(0);
  });

  it('uses scripted replies first-in first-out, honouring match on text and model', async () => {
    server.script([
      { match: { model: 'gpt-4o' }, content: 'for gpt-4o' },
      { match: { contains: 'banana' }, content: 'about bananas' },
      { content: 'first' },
      { content: 'second' },
    ]);
    expect((await ask('apple')).choices[0]!.message.content).toBe('first');
    expect((await ask('banana bread')).choices[0]!.message.content).toBe('about bananas');
    expect((await ask('apple')).choices[0]!.message.content).toBe('second');
    expect((await ask('apple', 'gpt-4o')).choices[0]!.message.content).toBe('for gpt-4o');
    expect((await ask('apple')).choices[0]!.message.content).toContain(SCRIPTED_LABEL);
  });

  it('speaks the OpenAI error format: unknown model, bad body, missing or wrong key, unknown URL', async () => {
    await expect(ask('x', 'no-such-model')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    const bad = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"gpt-4o-mini"}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error', param: 'messages' } });
    server.setOptions({ apiKey: 'sk-right-key-000' });
    await expect(ask('x')).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    const none = await fetch(`${server.url}/models`);
    expect(none.status).toBe(401);
    const unknown = await fetch(`${server.url}/embeddings`, { method: 'POST', headers: { authorization: 'Bearer sk-right-key-000' } });
    expect(unknown.status).toBe(404);
  });

  it('logs every request with method, path, headers and JSON body', async () => {
    await ask('log me');
    const [entry] = server.requests();
    expect(entry).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'log me' }] } });
    expect(entry!.headers.authorization).toBe('Bearer sk-test');
    expect(entry!.headers['x-stainless-lang']).toBe('js');
  });
});

describe('test server: CORS', () => {
  const preflight = () =>
    fetch(`${server.url}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-stainless-os,x-stainless-retry-count',
      },
    });

  it('allows cross-origin requests with every header the SDK sends', async () => {
    const response = await preflight();
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:4173');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-stainless-os,x-stainless-retry-count');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const models = await fetch(`${server.url}/models`, { headers: { origin: 'http://localhost:4173' } });
    expect(models.headers.get('access-control-allow-origin')).toBe('http://localhost:4173');
  });

  it('can refuse CORS, as an endpoint without CORS support does', async () => {
    server.setOptions({ cors: false });
    const response = await preflight();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
  });
});

describe('test server: HTTP control API', () => {
  it('scripts replies, sets options, lists requests and resets over HTTP', async () => {
    const control = createControlClient(server.url);
    expect(await control.health()).toBe(true);
    await control.script({ content: 'scripted over HTTP' });
    expect((await ask('x')).choices[0]!.message.content).toBe('scripted over HTTP');
    await control.setOptions({ models: ['only-this'] });
    await expect(ask('x')).rejects.toMatchObject({ status: 404 });
    await control.setOptions({ apiKey: 'sk-control' });
    await expect(ask('x', 'only-this')).rejects.toMatchObject({ status: 401 });
    await control.setOptions({ apiKey: null });
    expect((await ask('x', 'only-this')).choices[0]!.message.content).toContain(SCRIPTED_LABEL);
    const requests = await control.requests();
    expect(requests.map((r) => r.path)).toEqual(Array(4).fill('/v1/chat/completions'));
    expect(requests.some((r) => r.path.startsWith('/__control'))).toBe(false);
    await control.reset();
    expect(await control.requests()).toEqual([]);
    expect((await ask('x')).choices[0]!.message.content).toContain(SCRIPTED_LABEL);
  });
});

describe('test server: quality endpoint', () => {
  const score = (body: unknown, init: RequestInit = {}) =>
    fetch(`${server.origin}/quality/score`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:4173' }, body: JSON.stringify(body), ...init });

  it('answers with the demo quality service for the body’s text, with CORS and no API key', async () => {
    server.setOptions({ apiKey: 'sk-only-for-the-model-api' });
    const good = await score({ text: 'Hi Dana, the Q3 report is ready. Can we review it on Tuesday?', value: 'x' });
    expect(good.status).toBe(200);
    expect(good.headers.get('access-control-allow-origin')).toBe('http://localhost:4173');
    const body = (await good.json()) as { score: number; checks: { name: string; pass: boolean }[] };
    expect(body.score).toBeGreaterThanOrEqual(0.7);
    expect(body.checks.map((check) => check.name)).toContain('specific');
    expect(((await (await score({ text: '' })).json()) as { score: number }).score).toBe(0);
    const get = await fetch(`${server.origin}/quality/score?text=${encodeURIComponent('Please confirm the 3 pm call with Sam tomorrow.')}`);
    expect(((await get.json()) as { score: number }).score).toBeGreaterThanOrEqual(0.7);
    expect(server.requests().map((r) => [r.method, r.path])).toEqual([
      ['POST', '/quality/score'],
      ['POST', '/quality/score'],
      ['GET', '/quality/score'],
    ]);
    expect(server.requests()[0]!.body).toEqual({ text: 'Hi Dana, the Q3 report is ready. Can we review it on Tuesday?', value: 'x' });
    const preflight = await fetch(`${server.origin}/quality/score`, { method: 'OPTIONS', headers: { origin: 'http://localhost:4173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('answers scripted replies matched on its path (json, status, raw content, malformed) and leaves chat replies alone', async () => {
    server.script([
      { content: 'for chat' },
      { match: { path: '/quality/score', contains: 'special' }, json: { result: { overall: 0.91 } } },
      { match: { path: '/quality/score' }, json: { score: 0.42 } },
      { match: { path: '/quality/score' }, status: 503, error: { message: 'scorer down' } },
      { match: { path: '/quality/score' }, status: 502, content: '<html>Bad Gateway</html>' },
      { match: { path: '/quality/score' }, malformed: true, json: { score: 0.5 } },
    ]);
    expect(await (await score({ text: 'plain' })).json()).toEqual({ score: 0.42 });
    expect(await (await score({ text: 'a special one' })).json()).toEqual({ result: { overall: 0.91 } });
    const down = await score({ text: 'x' });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ error: { message: 'scorer down', type: 'server_error' } });
    const html = await score({ text: 'x' });
    expect([html.status, html.headers.get('content-type'), await html.text()]).toEqual([502, 'text/plain; charset=utf-8', '<html>Bad Gateway</html>']);
    const broken = await (await score({ text: 'x' })).text();
    expect(() => JSON.parse(broken) as unknown).toThrow();
    expect((await ask('x')).choices[0]!.message.content).toBe('for chat');
  });

  it('delays, drops the connection, and takes scripts over the HTTP control API', async () => {
    const control = createControlClient(server.url);
    await control.script([
      { match: { path: '/quality/score' }, delayMs: 150, json: { score: 1 } },
      { match: { path: '/quality/score' }, dropConnection: true },
    ]);
    const started = Date.now();
    expect(await (await score({ text: 'x' })).json()).toEqual({ score: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await expect(score({ text: 'x' })).rejects.toThrow();
  });
});
