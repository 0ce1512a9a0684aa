// Every provider failure becomes a specific TrellisError, through the real SDK over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type ServerReply, type TestServer } from '../../../test-support/server';
import { TrellisError } from '../util/errors';
import { createOpenAIProvider } from './openaiProvider';
import type { ChatOptions, ChatProvider } from './types';

// A distinctive key: no error message may contain it, or any 6-character piece of it.
const KEY = 'sk-proj-TRELLISsecretKEY-5f9Qz7Xw2Vb8';
let server: TestServer;
let provider: ChatProvider;

beforeAll(async () => {
  server = await startTestServer({ apiKey: KEY });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  provider = createOpenAIProvider(
    { id: 'acme', kind: 'openai-compatible', label: 'Acme LLM', baseURL: server.url, defaultModel: 'gpt-4o-mini' },
    KEY,
  );
});

/** A provider with a short timeout, for replies scripted to be far slower than it. */
const impatient = () =>
  createOpenAIProvider({ id: 'acme', kind: 'openai-compatible', label: 'Acme LLM', baseURL: server.url, defaultModel: 'gpt-4o-mini', timeoutMs: 300 }, KEY);

function expectNoKey(error: TrellisError): void {
  const texts = [error.message, JSON.stringify(error.details ?? null), String(error.stack)];
  for (const text of texts) {
    for (let i = 0; i + 6 <= KEY.length; i += 1) expect(text).not.toContain(KEY.slice(i, i + 6));
  }
}

async function failure(reply: ServerReply | null, options: ChatOptions = {}, chat = provider): Promise<TrellisError> {
  if (reply) server.script(reply);
  try {
    await chat.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there, please answer at some length.' }] }, options);
  } catch (error) {
    expect(error).toBeInstanceOf(TrellisError);
    expectNoKey(error as TrellisError);
    return error as TrellisError;
  }
  throw new Error('expected the call to fail');
}

describe('provider errors', () => {
  it('401: a wrong key is an auth error naming the provider, without the key the server echoed', async () => {
    const wrong = createOpenAIProvider(
      { id: 'acme', kind: 'openai-compatible', label: 'Acme LLM', baseURL: server.url, defaultModel: 'gpt-4o-mini' },
      `${KEY}-old`,
    );
    const error = await failure(null, {}, wrong);
    expect(error).toMatchObject({ code: 'auth', status: 401, retryable: false });
    expect(error.message).toBe('Acme LLM rejected the API key (HTTP 401) for model "gpt-4o-mini". Check the key in Settings.');
    // The server echoed a masked prefix of the key; details keep its message, scrubbed.
    expect(JSON.stringify(error.details)).toContain('[redacted]');
  });

  it('403 is an auth error too', async () => {
    const error = await failure({ status: 403, error: { message: `Project does not have access (key ${KEY})`, type: 'invalid_request_error' } });
    expect(error).toMatchObject({ code: 'auth', status: 403 });
  });

  it('404 for an unknown model names the model', async () => {
    server.setOptions({ models: ['other-model'] });
    const error = await failure(null);
    expect(error).toMatchObject({ code: 'not_found', status: 404, retryable: false });
    expect(error.message).toContain('Acme LLM does not know the model "gpt-4o-mini"');
  });

  it('404 for a wrong base URL says to check the base URL', async () => {
    const wrongPath = createOpenAIProvider(
      { id: 'acme', kind: 'openai-compatible', label: 'Acme LLM', baseURL: `${server.origin}/api`, defaultModel: 'gpt-4o-mini' },
      KEY,
    );
    const error = await failure(null, {}, wrongPath);
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
    expect(error.message).toContain(`no such endpoint at ${server.origin}/api`);
    expect(error.message).toContain('base URL');
  });

  it('429 with Retry-After seconds is a retryable rate limit with retryAfterMs', async () => {
    const error = await failure({ status: 429, error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }, headers: { 'retry-after': '7' } });
    expect(error).toMatchObject({ code: 'rate_limit', status: 429, retryable: true, retryAfterMs: 7000 });
    expect(error.message).toContain('Acme LLM is rate limiting requests (HTTP 429)');
  });

  it('429 with retry-after-ms takes the milliseconds', async () => {
    const error = await failure({ status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '9' } });
    expect(error).toMatchObject({ code: 'rate_limit', retryAfterMs: 1500 });
  });

  it('429 insufficient_quota is a quota error that is not retried', async () => {
    const error = await failure({
      status: 429,
      error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' },
    });
    expect(error).toMatchObject({ code: 'quota', status: 429, retryable: false });
    expect(error.message).toContain('quota');
  });

  it('400 is a bad request carrying the server message, scrubbed of the key', async () => {
    const error = await failure({ status: 400, error: { message: `Invalid schema for response_format; key=${KEY}`, type: 'invalid_request_error', param: 'response_format' } });
    expect(error).toMatchObject({ code: 'bad_request', status: 400, retryable: false });
    expect(error.message).toContain('Invalid schema for response_format');
  });

  it('500 is a retryable server error', async () => {
    const error = await failure({ status: 500, error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
    expect(error).toMatchObject({ code: 'server', status: 500, retryable: true });
    expect(error.message).toContain('Acme LLM had a server error (HTTP 500)');
  });

  it('a reply slower than the timeout is a retryable timeout', async () => {
    const error = await failure({ delayMs: 20_000 }, {}, impatient());
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.message).toContain('Acme LLM did not answer within 300 ms');
  });

  it('a stream that stalls longer than the timeout is a timeout too', async () => {
    const error = await failure({ content: 'one two three four five six seven eight', chunkDelayMs: 20_000 }, {}, impatient());
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(error.message).toContain('stopped responding');
  });

  it('a stream that ends without a finish reason is truncated', async () => {
    const error = await failure({ truncateAfterChunks: 3 });
    expect(error).toMatchObject({ code: 'truncated', retryable: true });
    expect(error.message).toContain('ended before the model finished');
  });

  it('a 200 answer without any stream data is malformed, pointing at the base URL', async () => {
    const error = await failure({ truncateAfterChunks: 0 });
    expect(error).toMatchObject({ code: 'malformed' });
    expect(error.message).toContain('not with an OpenAI-compatible stream');
  });

  it('a connection dropped mid-stream is truncated', async () => {
    const error = await failure({ truncateAfterChunks: 2, dropConnection: true });
    expect(error).toMatchObject({ code: 'truncated', retryable: true });
  });

  it('a malformed chunk is a retryable malformed error', async () => {
    const error = await failure({ malformed: true });
    expect(error).toMatchObject({ code: 'malformed', retryable: true });
    expect(error.message).toContain('not valid JSON');
  });

  it('an error object inside the stream is a server error', async () => {
    const error = await failure({ streamError: { message: 'overloaded' } });
    expect(error).toMatchObject({ code: 'server', retryable: true });
    expect(error.message).toContain('overloaded');
  });

  it('a connection dropped before any answer is a network error that mentions CORS', async () => {
    const error = await failure({ dropConnection: true });
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(error.message).toContain(`Could not reach Acme LLM at ${server.url}`);
    expect(error.message).toContain('cross-origin requests (CORS)');
  });

  it('a refused connection is a network error', async () => {
    const closed = await startTestServer();
    const url = closed.url;
    await closed.close();
    const gone = createOpenAIProvider({ id: 'g', kind: 'openai-compatible', label: 'Gone', baseURL: url, defaultModel: 'm' }, KEY);
    const error = await failure(null, {}, gone);
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('aborting mid-stream is cancelled, not truncated', async () => {
    const controller = new AbortController();
    const deltas: string[] = [];
    const error = await failure(
      { content: 'alpha beta gamma delta epsilon zeta eta theta iota kappa', chunkDelayMs: 20 },
      {
        signal: controller.signal,
        onDelta: (text) => {
          deltas.push(text);
          controller.abort();
        },
      },
    );
    expect(error).toMatchObject({ code: 'cancelled', retryable: false });
    expect(deltas).toHaveLength(1);
  });

  it('an already aborted signal fails before any request', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(null, { signal: controller.signal });
    expect(error.code).toBe('cancelled');
    expect(server.requests()).toHaveLength(0);
  });

  it('listModels maps errors too: wrong key, malformed body', async () => {
    const wrong = createOpenAIProvider({ id: 'a', kind: 'openai-compatible', label: 'Acme LLM', baseURL: server.url, defaultModel: 'm' }, 'sk-nope-000000000000');
    await expect(wrong.listModels()).rejects.toMatchObject({ code: 'auth', status: 401 });
    server.script({ match: { path: '/v1/models' }, malformed: true });
    await expect(provider.listModels()).rejects.toMatchObject({ code: 'malformed' });
  });
});
