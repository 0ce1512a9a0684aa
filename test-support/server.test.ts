// The test server itself: the OpenAI wire format (through the real SDK), CORS, scripted replies,
// the request log and the HTTP control API used by browser tests.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCRIPTED_LABEL, createScriptedProvider } from '../src/engine/llm/scripted';
import { createModelResolver } from '../src/engine/llm/resolver';
import { startRun } from '../src/engine/run/executor';
import { createFetchHttpPort } from '../src/engine/run/fetchHttp';
import { createMemoryRunStore } from '../src/engine/run/memoryStore';
import { createQuickJsSandbox } from '../src/engine/sandbox/quickjs';
import { leadResearchFlow } from '../src/engine/templates/leadResearch';
import { toOtlp, type ExportTraceServiceRequest } from '../src/engine/trace/otlp';
import { buildTrace } from '../src/engine/trace/spans';
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

describe('test server: OTLP/HTTP trace receiver', () => {
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${server.origin}/v1/traces`, { method: 'POST', headers: { origin: 'http://localhost:4173', ...headers }, body });

  async function exportedTrace(): Promise<{ payload: ExportTraceServiceRequest; spans: number }> {
    const store = createMemoryRunStore();
    const services = { models: createModelResolver([createScriptedProvider()]), http: createFetchHttpPort(), sandbox: createQuickJsSandbox() };
    const run = await (await startRun(leadResearchFlow(), { company: 'Northwind', contact: 'Dana Whitfield', product: 'Routes.' }, { store, services, runId: 'receiver-run' })).done;
    const { steps, reviews } = store.snapshot();
    const trace = buildTrace(run, steps, reviews);
    return { payload: toOtlp(trace, { run, steps }, { includeContent: true, appVersion: '0.1.0' }), spans: trace.spans.length };
  }

  it('decodes an exported trace posted with fetch, keeps it with its headers, and answers like a collector', async () => {
    server.setOptions({ apiKey: 'sk-only-for-the-model-api' });
    const { payload, spans } = await exportedTrace();
    const response = await post(JSON.stringify(payload), { 'content-type': 'application/json', authorization: 'Bearer collector-token' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:4173');
    expect(await response.json()).toEqual({});
    const [batch] = server.traces();
    expect(batch).toMatchObject({ status: 200, problems: [], body: payload });
    expect(batch!.headers.authorization).toBe('Bearer collector-token');
    expect(batch!.spans).toHaveLength(spans);
    const root = batch!.spans.find((s) => s.parentSpanId === null)!;
    expect(root).toMatchObject({ name: 'invoke_workflow Lead research and outreach', kind: 1, scope: { name: 'trellis.trace', version: '0.1.0' }, resource: { 'service.name': 'trellis' } });
    expect(batch!.spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat').every((s) => s.kind === 3 && typeof s.attributes['gen_ai.usage.input_tokens'] === 'number')).toBe(true);
    // Trace exports stay out of the request log; the control API reads them from another process.
    expect(server.requests()).toEqual([]);
    const overHttp = await createControlClient(server.url).traces();
    expect(overHttp).toEqual(server.traces());
  });

  it('reports what is wrong: problems in partialSuccess, 415 for another content type, 400 for broken JSON', async () => {
    const bad = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'x' }, spans: [{ traceId: '0'.repeat(32), spanId: 'ABCDEF0123456789', parentSpanId: '1111111111111111', name: 'a', kind: 1, startTimeUnixNano: 1, endTimeUnixNano: '2', attributes: [{ key: 'n', value: { intValue: 3 } }] }] }] }] };
    const response = await post(JSON.stringify(bad));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toContain('traceId: must not be all zeros');
    expect(server.traces()[0]!.problems).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[0].traceId: must not be all zeros',
      'resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 16 lowercase hex digits, got "ABCDEF0123456789"',
      'resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: expected nanoseconds since the epoch as a decimal string, got 1',
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.intValue: expected a 64-bit integer as a decimal string, got 3',
      'resourceSpans[0].scopeSpans[0].spans[0].parentSpanId: parent 1111111111111111 is not in this batch (trace 00000000000000000000000000000000)',
    ]);
    const proto = await post('binary', { 'content-type': 'application/x-protobuf' });
    expect(proto.status).toBe(415);
    const broken = await post('{"resourceSpans": [', { 'content-type': 'application/json; charset=utf-8' });
    expect(broken.status).toBe(400);
    expect(server.traces().map((t) => t.status)).toEqual([200, 415, 400]);
  });

  it('answers CORS preflights (or refuses them), scripted failures, and forgets everything on reset', async () => {
    const preflight = () => fetch(`${server.origin}/v1/traces`, { method: 'OPTIONS', headers: { origin: 'http://localhost:4173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const allowed = await preflight();
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    server.script({ match: { path: '/v1/traces' }, status: 401, error: { message: 'Invalid collector token' } });
    const refused = await post('{"resourceSpans":[]}');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { message: 'Invalid collector token' } });
    expect(server.traces()[0]!.status).toBe(401);
    server.setOptions({ cors: false });
    expect((await preflight()).headers.get('access-control-allow-origin')).toBeNull();
    server.reset();
    expect(server.traces()).toEqual([]);
  });
});
