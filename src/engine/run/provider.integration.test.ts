/**
 * The executor with agent steps talking to the OpenAI-compatible test server through the real
 * `openai` SDK: provider errors are retried per policy (Retry-After honoured) or fail clearly,
 * tokens and costs are recorded, and cancelling aborts the in-flight request.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { createOpenAIProvider } from '../llm/openaiProvider';
import { createModelResolver } from '../llm/resolver';
import { costOf } from '../llm/pricing';
import { flowOf } from '../testing/flows';
import { createMemoryRunStore } from './memoryStore';
import { createFetchHttpPort } from './fetchHttp';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { startRun, type RunOptions } from './executor';
import type { RunEvent } from './types';

const KEY = 'sk-test-integration-0123456789abcdef';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ apiKey: KEY });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const agentFlow = () =>
  flowOf(
    [
      ['in', 'input', { fields: [{ name: 'topic', type: 'string', required: true }] }],
      ['write', 'agent', { role: 'Writer', goal: 'Write one line', backstory: '', instructions: 'Write one line about {{topic}}', temperature: 0.2, maxIterations: 2, outputSchema: null, tools: [] }],
      ['out', 'output', { name: 'line' }],
    ],
    ['in.topic -> write.topic', 'write.out -> out.value'],
    { providerId: 'test', model: 'gpt-4o-mini' },
  );

function options(events: RunEvent[], delays: number[], key = KEY): RunOptions {
  const provider = createOpenAIProvider({ id: 'test', kind: 'openai', label: 'Test server', baseURL: server.url, defaultModel: 'gpt-4o-mini', timeoutMs: 10_000 }, key);
  return {
    store: createMemoryRunStore(),
    services: { models: createModelResolver([provider]), http: createFetchHttpPort(), sandbox: createQuickJsSandbox(), costOf },
    onEvent: (e) => events.push(e),
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
  };
}

describe('executor with a real provider over HTTP', () => {
  it('retries a 429 after the Retry-After the server asked for, then succeeds and records usage and cost', async () => {
    server.script([{ status: 429, error: { message: 'Rate limit reached', type: 'requests' }, headers: { 'retry-after': '7' } }, { content: 'Tides rise twice a day.' }]);
    const events: RunEvent[] = [];
    const delays: number[] = [];
    const run = await (await startRun(agentFlow(), { topic: 'tides' }, options(events, delays))).done;
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ line: 'Tides rise twice a day.' });
    expect(delays).toEqual([7000]);
    expect(events.find((e) => e.type === 'step.retrying')).toMatchObject({ error: { code: 'rate_limit' } });
    expect(run.totals.llmCalls).toBe(2); // the refused call is recorded too, with its error
    expect(run.totals.inputTokens).toBeGreaterThan(0);
    expect(run.totals.costUsd).toBeGreaterThan(0);
    expect(server.requests().filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
  });

  it('fails at once with a clear message on a wrong key, and the key appears nowhere in the run', async () => {
    const events: RunEvent[] = [];
    const delays: number[] = [];
    const wrong = 'sk-wrong-key-abcdefghijklmnop';
    const handle = await startRun(agentFlow(), { topic: 'tides' }, options(events, delays, wrong));
    const run = await handle.done;
    expect(run).toMatchObject({ status: 'failed', error: { code: 'auth' } });
    expect(run.error?.message).toMatch(/rejected the API key \(HTTP 401\)/);
    expect(delays).toEqual([]);
    expect(JSON.stringify(events)).not.toContain('abcdefghij');
  });

  it('cancelling aborts the in-flight model request and ends the run cancelled', async () => {
    server.script({ content: 'slow answer', delayMs: 30_000 });
    const events: RunEvent[] = [];
    const handle = await startRun(agentFlow(), { topic: 'tides' }, options(events, []));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (server.requests().some((r) => r.path === '/v1/chat/completions')) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    handle.cancel();
    const run = await handle.done;
    expect(run.status).toBe('cancelled');
    expect(events.some((e) => e.type === 'step.failed')).toBe(false);
  });
});
