// The Quality API node through the real fetch HTTP port against the real test server's
// /quality/score endpoint, and the offline demo quality service.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type ServerReply, type TestServer } from '../../../test-support/server';
import { TrellisError } from '../util/errors';
import type { ValidationFailure } from '../validation/failure';
import { deterministicServices, runNode, type NodeRunOutcome } from './nodeTestKit';
import { formatScores, qualityApiNode } from './qualityApi';

let server: TestServer;
let url: string;

beforeAll(async () => {
  server = await startTestServer();
  url = `${server.origin}/quality/score`;
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const MESSAGE = 'Hi Dana, the Q3 report is ready. Can we review it on Tuesday?';
type Reply = Omit<ServerReply, 'match'>;
const scripted = (replies: Reply | Reply[]) => server.script((Array.isArray(replies) ? replies : [replies]).map((reply) => ({ match: { path: '/quality/score' }, ...reply })));
const run = (config: Record<string, unknown>, value: unknown = MESSAGE, label = 'Tone') => runNode(qualityApiNode, { url, scorePath: 'score', ...config }, { label, inputs: { value } });
const only = (outcome: NodeRunOutcome) => {
  expect(outcome.error).toBeNull();
  expect(outcome.activity.verdicts).toHaveLength(1);
  return { outputs: outcome.result?.outputs ?? {}, verdict: outcome.activity.verdicts[0]! };
};

describe('Quality API node', () => {
  it('has a value input, pass / fail outputs, and a valid default config that uses the demo service', () => {
    const config = qualityApiNode.configSchema.parse({ scorePath: 'score' });
    expect(config).toEqual(qualityApiNode.defaultConfig());
    expect(config).toMatchObject({ url: 'demo:quality', method: 'POST', body: '', threshold: 0.7, direction: 'higher', timeoutMs: 10_000, onError: 'fail' });
    expect(qualityApiNode.inputs(config).map((port) => [port.name, port.required])).toEqual([['value', true]]);
    expect(qualityApiNode.outputs(config).map((port) => port.name)).toEqual(['pass', 'fail']);
    expect(qualityApiNode.passesThrough?.(config)).toEqual(['value']);
    expect([qualityApiNode.category, qualityApiNode.costly, qualityApiNode.title]).toEqual(['deterministic', true, 'Quality API']);
  });

  it('passes a score above the threshold with the value unchanged, sending the value in the default body', async () => {
    scripted({ json: { score: 0.82, verdict: 'clear' } });
    const value = { subject: 'Q3', body: MESSAGE };
    const { outputs, verdict } = only(await run({ labelPath: 'verdict' }, value));
    expect(outputs).toEqual({ pass: value });
    expect(verdict).toMatchObject({ layer: 'quality', status: 'pass', score: 0.82, threshold: 0.7, label: 'clear', validator: 'Tone', kind: 'quality_api' });
    expect(verdict.explanation).toBe(`The quality service at ${url} scored it 0.82; 0.70 or more passes.`);
    const [request] = server.requests();
    expect(request).toMatchObject({ method: 'POST', path: '/quality/score', body: { text: JSON.stringify(value, null, 2), value } });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.accept).toBe('application/json');
  });

  it('sends a score below the threshold down fail as a ValidationFailure, with the service’s checks', async () => {
    const outcome = await run({ url: `${url}?key=secret-token` }, 'TODO');
    const { outputs, verdict } = only(outcome);
    expect(Object.keys(outputs)).toEqual(['fail']);
    const failure = outputs.fail as ValidationFailure;
    expect(failure.value).toBe('TODO');
    expect(failure.failure).toMatchObject({ layer: 'quality', validator: 'Tone', status: 'fail', threshold: 0.7 });
    expect(failure.failure.score).toBeLessThan(0.7);
    expect(failure.failure.findings).toContain('no_placeholder: placeholder text "TODO"');
    expect(failure.feedback).toMatch(/it needs 0\.70 or more\. What fell short: .*placeholder text "TODO"/);
    expect(verdict.label).toBe(`score ${verdict.score!.toFixed(2)} (needs 0.70)`);
    expect(verdict.findings.some((finding) => finding.severity === 'info')).toBe(true);
    expect(JSON.stringify(verdict)).not.toContain('secret-token');
    expect(server.requests()[0]!.body).toEqual({ text: 'TODO', value: 'TODO' });
  });

  it('reads nested paths and honours direction "lower"', async () => {
    scripted([{ json: { result: { toxicity: 0.12 } } }, { json: { result: { toxicity: 0.45 } } }, { json: { results: [{ score: 0.9 }] } }]);
    const lower = { scorePath: 'result.toxicity', direction: 'lower', threshold: 0.3 };
    const low = only(await run(lower));
    expect(low.outputs).toEqual({ pass: MESSAGE });
    expect(low.verdict).toMatchObject({ status: 'pass', score: 0.12, label: 'score 0.12 (needs at most 0.30)', explanation: expect.stringContaining('0.30 or less passes') as unknown });
    const high = only(await run(lower));
    expect(high.verdict).toMatchObject({ status: 'fail', score: 0.45 });
    expect(high.verdict.explanation).toContain('it needs 0.30 or less');
    expect(Object.keys(high.outputs)).toEqual(['fail']);
    expect(only(await run({ scorePath: 'results[0].score' })).verdict).toMatchObject({ status: 'pass', score: 0.9 });
  });

  it('renders a custom body and a GET URL from {{json}}, {{text}} and {{value.field}}', async () => {
    scripted([{ json: { score: 1 } }, { json: { score: 1 } }]);
    const value = { id: 7, text: 'He said "hi".' };
    await run({ body: '{"input": {{json}}, "id": {{value.id}}}', headers: { 'X-Team': 'sales' } }, value);
    await run({ method: 'GET', url: `${url}?text={{text}}` }, 'a & b');
    const [post, get] = server.requests();
    expect(post!.body).toEqual({ input: value, id: 7 });
    expect(post!.headers['x-team']).toBe('sales');
    expect(get).toMatchObject({ method: 'GET', path: '/quality/score', body: null });
  });

  it('records an HTTP 503 as an error verdict and sends the value down fail, never pass', async () => {
    scripted({ status: 503, error: { message: 'scorer overloaded' } });
    const { outputs, verdict } = only(await run({}));
    expect(verdict).toMatchObject({ layer: 'quality', status: 'error', score: null, threshold: 0.7, label: 'HTTP 503' });
    expect(verdict.explanation).toMatch(new RegExp(`^HTTP 503 from ${url.replace(/[.]/g, '\\.')}: .*scorer overloaded`));
    expect(Object.keys(outputs)).toEqual(['fail']);
    const failure = outputs.fail as ValidationFailure;
    expect(failure.failure.status).toBe('error');
    expect(failure.value).toBe(MESSAGE);
    expect(failure.feedback).toContain('could not run');
  });

  it('with onError "stop" fails the step with an error naming the step and the URL, after recording the verdict', async () => {
    scripted({ status: 503, headers: { 'retry-after': '3' } });
    const outcome = await run({ onError: 'stop' });
    expect(outcome.error).toBeInstanceOf(TrellisError);
    expect(outcome.error).toMatchObject({ code: 'http_status', status: 503, retryable: true, retryAfterMs: 3000 });
    expect((outcome.error as Error).message).toMatch(new RegExp(`^Quality API "Tone": HTTP 503 from ${url.replace(/[.]/g, '\\.')}`));
    expect(outcome.activity.verdicts.map((v) => v.status)).toEqual(['error']);
  });

  it('records a body that is not JSON, and a missing or non-numeric score, as errors naming the path', async () => {
    scripted([{ status: 200, content: '<html>maintenance</html>' }, { json: { result: { other: 1 } } }, { json: { result: { overall: '0.8' } } }, { malformed: true, json: { score: 1 } }]);
    const html = only(await run({}));
    expect(html.verdict).toMatchObject({ status: 'error', label: 'not JSON' });
    expect(html.verdict.explanation).toMatch(/is not JSON .*starts with "<html>maintenance<\/html>"/);
    expect(Object.keys(html.outputs)).toEqual(['fail']);
    const missing = only(await run({ scorePath: 'result.overall' }));
    expect(missing.verdict).toMatchObject({ status: 'error', label: 'no score' });
    expect(missing.verdict.explanation).toBe(`no number at "result.overall" in the response from ${url}: nothing is there (the response has result)`);
    const text = only(await run({ scorePath: 'result.overall' }));
    expect(text.verdict.explanation).toContain('no number at "result.overall" in the response from');
    expect(text.verdict.explanation).toContain('it holds the text "0.8"');
    expect(only(await run({})).verdict).toMatchObject({ status: 'error', label: 'not JSON' });
  });

  it('records a timeout and an unreachable service as errors', async () => {
    scripted({ delayMs: 2000, json: { score: 1 } });
    const slow = only(await run({ timeoutMs: 100 }));
    expect(slow.verdict).toMatchObject({ status: 'error', label: 'timeout', explanation: `No complete response from ${url} within 100 ms` });
    scripted({ dropConnection: true });
    const dropped = only(await run({}));
    expect(dropped.verdict).toMatchObject({ status: 'error', label: 'unreachable' });
    expect(Object.keys(dropped.outputs)).toEqual(['fail']);
  });

  it('answers demo:quality locally with no server at all', async () => {
    const noNetwork = deterministicServices({
      http: () => Promise.reject(new Error('the demo service must not use the network')),
    });
    const good = await runNode(qualityApiNode, qualityApiNode.defaultConfig(), { label: 'Tone', inputs: { value: MESSAGE }, services: noNetwork });
    expect(only(good).outputs).toEqual({ pass: MESSAGE });
    expect(good.activity.verdicts[0]).toMatchObject({ status: 'pass', score: 1, explanation: 'The demo quality service scored it 1; 0.70 or more passes.' });
    expect(good.activity.logs[0]).toBe('demo:quality: the demo quality service (scripted, offline) answered with score 1');
    const empty = await runNode(qualityApiNode, qualityApiNode.defaultConfig(), { inputs: { value: '' }, services: noNetwork });
    expect(only(empty).verdict).toMatchObject({ status: 'fail', score: 0 });
    const other = await runNode(qualityApiNode, { ...qualityApiNode.defaultConfig(), url: 'demo:toxicity' }, { inputs: { value: MESSAGE }, services: noNetwork });
    expect(only(other).verdict).toMatchObject({ status: 'error', label: 'unknown demo service' });
    expect(only(other).verdict.explanation).toBe('"demo:toxicity" is not a demo service; the only one is demo:quality (Demo quality service (scripted, offline))');
  });

  it('lets cancellation propagate instead of recording a verdict', async () => {
    scripted({ delayMs: 5000, json: { score: 1 } });
    const controller = new AbortController();
    const pending = runNode(qualityApiNode, { url, scorePath: 'score' }, { inputs: { value: MESSAGE }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const outcome = await pending;
    expect(outcome.error).toMatchObject({ code: 'cancelled' });
    expect(outcome.activity.verdicts).toEqual([]);
    const before = await runNode(qualityApiNode, qualityApiNode.defaultConfig(), { inputs: { value: MESSAGE }, signal: AbortSignal.abort() });
    expect(before.error).toMatchObject({ code: 'cancelled' });
    expect(before.activity.verdicts).toEqual([]);
  });

  it('validates its config with clear messages', () => {
    const issues = (config: unknown) => qualityApiNode.configSchema.safeParse(config).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];
    expect(issues({})).toEqual([['scorePath', 'must be a dot path such as score or result.overall (list items by number: results.0.score)']]);
    expect(issues({ scorePath: 'result..overall' })[0]?.[0]).toBe('scorePath');
    expect(issues({ scorePath: 'score', url: ' ' })).toEqual([['url', 'must not be empty: a URL such as https://quality.example.com/score, or demo:quality']]);
    expect(issues({ scorePath: 'score', body: '{"x": {{lead}}}' })).toEqual([['body', '{{lead}} is not available here: use {{text}} (the value as text), {{json}} (the value as JSON) or {{value}} ({{value.field}} reads inside it)']]);
    expect(issues({ scorePath: 'score', method: 'GET', body: '{}' })).toEqual([['body', 'a GET request sends no body: clear it (put {{text}} in the URL instead) or use POST']]);
    expect(issues({ scorePath: 'score', headers: { 'Bad Header': 'x', 'X-Ok': 'a\nb' } })).toEqual([
      ['headers.Bad Header', '"Bad Header" must be a header name such as Accept or X-Api-Version'],
      ['headers.X-Ok', 'must not contain a line break'],
    ]);
    expect(issues({ scorePath: 'score', direction: 'up', onError: 'ignore', timeoutMs: 5 }).map(([path]) => path)).toEqual(['direction', 'timeoutMs', 'onError']);
    expect(issues({ scorePath: 'score', labelPath: '' })).toEqual([]);
  });

  it('formats scores so a near miss is visible', () => {
    expect(formatScores(0.62, 0.7)).toEqual(['0.62', '0.70']);
    expect(formatScores(0.6999, 0.7)).toEqual(['0.6999', '0.7']);
    expect(formatScores(87, 70)).toEqual(['87', '70']);
  });
});
