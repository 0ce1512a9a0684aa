/**
 * The Agent node's tool loop against the OpenAI-compatible test server (real openai SDK), with an
 * HTTP tool hitting a local HTTP server through the real fetch port and a code tool running in
 * the real QuickJS sandbox.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import type { StepServices } from '../run/context';
import { agentNode } from './agent';
import { LAST_TURN_NOTE } from './agent/prompt';
import { realServices, runStepForTest } from './agent/stepHarness';

let server: TestServer;
let api: Server;
let apiOrigin: string;
let apiHits: { method: string; url: string; body: string; headers: Record<string, unknown> }[] = [];
let services: StepServices;

beforeAll(async () => {
  server = await startTestServer();
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      apiHits.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
      if (req.url?.startsWith('/weather/')) {
        const city = decodeURIComponent(req.url.slice('/weather/'.length));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ city, celsius: 21 }));
      } else {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('weather service down');
      }
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  services = realServices(server.url);
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => api.close(resolve));
});
beforeEach(() => {
  server.reset();
  apiHits = [];
});

type Message = { role: string; content: string | null; tool_call_id?: string; tool_calls?: { id: string; function: { name: string } }[] };
const bodies = () => server.requests().map((r) => r.body as { messages: Message[]; tools?: { type: string; function: { name: string; description: string; parameters: unknown } }[] });

const cityParams = { type: 'object', properties: { city: { type: 'string', minLength: 1 } }, required: ['city'], additionalProperties: false };
const tools = () => [
  { type: 'http', name: 'get_weather', description: 'Current weather in a city', parameters: cityParams, method: 'GET', url: `${apiOrigin}/weather/{{city}}`, headers: [{ name: 'x-city', value: '{{city}}' }] },
  { type: 'http', name: 'get_forecast', description: 'Forecast', parameters: cityParams, method: 'POST', url: `${apiOrigin}/forecast` },
  {
    type: 'code',
    name: 'to_fahrenheit',
    description: 'Converts Celsius to Fahrenheit',
    parameters: { type: 'object', properties: { celsius: { type: 'number' } }, required: ['celsius'] },
    code: 'function main(args) { if (args.celsius < -273.15) throw new Error("below absolute zero"); console.log("converting", args.celsius); return { fahrenheit: args.celsius * 9 / 5 + 32 }; }',
  },
];
const config = () => ({
  role: 'travel assistant',
  goal: 'Answer weather questions using the tools',
  instructions: 'What is the weather in {{city}}?',
  maxIterations: 4,
  outputSchema: null,
  tools: tools(),
});

describe('Agent tools', () => {
  it('runs http and code tool calls, records each, and returns their results to the model', async () => {
    server.script([
      { toolCalls: [{ id: 'call_w', name: 'get_weather', arguments: { city: 'San José' } }, { id: 'call_f', name: 'to_fahrenheit', arguments: { celsius: 21 } }] },
      { content: 'It is 21°C (69.8°F) in San José.' },
    ]);
    const { outputs, error, activity } = await runStepForTest(agentNode, config(), { city: 'San José' }, services, { label: 'Weather' });
    expect(error).toBeNull();
    expect(outputs).toEqual({ out: 'It is 21°C (69.8°F) in San José.' });

    expect(apiHits).toHaveLength(1);
    expect(apiHits[0]).toMatchObject({ method: 'GET', url: '/weather/San%20Jos%C3%A9', headers: { 'x-city': 'San José' } });
    expect(activity.toolCalls).toEqual([
      { name: 'get_weather', type: 'http', arguments: { city: 'San José' }, result: { status: 200, body: { city: 'San José', celsius: 21 } }, latencyMs: expect.any(Number), startedAt: expect.any(Number), iteration: 1 },
      { name: 'to_fahrenheit', type: 'code', arguments: { celsius: 21 }, result: { fahrenheit: 69.8 }, latencyMs: expect.any(Number), startedAt: expect.any(Number), iteration: 1 },
    ]);
    expect(activity.logs).toContain('[tool to_fahrenheit] converting 21');

    const [first, second] = bodies();
    expect(first!.tools!.map((tool) => tool.function.name)).toEqual(['get_weather', 'get_forecast', 'to_fahrenheit']);
    expect(first!.tools![0]).toEqual({ type: 'function', function: { name: 'get_weather', description: 'Current weather in a city', parameters: cityParams } });
    expect(second!.messages.slice(2)).toEqual([
      expect.objectContaining({ role: 'assistant', tool_calls: [expect.objectContaining({ id: 'call_w' }), expect.objectContaining({ id: 'call_f' })] }),
      { role: 'tool', tool_call_id: 'call_w', content: JSON.stringify({ status: 200, body: { city: 'San José', celsius: 21 } }) },
      { role: 'tool', tool_call_id: 'call_f', content: '{"fahrenheit":69.8}' },
    ]);
  });

  it('sends POST arguments as JSON when the tool has no body template', async () => {
    server.script([{ toolCalls: [{ name: 'get_forecast', arguments: { city: 'Oslo' } }] }, { content: 'ok' }]);
    await runStepForTest(agentNode, config(), { city: 'Oslo' }, services);
    expect(apiHits[0]).toMatchObject({ method: 'POST', url: '/forecast', body: '{"city":"Oslo"}', headers: { 'content-type': 'application/json' } });
  });

  it('returns tool failures to the model instead of failing the step', async () => {
    server.script([
      {
        toolCalls: [
          { id: 'a', name: 'get_weather', arguments: {} },
          { id: 'b', name: 'get_forecast', arguments: { city: 'Oslo' } },
          { id: 'c', name: 'to_fahrenheit', arguments: { celsius: -300 } },
          { id: 'd', name: 'to_fahrenheit', arguments: '{not json' },
        ],
      },
      { content: 'Sorry, the weather services failed.' },
    ]);
    const { outputs, activity } = await runStepForTest(agentNode, config(), { city: 'Oslo' }, services);
    expect(outputs).toEqual({ out: 'Sorry, the weather services failed.' });
    // Invalid arguments never reach the API: only the forecast call was made.
    expect(apiHits.map((hit) => hit.url)).toEqual(['/forecast']);
    const errors = activity.toolCalls.map((call) => [call.name, call.error?.code, call.result]);
    expect(errors).toEqual([
      ['get_weather', 'input', undefined],
      ['get_forecast', 'http_status', undefined],
      ['to_fahrenheit', 'code_error', undefined],
      ['to_fahrenheit', 'input', undefined],
    ]);
    expect(activity.toolCalls[3]!.arguments).toBe('{not json');
    const toolMessages = bodies()[1]!.messages.filter((m) => m.role === 'tool').map((m) => m.content);
    expect(toolMessages[0]).toBe(`Error from tool "get_weather": the arguments do not match the tool's parameters: /city: is required`);
    expect(toolMessages[1]).toBe('Error from tool "get_forecast": HTTP 503: weather service down');
    expect(toolMessages[2]).toMatch(/^Error from tool "to_fahrenheit": .*below absolute zero/);
    expect(toolMessages[3]).toMatch(/^Error from tool "to_fahrenheit": the arguments are not a JSON object/);
  });

  it('tells the model when it calls an unknown tool, and carries on', async () => {
    server.script([{ toolCalls: [{ id: 'x', name: 'get_stock_price', arguments: { ticker: 'ACME' } }] }, { content: 'I cannot look up stocks.' }]);
    const { outputs, activity } = await runStepForTest(agentNode, config(), { city: 'Oslo' }, services);
    expect(outputs).toEqual({ out: 'I cannot look up stocks.' });
    expect(activity.toolCalls).toEqual([]);
    expect(activity.logs.join('\n')).toContain('unknown tool "get_stock_price"');
    expect(bodies()[1]!.messages.at(-1)).toEqual({
      role: 'tool',
      tool_call_id: 'x',
      content: 'Error: there is no tool named "get_stock_price". Available tools: get_weather, get_forecast, to_fahrenheit.',
    });
  });

  it("stops with 'exhausted' when every iteration is spent on tool calls", async () => {
    const call = { toolCalls: [{ name: 'to_fahrenheit', arguments: { celsius: 20 } }] };
    server.script([call, call, call]);
    const { error, outputs, activity } = await runStepForTest(agentNode, { ...config(), maxIterations: 3 }, { city: 'Oslo' }, services, { label: 'Researcher' });
    expect(outputs).toBeNull();
    expect(error).toMatchObject({ code: 'exhausted', message: 'Agent "Researcher" used all 3 iterations without a final answer' });
    expect(bodies()).toHaveLength(3);
    expect(activity.toolCalls.map((c) => c.iteration)).toEqual([1, 2, 3]);
    // The last turn is announced, so a well-behaved model answers instead of calling more tools.
    expect(bodies()[2]!.messages.at(-1)).toEqual({ role: 'user', content: LAST_TURN_NOTE });
    expect(bodies()[1]!.messages.map((m) => m.content)).not.toContain(LAST_TURN_NOTE);
  });

  it('truncates large tool results before returning them to the model', async () => {
    const big = { type: 'code', name: 'big', description: '', parameters: { type: 'object' }, code: 'function main() { return "x".repeat(50000); }' };
    server.script([{ toolCalls: [{ name: 'big', arguments: {} }] }, { content: 'done' }]);
    const { activity } = await runStepForTest(agentNode, { ...config(), tools: [big] }, { city: 'Oslo' }, services);
    const content = bodies()[1]!.messages.at(-1)!.content!;
    expect(content.length).toBeLessThan(16_100);
    expect(content).toMatch(/\(truncated: the result has 50002 characters\)$/);
    expect(activity.toolCalls[0]!.result).toBe(content);
  });
});
