/**
 * The Agent node against the OpenAI-compatible test server, through the real openai SDK and a
 * real step context: prompts, structured output and its repair loop, feedback, errors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import type { StepServices } from '../run/context';
import { TrellisError } from '../util/errors';
import { agentNode } from './agent';
import { realServices, runStepForTest } from './agent/stepHarness';

let server: TestServer;
let services: StepServices;

beforeAll(async () => {
  server = await startTestServer();
  services = realServices(server.url);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

type Body = { model: string; temperature?: number; messages: { role: string; content: string | null; tool_call_id?: string }[]; response_format?: unknown; tools?: unknown };
const bodies = () => server.requests().filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as Body);

const scoreSchema = {
  type: 'object',
  properties: { score: { type: 'integer', minimum: 0, maximum: 10 }, summary: { type: 'string' } },
  required: ['score', 'summary'],
  additionalProperties: false,
};

const scorer = {
  role: 'lead qualification analyst',
  goal: 'Score how well a lead fits our ideal customer profile',
  backstory: 'You have qualified thousands of B2B leads.',
  instructions: 'Score this lead:\n{{lead}}',
  temperature: 0.2,
  maxIterations: 3,
  outputSchema: scoreSchema,
};
const lead = { name: 'Ada', company: 'Acme', employees: 250 };

describe('Agent', () => {
  it('sends the prompt and schema, and returns the parsed JSON when the first reply is valid', async () => {
    server.script({ json: { score: 7, summary: 'Good fit' } });
    const { outputs, error, activity } = await runStepForTest(agentNode, scorer, { lead }, services, { label: 'Lead scorer' });
    expect(error).toBeNull();
    expect(outputs).toEqual({ out: { score: 7, summary: 'Good fit' } });
    const [body, ...rest] = bodies();
    expect(rest).toHaveLength(0);
    expect(body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2 });
    expect(body!.tools).toBeUndefined();
    expect(body!.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'Lead_scorer', schema: scoreSchema, strict: true } });
    expect(body!.messages[0]).toMatchObject({ role: 'system', content: expect.stringMatching(/^You are lead qualification analyst\.\n\nYou have qualified/) });
    expect(body!.messages[0]!.content).toContain('Reply with JSON only');
    expect(body!.messages[1]).toEqual({ role: 'user', content: `Score this lead:\n${JSON.stringify(lead, null, 2)}` });
    expect(activity.llmCalls).toHaveLength(1);
    expect(activity.llmCalls[0]).toMatchObject({ providerId: 'test', model: 'gpt-4o-mini' });
  });

  it('returns the text when no schema is set, using the node\'s provider and model', async () => {
    server.script({ content: 'Acme is a mid-sized manufacturer.' });
    const config = { ...scorer, outputSchema: null, model: 'gpt-4o' };
    const { outputs } = await runStepForTest(agentNode, config, { lead }, services);
    expect(outputs).toEqual({ out: 'Acme is a mid-sized manufacturer.' });
    expect(bodies()[0]).toMatchObject({ model: 'gpt-4o' });
    expect(bodies()[0]!.response_format).toBeUndefined();
  });

  it('sends an invalid reply back with the validation errors, and returns the fixed one', async () => {
    server.script([{ json: { score: 11, summary: 'Great' } }, { content: '```json\n{"score": 9, "summary": "Great"}\n```' }]);
    const { outputs, activity } = await runStepForTest(agentNode, scorer, { lead }, services, { label: 'Lead scorer' });
    expect(outputs).toEqual({ out: { score: 9, summary: 'Great' } });
    const second = bodies()[1]!;
    expect(second.messages.slice(2)).toEqual([
      { role: 'assistant', content: '{"score":11,"summary":"Great"}' },
      { role: 'user', content: 'Your reply did not match the required schema: /score: must be <= 10 (got 11). Reply again with JSON only.' },
    ]);
    expect(activity.logs.join('\n')).toContain('/score: must be <= 10 (got 11)');
    // The structure layer: one verdict per checked reply, the failed one with its property path.
    expect(activity.verdicts.map((v) => [v.layer, v.validator, v.status, v.iteration, v.path])).toEqual([
      ['structure', 'Lead scorer: output schema', 'fail', 1, '/score'],
      ['structure', 'Lead scorer: output schema', 'pass', 2, undefined],
    ]);
    expect(activity.verdicts[0]!.findings).toEqual([{ message: '/score: must be <= 10 (got 11)', severity: 'fail' }]);
    expect(activity.verdicts[0]!.inputTokens).toBeGreaterThan(0);
    expect(activity.verdicts[0]!.inputTokens).toBe(activity.llmCalls[0]!.inputTokens);
    expect(activity.verdicts[1]!.inputTokens).toBe(activity.llmCalls[1]!.inputTokens);
  });

  it("fails with 'schema' and the errors after maxIterations invalid replies", async () => {
    server.script([{ content: 'I think about 8.' }, { json: { score: 8 } }, { json: { score: 'high', summary: 'x' } }]);
    const { error, outputs } = await runStepForTest(agentNode, scorer, { lead }, services, { label: 'Lead scorer' });
    expect(outputs).toBeNull();
    expect(error).toBeInstanceOf(TrellisError);
    expect(error).toMatchObject({
      code: 'schema',
      message: 'Agent "Lead scorer" used all 3 iterations without a reply matching its output schema: /score: must be integer (got string)',
      details: { errors: ['/score: must be integer (got string)'], iterations: 3 },
    });
    expect(bodies()).toHaveLength(3);
    expect(bodies()[1]!.messages.at(-1)!.content).toMatch(/^Your reply did not match the required schema: the reply is not valid JSON/);
    expect(bodies()[2]!.messages.at(-1)!.content).toBe(
      'Your reply did not match the required schema: /summary: is required. Reply again with JSON only.',
    );
  });

  it('adds feedback arriving from a revise loop to the prompt', async () => {
    server.script({ content: 'Revised draft' });
    const config = { ...scorer, outputSchema: null, instructions: 'Write a note about {{lead}}.' };
    const { outputs } = await runStepForTest(agentNode, config, { lead: 'Ada', feedback: 'Mention the company size.' }, services);
    expect(outputs).toEqual({ out: 'Revised draft' });
    expect(bodies()[0]!.messages[1]!.content).toBe(
      'Write a note about Ada.\n\nFeedback on your previous attempt (revise your answer to address it):\nMention the company size.',
    );
  });

  it('asks again after an empty reply, within the iteration budget', async () => {
    server.script([{ content: '' }, { content: 'Done.' }]);
    const { outputs } = await runStepForTest(agentNode, { ...scorer, outputSchema: null }, { lead }, services);
    expect(outputs).toEqual({ out: 'Done.' });
    expect(bodies()[1]!.messages.at(-1)).toEqual({ role: 'user', content: 'Your reply was empty. Reply with your final answer.' });
  });

  it('lets model errors through unchanged for the executor to retry', async () => {
    server.script({ status: 429, headers: { 'retry-after': '3' }, error: { message: 'Rate limit reached', type: 'requests' } });
    const { error, activity } = await runStepForTest(agentNode, scorer, { lead }, services);
    expect(error).toBeInstanceOf(TrellisError);
    expect(error).toMatchObject({ code: 'rate_limit', retryable: true });
    expect(activity.llmCalls[0]!.error).toMatchObject({ code: 'rate_limit' });
  });

  it('fails with a config error naming the node when the output schema does not compile', async () => {
    const { error } = await runStepForTest(agentNode, { ...scorer, outputSchema: { type: 'banana' } }, { lead }, services, { label: 'Scorer' });
    expect(error).toMatchObject({ code: 'config', message: expect.stringContaining('Agent "Scorer": the output schema: the JSON Schema is invalid: /type') });
    expect(bodies()).toHaveLength(0);
  });
});

describe('Agent with the scripted demo model (offline)', () => {
  const demo = realServices;

  it('returns JSON that matches the output schema', async () => {
    const { outputs, error } = await runStepForTest(agentNode, scorer, { lead }, demo());
    expect(error).toBeNull();
    const out = (outputs as { out: { score: number; summary: string } }).out;
    expect(Number.isInteger(out.score) && out.score >= 0 && out.score <= 10).toBe(true);
    expect(typeof out.summary).toBe('string');
  });

  it('calls its code tool, then answers from the result', async () => {
    const tools = [{
      type: 'code',
      name: 'word_count',
      description: 'Counts words',
      parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'], additionalProperties: false },
      code: 'function main(args) { return { words: args.text.split(/\\s+/).filter(Boolean).length }; }',
    }];
    const config = { ...scorer, outputSchema: null, instructions: 'How long is this? {{lead}}', tools };
    const { outputs, activity } = await runStepForTest(agentNode, config, { lead: 'one two three' }, demo());
    expect(activity.toolCalls).toHaveLength(1);
    expect(activity.toolCalls[0]).toMatchObject({ name: 'word_count', type: 'code', iteration: 1, result: { words: expect.any(Number) } });
    expect((outputs as { out: string }).out).toContain('words');
  });
});
