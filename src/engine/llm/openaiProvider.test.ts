// The OpenAI adapter through the real `openai` SDK over real HTTP, against the test server.
import { Ajv } from 'ajv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { TrellisError } from '../util/errors';
import { createOpenAIProvider } from './openaiProvider';
import { SCRIPTED_LABEL } from './scripted';
import type { ChatMessage, ProviderConfig } from './types';

const KEY = 'sk-trellis-happy-7Q2w9Zx4Lm';
let server: TestServer;
const config = (over: Partial<ProviderConfig> = {}): ProviderConfig => ({
  id: 'local',
  kind: 'openai-compatible',
  label: 'Local test server',
  baseURL: server.url,
  defaultModel: 'gpt-4o-mini',
  ...over,
});

beforeAll(async () => {
  server = await startTestServer({ apiKey: KEY });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const lastBody = () => server.requests().at(-1)?.body as Record<string, unknown>;

describe('createOpenAIProvider: streaming chat', () => {
  it('streams text as deltas and reports usage, latency and time to first token', async () => {
    const provider = createOpenAIProvider(config(), KEY);
    server.script({ content: 'The quick brown fox jumps over the lazy dog, twice over, and then rests.' });
    const deltas: string[] = [];
    const response = await provider.chat(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me about the fox.' }], temperature: 0.2, maxTokens: 200 },
      { onDelta: (text) => deltas.push(text) },
    );
    expect(response.content).toBe('The quick brown fox jumps over the lazy dog, twice over, and then rests.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(response.content);
    expect(response.finishReason).toBe('stop');
    expect(response.model).toBe('gpt-4o-mini');
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(response.ttftMs).not.toBeNull();
    expect(response.ttftMs!).toBeGreaterThanOrEqual(0);
    expect(response.latencyMs).toBeGreaterThanOrEqual(response.ttftMs!);

    const request = server.requests().at(-1)!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_tokens: 200,
      messages: [{ role: 'user', content: 'Tell me about the fox.' }],
    });
  });

  it('passes an error thrown by the onDelta listener through unchanged', async () => {
    const provider = createOpenAIProvider(config(), KEY);
    const boom = new Error('listener failed');
    await expect(
      provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, { onDelta: () => { throw boom; } }),
    ).rejects.toBe(boom);
  });

  it("uses the server's usage when sent, and estimates it when not", async () => {
    const provider = createOpenAIProvider(config(), KEY);
    server.script({ content: 'abcd'.repeat(10), noUsage: true });
    const estimated = await provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(400) }] });
    expect(estimated.usage.outputTokens).toBe(10);
    expect(estimated.usage.inputTokens).toBeGreaterThanOrEqual(100);
  });

  it('answers with the scripted responder by default, plainly labelled', async () => {
    const provider = createOpenAIProvider(config(), KEY);
    const response = await provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Summarize: the meeting moved to Tuesday.' }] });
    expect(response.content).toContain(SCRIPTED_LABEL);
    expect(response.content).toContain('the meeting moved to Tuesday');
  });

  it("sends max_completion_tokens to OpenAI and reports the 'openai' price table", async () => {
    const provider = createOpenAIProvider(config({ kind: 'openai', label: 'OpenAI' }), KEY);
    expect(provider.pricingProvider).toBe('openai');
    expect(createOpenAIProvider(config(), KEY).pricingProvider).toBeUndefined();
    await provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], maxTokens: 50 });
    expect(lastBody().max_completion_tokens).toBe(50);
    expect(lastBody().max_tokens).toBeUndefined();
  });

  it('sends no Authorization header to a keyless OpenAI-compatible server', async () => {
    server.setOptions({ apiKey: undefined });
    const provider = createOpenAIProvider(config(), undefined);
    const response = await provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.content).toBeTruthy();
    expect(server.requests().at(-1)!.headers.authorization).toBeUndefined();
  });

  it('lists models through the SDK', async () => {
    server.setOptions({ models: ['zeta-1', 'alpha-2'] });
    const provider = createOpenAIProvider(config(), KEY);
    expect(await provider.listModels()).toEqual(['alpha-2', 'zeta-1']);
    expect(server.requests().at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
  });
});

describe('createOpenAIProvider: tools and structured output', () => {
  const tools = [
    {
      name: 'lookup_order',
      description: 'Looks up an order by id',
      parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'], additionalProperties: false },
    },
  ];

  it('round-trips tool calls: streamed call, then the tool result sent back in OpenAI format', async () => {
    const provider = createOpenAIProvider(config(), KEY);
    const messages: ChatMessage[] = [{ role: 'user', content: 'Where is order #A-1042?' }];
    server.script([
      { toolCalls: [{ name: 'lookup_order', arguments: { order_id: 'A-1042' } }, { name: 'lookup_order', arguments: { order_id: 'B-7' } }] },
    ]);
    const first = await provider.chat({ model: 'gpt-4o-mini', messages, tools });
    expect(first.finishReason).toBe('tool_calls');
    expect(first.content).toBeNull();
    expect(first.toolCalls).toHaveLength(2);
    expect(first.toolCalls.map((c) => JSON.parse(c.arguments) as unknown)).toEqual([{ order_id: 'A-1042' }, { order_id: 'B-7' }]);
    expect(first.ttftMs).not.toBeNull();
    expect(lastBody().tools).toEqual([{ type: 'function', function: tools[0] }]);

    messages.push({ role: 'assistant', content: null, toolCalls: first.toolCalls });
    for (const call of first.toolCalls) messages.push({ role: 'tool', toolCallId: call.id, content: '{"status":"shipped"}' });
    const second = await provider.chat({ model: 'gpt-4o-mini', messages, tools });
    expect(second.finishReason).toBe('stop');
    expect(second.content).toContain('shipped');
    const sent = lastBody().messages as Record<string, unknown>[];
    expect(sent[1]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: first.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
    });
    expect(sent[2]).toEqual({ role: 'tool', tool_call_id: first.toolCalls[0]!.id, content: '{"status":"shipped"}' });
  });

  it('lets the scripted default call the first tool with arguments from the message', async () => {
    const provider = createOpenAIProvider(config(), KEY);
    const response = await provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Where is order #A-1042?' }], tools });
    expect(response.toolCalls).toHaveLength(1);
    expect(JSON.parse(response.toolCalls[0]!.arguments)).toEqual({ order_id: 'A-1042' });
  });

  it('sends response_format json_schema and gets JSON that validates', async () => {
    const provider = createOpenAIProvider(config(), KEY);
    const schema = {
      type: 'object',
      properties: { branch: { type: 'string', enum: ['billing', 'technical', 'other'] }, reason: { type: 'string' } },
      required: ['branch', 'reason'],
      additionalProperties: false,
    };
    const response = await provider.chat({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Route the ticket to billing, technical or other.' },
        { role: 'user', content: 'My invoice shows a double charge; this is a billing problem.' },
      ],
      responseFormat: { name: 'route', schema, strict: true },
    });
    expect(lastBody().response_format).toEqual({ type: 'json_schema', json_schema: { name: 'route', schema, strict: true } });
    const value = JSON.parse(response.content!) as { branch: string };
    expect(new Ajv().validate(schema, value)).toBe(true);
    expect(value.branch).toBe('billing');
  });
});

describe('createOpenAIProvider: configuration', () => {
  it('requires a base URL for OpenAI-compatible providers', () => {
    const error = (() => {
      try {
        createOpenAIProvider({ id: 'x', kind: 'openai-compatible', label: 'Ollama', defaultModel: 'llama3' }, undefined);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TrellisError);
    expect((error as TrellisError).code).toBe('config');
    expect((error as TrellisError).message).toMatch(/Ollama.*base URL/);
  });

  it('uses https://api.openai.com/v1 for kind openai without a base URL', async () => {
    const urls: string[] = [];
    const refuse = (async (input: string | URL | Request) => {
      urls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const provider = createOpenAIProvider({ id: 'oa', kind: 'openai', label: 'OpenAI', defaultModel: 'gpt-4o-mini' }, KEY, { fetch: refuse });
    await expect(provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ code: 'network' });
    expect(urls).toEqual(['https://api.openai.com/v1/chat/completions']);
  });

  it('refuses to call OpenAI without a key, before any request', async () => {
    const provider = createOpenAIProvider(config({ kind: 'openai', label: 'OpenAI' }), undefined);
    await expect(provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      code: 'auth',
      message: expect.stringContaining('No API key is set for OpenAI'),
    });
    expect(server.requests()).toHaveLength(0);
  });
});
