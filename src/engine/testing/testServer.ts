/**
 * For engine tests against the OpenAI-compatible test server (test-support/server.ts): one server
 * per test file, reset before each test, and run options that reach it through the real `openai`
 * SDK (provider id 'test', model gpt-4o-mini), the fetch HTTP port and the QuickJS sandbox, with
 * no waiting between retries.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startTestServer, type StartOptions, type TestServer } from '../../../test-support/server';
import { createOpenAIProvider } from '../llm/openaiProvider';
import { createModelResolver } from '../llm/resolver';
import { createFetchHttpPort } from '../run/fetchHttp';
import type { RunOptions } from '../run/executor';
import type { ReviewPolicy } from '../run/ports';
import type { RunStore } from '../run/types';
import { createQuickJsSandbox } from '../sandbox/quickjs';

/** Starts the server before the file's tests, resets it before each and closes it after; call at the top of a test file. */
export function useTestServer(start: StartOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(start);
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.reset());
  return () => {
    if (!server) throw new Error('The test server is not started yet (use it inside a test).');
    return server;
  };
}

export function testServerRunOptions(server: Pick<TestServer, 'url'>, store: RunStore, reviewPolicy?: ReviewPolicy): RunOptions {
  const provider = createOpenAIProvider({ id: 'test', kind: 'openai-compatible', label: 'Test server', baseURL: server.url, defaultModel: 'gpt-4o-mini', timeoutMs: 10_000 }, 'sk-test');
  return {
    store,
    services: { models: createModelResolver([provider]), http: createFetchHttpPort(), sandbox: createQuickJsSandbox() },
    ...(reviewPolicy ? { reviewPolicy } : {}),
    random: () => 0.5,
    sleep: async () => {},
  };
}
