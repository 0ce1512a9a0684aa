/**
 * The Judge against the OpenAI-compatible test server through the real openai SDK: the verdict
 * it records, the ports it takes, replies that break the schema, provider errors, config errors,
 * the offline demo model, and a revise loop run by the executor.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { createOpenAIProvider } from '../llm/openaiProvider';
import { createModelResolver } from '../llm/resolver';
import { startRun } from '../run/executor';
import { createFetchHttpPort } from '../run/fetchHttp';
import { createMemoryRunStore } from '../run/memoryStore';
import type { StepServices } from '../run/context';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { flowOf } from '../testing/flows';
import { TrellisError } from '../util/errors';
import { isValidationFailure } from '../validation/failure';
import { realServices, runStepForTest } from './agent/stepHarness';
import { judgeConfigSchema, judgeNode } from './judge';

let server: TestServer;
let services: StepServices;

beforeAll(async () => {
  server = await startTestServer();
  services = realServices(server.url);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

type Body = { temperature?: number; messages: { role: string; content: string }[]; response_format?: { json_schema?: { name?: string; strict?: boolean; schema?: Record<string, unknown> } } };
const bodies = () => server.requests().map((r) => r.body as Body);

const rubric = {
  criteria: 'The reply answers the customer’s question and states the refund amount.',
  steps: ['Find the question the customer asked.', 'Check that the reply answers it.', 'Check that the refund amount is stated.'],
};
const reply = { to: 'ada@example.com', body: 'Your refund of $40 was sent today.' };
const ticket = 'Where is my refund of $40?';
const LABEL = 'Reply judge';

describe('Judge', () => {
  it('sends a value that reaches the threshold down "pass" unchanged, with one pass verdict', async () => {
    server.script({ json: { reasons: ['Answers the question directly.', 'States the $40 amount'], score: 8 } });
    const { outputs, error, activity } = await runStepForTest(judgeNode, rubric, { value: reply, context: ticket }, services, { label: LABEL });
    expect(error).toBeNull();
    expect(outputs).toEqual({ pass: reply });

    expect(activity.verdicts).toHaveLength(1);
    const verdict = activity.verdicts[0]!;
    expect(verdict).toMatchObject({
      layer: 'judge',
      validator: LABEL,
      kind: 'judge',
      attempt: 1,
      status: 'pass',
      score: 8,
      threshold: 7,
      label: 'score 8 of 10 (needs 7)',
      explanation: 'Answers the question directly. States the $40 amount.',
      findings: [
        { message: 'Answers the question directly.', severity: 'info', source: 'model' },
        { message: 'States the $40 amount', severity: 'info', source: 'model' },
      ],
    });
    expect(verdict.version).toMatch(/^judge@1#[0-9a-f]{8}$/);
    expect(verdict.inputTokens).toBeGreaterThan(0);
    expect(verdict.outputTokens).toBeGreaterThan(0);
    expect(verdict.inputTokens).toBe(activity.llmCalls[0]!.inputTokens);

    const [body] = bodies();
    expect(bodies()).toHaveLength(1);
    expect(body!.temperature).toBe(0);
    expect(body!.response_format?.json_schema).toMatchObject({ name: 'Reply_judge_verdict', strict: true });
    expect(body!.response_format?.json_schema?.schema).toMatchObject({
      properties: { reasons: { type: 'array', minItems: 1, maxItems: 5 }, score: { type: 'integer', minimum: 1, maximum: 10 } },
      required: ['reasons', 'score'],
    });
    const system = body!.messages[0]!.content;
    expect(system).toContain(`Criteria:\n${rubric.criteria}`);
    expect(system).toContain('Evaluation steps:\n1. Find the question the customer asked.\n2. Check that the reply answers it.\n3. Check that the refund amount is stated.');
    expect(system).toContain('from 1 (fails the criteria entirely) to 10 (meets them fully)');
    expect(system).not.toContain('7'); // the threshold is ours to apply, not the model's
    const user = body!.messages[1]!.content;
    expect(user).toContain(`<context>\n${ticket}\n</context>`);
    expect(user).toContain(`<output>\n${JSON.stringify(reply, null, 2)}\n</output>`);
  });

  it('sends a low score down "fail" as a ValidationFailure whose feedback names the reasons', async () => {
    server.script({ json: { reasons: ['It never states the refund amount.', 'It does not say when the refund arrives.'], score: 4 } });
    const value = 'We have processed your request.';
    const { outputs, activity } = await runStepForTest(judgeNode, rubric, { value }, services, { label: LABEL });
    expect(Object.keys(outputs!)).toEqual(['fail']);
    const failure = outputs!.fail;
    expect(isValidationFailure(failure)).toBe(true);
    expect(failure).toEqual({
      value,
      failure: {
        layer: 'judge',
        validator: LABEL,
        status: 'fail',
        score: 4,
        threshold: 7,
        explanation: 'It never states the refund amount. It does not say when the refund arrives.',
        findings: ['It never states the refund amount.', 'It does not say when the refund arrives.'],
      },
      feedback:
        'It scored 4 on a scale of 1 to 10; it needs 7 to pass. Revise it to address:\n- It never states the refund amount.\n- It does not say when the refund arrives.',
    });
    expect(activity.verdicts).toHaveLength(1);
    expect(activity.verdicts[0]).toMatchObject({ status: 'fail', score: 4, threshold: 7, label: 'score 4 of 10 (needs 7)' });
    expect(activity.verdicts[0]!.findings.every((f) => f.severity === 'fail')).toBe(true);
    // Without a context, the user message is the output alone.
    expect(bodies()[0]!.messages[1]!.content).toBe(`Output to evaluate:\n<output>\n${value}\n</output>`);
  });

  it('decides by score and threshold on the configured scale, a score equal to the threshold passing', async () => {
    server.script([{ json: { reasons: ['Just good enough.'], score: 3 } }, { json: { reasons: ['Not quite.'], score: 2 } }]);
    const config = { ...rubric, steps: [], scale: { min: 0, max: 5 }, threshold: 3 };
    const first = await runStepForTest(judgeNode, config, { value: 'a' }, services);
    expect(first.outputs).toEqual({ pass: 'a' });
    expect(first.activity.verdicts[0]).toMatchObject({ status: 'pass', label: 'score 3 of 5 (needs 3)' });
    const second = await runStepForTest(judgeNode, config, { value: 'b' }, services);
    expect(Object.keys(second.outputs!)).toEqual(['fail']);
    expect(bodies()[0]!.response_format?.json_schema?.schema).toMatchObject({ properties: { score: { minimum: 0, maximum: 5 } } });
    expect(bodies()[0]!.messages[0]!.content).toContain('Evaluation steps:\n1. Work out what the criteria require');
  });

  it('sends a reply that breaks the schema back with the errors and takes the next one', async () => {
    server.script([{ json: { reasons: ['Great.'], score: 11 } }, { json: { reasons: ['Answers it and states the amount.'], score: 9 } }]);
    const { outputs, activity } = await runStepForTest(judgeNode, rubric, { value: reply }, services, { label: LABEL });
    expect(outputs).toEqual({ pass: reply });
    expect(bodies()).toHaveLength(2);
    const retry = bodies()[1]!.messages;
    expect(retry).toHaveLength(4);
    expect(retry[2]).toEqual({ role: 'assistant', content: JSON.stringify({ reasons: ['Great.'], score: 11 }) });
    expect(retry[3]!.role).toBe('user');
    expect(retry[3]!.content).toMatch(/^Your reply did not match the required schema: .*\/score.*10.*Reply again with JSON only\.$/s);
    // One verdict for the step, carrying the tokens of both calls.
    expect(activity.verdicts).toHaveLength(1);
    expect(activity.verdicts[0]).toMatchObject({ status: 'pass', score: 9 });
    expect(activity.verdicts[0]!.inputTokens).toBe(activity.llmCalls[0]!.inputTokens + activity.llmCalls[1]!.inputTokens);
    expect(activity.logs.some((line) => line.startsWith('Reply 1 did not match the expected JSON'))).toBe(true);
  });

  it('records an error verdict and sends the value down "fail" when no reply matches (onError fail)', async () => {
    server.script([{ content: 'Looks fine to me, 8/10.' }, { json: { reasons: [], score: 'high' } }]);
    const { outputs, error, activity } = await runStepForTest(judgeNode, { ...rubric, maxReplies: 2 }, { value: reply }, services, { label: LABEL });
    expect(error).toBeNull();
    expect(bodies()).toHaveLength(2);
    expect(Object.keys(outputs!)).toEqual(['fail']);
    expect(activity.verdicts).toHaveLength(1);
    const verdict = activity.verdicts[0]!;
    expect(verdict).toMatchObject({ layer: 'judge', status: 'error', score: null, threshold: 7, label: 'no usable verdict' });
    expect(verdict.explanation).toMatch(/^The judge could not score the output: the replies did not match the expected JSON: .+\.$/);
    expect(verdict.findings.length).toBeGreaterThan(0);
    const failure = outputs!.fail;
    expect(isValidationFailure(failure)).toBe(true);
    expect(failure).toMatchObject({ value: reply, failure: { status: 'error', score: null, threshold: 7 } });
    expect((failure as { feedback: string }).feedback).toContain(`Make sure it meets these criteria:\n${rubric.criteria}`);
  });

  it('fails the step with a schema error naming it when no reply matches (onError stop)', async () => {
    server.script([{ content: 'Good.' }, { content: 'Still good.' }]);
    const { outputs, error, activity } = await runStepForTest(judgeNode, { ...rubric, maxReplies: 2, onError: 'stop' }, { value: reply }, services, { label: LABEL });
    expect(outputs).toBeNull();
    expect(error).toBeInstanceOf(TrellisError);
    expect(error).toMatchObject({ code: 'schema', retryable: false, details: { replies: 2 } });
    expect((error as Error).message).toMatch(/^Judge "Reply judge" got no usable verdict in 2 replies: the replies did not match the expected JSON: /);
    expect(activity.verdicts.map((v) => [v.status, v.label])).toEqual([['error', 'no usable verdict']]);
  });

  it('throws provider errors as they are, after recording that the judge could not check', async () => {
    server.script({ status: 503, error: { message: 'The server is overloaded', type: 'server_error' } });
    const { error, activity } = await runStepForTest(judgeNode, rubric, { value: reply }, services, { label: LABEL });
    expect(error).toBeInstanceOf(TrellisError);
    expect(error).toMatchObject({ code: 'server', status: 503, retryable: true });
    expect(bodies()).toHaveLength(1);
    expect(activity.verdicts).toHaveLength(1);
    expect(activity.verdicts[0]).toMatchObject({ status: 'error', label: 'HTTP 503', score: null, threshold: 7 });
    expect(activity.verdicts[0]!.explanation).toMatch(/^The model call failed, so the output was not checked: /);
  });

  it('explains config mistakes clearly', () => {
    const problems = (config: unknown) => {
      const parsed = judgeConfigSchema.safeParse(config);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(problems({ criteria: '' })).toEqual(['criteria: must not be empty: describe what a good output is']);
    expect(problems({ criteria: '   ' })).toEqual(['criteria: must not be blank: describe what a good output is']);
    expect(problems({})).toEqual(['criteria: is required: describe what a good output is']);
    expect(problems({ criteria: 'x', threshold: 11 })).toEqual(['threshold: must lie within the scale (1 to 10)']);
    expect(problems({ criteria: 'x', scale: { min: 0, max: 5 } })).toEqual(['threshold: must lie within the scale (0 to 5)']);
    expect(problems({ criteria: 'x', scale: { min: 5, max: 5 }, threshold: 5 })).toEqual(['scale.max: must be greater than the scale’s min']);
    expect(problems({ criteria: 'x', scale: { min: 1.5, max: 10 } })).toEqual(['scale.min: must be a whole number']);
    expect(problems({ criteria: 'x', steps: ['Check it', ''] })).toEqual(['steps.1: must not be empty (remove the step instead)']);
    expect(problems({ criteria: 'x', maxReplies: 9, onError: 'retry' })).toEqual(['maxReplies: must be at most 5', 'onError: must be "fail" or "stop"']);
    expect(judgeConfigSchema.parse({ criteria: 'x' })).toEqual({ criteria: 'x', steps: [], scale: { min: 1, max: 10 }, threshold: 7, temperature: 0, maxReplies: 3, onError: 'fail' });
    expect(judgeConfigSchema.safeParse(judgeNode.defaultConfig()).success).toBe(true);
  });

  it('declares its ports, passes its value through, and counts as costly', () => {
    const config = judgeNode.defaultConfig();
    expect(judgeNode.inputs(config).map((p) => [p.name, p.required])).toEqual([['value', true], ['context', false]]);
    expect(judgeNode.outputs(config).map((p) => p.name)).toEqual(['pass', 'fail']);
    expect(judgeNode.passesThrough?.(config)).toEqual(['value']);
    expect(judgeNode).toMatchObject({ kind: 'judge', category: 'agent', title: 'Judge', costly: true, version: 1 });
  });
});

describe('Judge with the scripted demo model (offline)', () => {
  it('passes with the default config and threshold', async () => {
    const demo = realServices();
    for (const value of ['Tides are caused mainly by the Moon’s gravity.', { answer: 'Refund sent', amount: 40 }, '']) {
      const { outputs, error, activity } = await runStepForTest(judgeNode, judgeNode.defaultConfig(), { value, context: 'Why are there tides?' }, demo);
      expect(error).toBeNull();
      expect(outputs).toEqual({ pass: value });
      expect(activity.verdicts[0]).toMatchObject({ status: 'pass', threshold: 7 });
      expect(activity.verdicts[0]!.score).toBeGreaterThanOrEqual(7);
      expect(activity.verdicts[0]!.findings.length).toBeGreaterThan(0);
    }
  });
});

describe('Judge in a revise loop run by the executor', () => {
  it('fails the first draft, sends its feedback back to the agent, and passes the revision', async () => {
    const flow = flowOf(
      [
        ['in', 'input', { fields: [{ name: 'topic', type: 'string', required: true }] }],
        ['write', 'agent', { role: 'Writer', goal: 'Write one line', instructions: 'Write one line about {{topic}}', temperature: 0.2, maxIterations: 2 }],
        ['judge', 'judge', { criteria: 'The line names the cause of the tides.' }],
        ['out', 'output', { name: 'line' }],
        ['gave_up', 'output', { name: 'gave_up' }],
      ],
      [
        'in.topic -> write.topic',
        'write.out -> judge.value',
        'judge.pass -> out.value',
        { from: 'judge.fail', to: 'write.feedback', loop: 2, id: 'revise' },
        'judge.exhausted -> gave_up.value',
      ],
      { providerId: 'test', model: 'gpt-4o-mini' },
    );
    server.script([
      { content: 'Tides rise and fall.' },
      { json: { reasons: ['It never names what causes the tides.'], score: 3 } },
      { content: 'The Moon’s gravity pulls the tides.' },
      { json: { reasons: ['Names the Moon’s gravity as the cause.'], score: 9 } },
    ]);
    const provider = createOpenAIProvider({ id: 'test', kind: 'openai-compatible', label: 'Test server', baseURL: server.url, defaultModel: 'gpt-4o-mini', timeoutMs: 10_000 }, 'sk-test');
    const store = createMemoryRunStore();
    const handle = await startRun(flow, { topic: 'tides' }, {
      store,
      services: { models: createModelResolver([provider]), http: createFetchHttpPort(), sandbox: createQuickJsSandbox() },
    });
    const run = await handle.done;
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ line: 'The Moon’s gravity pulls the tides.' });

    expect(bodies()).toHaveLength(4);
    const revision = bodies()[2]!.messages.at(-1)!.content;
    expect(revision).toContain('Write one line about tides');
    expect(revision).toContain('A check (judge) failed it: It scored 3 on a scale of 1 to 10; it needs 7 to pass. Revise it to address:\n- It never names what causes the tides.');
    expect(revision).toContain('Your previous answer was:\nTides rise and fall.');

    const judged = store.snapshot().steps.filter((s) => s.nodeId === 'judge');
    expect(judged.map((s) => s.visit)).toEqual([0, 1]);
    expect(judged.flatMap((s) => s.verdicts ?? []).map((v) => [v.attempt, v.status, v.score])).toEqual([
      [1, 'fail', 3],
      [2, 'pass', 9],
    ]);
    expect(store.snapshot().steps.find((s) => s.nodeId === 'gave_up')?.status).toBe('skipped');
  });
});
