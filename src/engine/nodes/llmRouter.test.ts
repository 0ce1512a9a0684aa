/**
 * The LLM router against the OpenAI-compatible test server (real openai SDK), and offline with
 * the scripted demo model.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import type { StepServices } from '../run/context';
import { TrellisError } from '../util/errors';
import { realServices, runStepForTest } from './agent/stepHarness';
import { llmRouterNode } from './llmRouter';

let server: TestServer;
let services: StepServices;

beforeAll(async () => {
  server = await startTestServer();
  services = realServices(server.url);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

type Body = { temperature?: number; messages: { role: string; content: string }[]; response_format?: unknown };
const bodies = () => server.requests().map((r) => r.body as Body);

const triage = {
  instructions: 'Route this support ticket:\n\n{{ticket}}',
  branches: [
    { name: 'billing', description: 'Invoices, payments, refunds and pricing' },
    { name: 'technical', description: 'Bugs, errors and how-to questions' },
    { name: 'other', description: 'Anything else' },
  ],
};
const ticket = { id: 'T-17', text: 'The export button crashes the app.' };

describe('LLM router', () => {
  it('takes the branch the model names, carrying the input on, and always outputs the decision', async () => {
    server.script({ json: { branch: 'technical', reason: 'A crash is a bug.' } });
    const { outputs, error } = await runStepForTest(llmRouterNode, triage, { ticket }, services, { label: 'Triage' });
    expect(error).toBeNull();
    expect(outputs).toEqual({ decision: { branch: 'technical', reason: 'A crash is a bug.' }, technical: ticket });

    const [body] = bodies();
    expect(body!.temperature).toBe(0);
    expect(body!.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'Triage_decision',
        strict: true,
        schema: {
          type: 'object',
          properties: {
            branch: { type: 'string', enum: ['billing', 'technical', 'other'], description: 'The chosen branch.' },
            reason: { type: 'string', description: 'Why this branch fits, in one or two sentences.' },
          },
          required: ['branch', 'reason'],
          additionalProperties: false,
        },
      },
    });
    expect(body!.messages[0]!.content).toContain('- billing: Invoices, payments, refunds and pricing\n- technical: Bugs, errors and how-to questions\n- other: Anything else');
    expect(body!.messages[1]).toEqual({ role: 'user', content: `Route this support ticket:\n\n${JSON.stringify(ticket, null, 2)}` });
  });

  it('carries an object of all inputs when there are several', async () => {
    server.script({ json: { branch: 'billing', reason: 'Refund.' } });
    const config = { ...triage, instructions: 'Customer {{customer}} wrote: {{message}}' };
    const { outputs } = await runStepForTest(llmRouterNode, config, { customer: 'Ada', message: 'Refund please' }, services);
    expect(outputs).toEqual({ decision: { branch: 'billing', reason: 'Refund.' }, billing: { customer: 'Ada', message: 'Refund please' } });
  });

  it('retries an answer that names no branch, with feedback, and takes the corrected one', async () => {
    server.script([{ content: 'Definitely billing.' }, { json: { branch: 'billing', reason: 'Invoice question.' } }]);
    const { outputs, activity } = await runStepForTest(llmRouterNode, triage, { ticket: 'Where is my invoice?' }, services);
    expect(outputs).toEqual({ decision: { branch: 'billing', reason: 'Invoice question.' }, billing: 'Where is my invoice?' });
    expect(bodies()).toHaveLength(2);
    expect(bodies()[1]!.messages.slice(2)).toEqual([
      { role: 'assistant', content: 'Definitely billing.' },
      {
        role: 'user',
        content:
          'Your answer named no valid branch: you answered "Definitely billing.", which is not JSON. Reply again with JSON only, {"branch": ..., "reason": ...}, where branch is exactly one of: billing, technical, other.',
      },
    ]);
    expect(activity.llmCalls).toHaveLength(2);
  });

  it("fails with 'no_branch' after maxAttempts, naming the answer and the valid branches", async () => {
    server.script([{ json: { branch: 'sales', reason: 'x' } }, { json: { branch: 'refunds', reason: 'y' } }, { json: { branch: 'billing', reason: 'z' } }]);
    const { error, outputs } = await runStepForTest(llmRouterNode, { ...triage, maxAttempts: 2 }, { ticket }, services, { label: 'Triage' });
    expect(outputs).toBeNull();
    expect(error).toBeInstanceOf(TrellisError);
    expect(error).toMatchObject({
      code: 'no_branch',
      message: 'LLM router "Triage" got no valid branch in 2 attempts: the model answered the branch "refunds", which is not one of the branches. Valid branches: billing, technical, other.',
      details: { branches: ['billing', 'technical', 'other'] },
    });
    expect(bodies()).toHaveLength(2);
  });

  it('lets model errors through unchanged', async () => {
    server.script({ status: 401, error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } });
    const { error } = await runStepForTest(llmRouterNode, triage, { ticket }, services);
    expect(error).toMatchObject({ code: 'auth' });
    expect(bodies()).toHaveLength(1);
  });
});

describe('LLM router with the scripted demo model (offline)', () => {
  it('routes a ticket that mentions billing to the billing branch', async () => {
    const demo = realServices();
    // billing is deliberately not the first branch: the choice follows the ticket's words.
    const config = { ...triage, branches: [...triage.branches].reverse(), instructions: 'Route this ticket: {{ticket}}' };
    const text = 'Hello, I was charged twice this month, please check my billing.';
    const { outputs, error, activity } = await runStepForTest(llmRouterNode, config, { ticket: text }, demo);
    expect(error).toBeNull();
    expect(outputs).toMatchObject({ decision: { branch: 'billing', reason: expect.any(String) }, billing: text });
    expect(Object.keys(outputs!).sort()).toEqual(['billing', 'decision']);
    expect(activity.llmCalls[0]).toMatchObject({ providerId: 'demo', model: 'trellis-demo' });
  });
});
