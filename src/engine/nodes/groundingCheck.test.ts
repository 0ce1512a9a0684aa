/**
 * The grounding check against the OpenAI-compatible test server (real openai SDK), and offline
 * with the scripted demo model.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import type { StepServices } from '../run/context';
import { TrellisError } from '../util/errors';
import type { ValidationFailure } from '../validation/failure';
import { realServices, runStepForTest } from './agent/stepHarness';
import { groundingCheckConfigSchema, groundingCheckNode } from './groundingCheck';
import { getNodeKind } from './registry';
import { locateQuote } from './validators/groundingText';

let server: TestServer;
let services: StepServices;

beforeAll(async () => {
  server = await startTestServer();
  services = realServices(server.url);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

type Body = { temperature?: number; messages: { role: string; content: string }[]; response_format?: { json_schema?: { name?: string } } };
const bodies = () => server.requests().map((r) => r.body as Body);

const sources = {
  company: 'Northwind Logistics',
  profile:
    'Northwind Logistics is based in Rotterdam. Sarah Chen is its CEO. Northwind raised $4.2M in March 2024 and ships 12,000 pallets a month for customers including Heineken.',
};

const email = {
  subject: 'Idea for Northwind',
  body: 'Hi Sarah,\n\nCongrats on raising $4.2M! Northwind ships 12,000 pallets a month for Heineken, and it recently opened a second warehouse in Rotterdam.\n\nWould a short call next week help?',
};

const claims = [
  { claim: 'Northwind raised $4.2M.', quote: 'raising $4.2M', supported: true, reason: 'The profile says Northwind raised $4.2M.' },
  { claim: 'Northwind ships 12,000 pallets a month.', quote: 'Northwind ships 12,000 pallets a month', supported: true, reason: 'Stated in the profile.' },
  { claim: 'Heineken is a customer.', quote: 'for  HEINEKEN', supported: true, reason: 'Heineken is named as a customer.' },
  { claim: 'Northwind opened a second warehouse.', quote: 'it recently opened a second warehouse in Rotterdam', supported: false, reason: 'The sources mention no new warehouse.' },
];

describe('Grounding check node', () => {
  it('is registered as an agent kind with value and sources in, pass and fail out, defaults filled in', () => {
    expect(getNodeKind('grounding_check')).toBe(groundingCheckNode);
    expect(groundingCheckNode).toMatchObject({ category: 'agent', title: 'Grounding check', costly: true, version: 1 });
    const config = groundingCheckConfigSchema.parse({});
    expect(config).toEqual(groundingCheckNode.defaultConfig());
    expect(config).toEqual({ threshold: 1, precheck: { numbers: true, names: true }, allow: [], fields: [], failOnPrecheck: true, useModel: true, temperature: 0, maxReplies: 3, onError: 'fail' });
    expect(groundingCheckNode.inputs(config).map((p) => [p.name, p.required])).toEqual([['value', true], ['sources', true]]);
    expect(groundingCheckNode.outputs(config).map((p) => p.name)).toEqual(['pass', 'fail']);
    expect(groundingCheckNode.passesThrough?.(config)).toEqual(['value']);
  });

  it('explains invalid configs', () => {
    const issues = (raw: unknown) => {
      const parsed = groundingCheckConfigSchema.safeParse(raw);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ threshold: 1.5, fields: ['body'], allow: ['  '], extra: 1 })).toEqual(
      expect.arrayContaining([
        'threshold: must be at most 1 (every claim supported)',
        'fields.0: must be a JSON pointer such as /body or /sections/0/text ("" for the whole value)',
        'allow.0: must not be empty',
        expect.stringContaining('extra'),
      ]),
    );
    expect(issues({ useModel: false, precheck: { numbers: false, names: false } })).toEqual(['useModel: with the model off and both pre-checks off, nothing is checked: turn one on']);
    expect(issues({ useModel: false, failOnPrecheck: false })).toEqual(['failOnPrecheck: with the model off, the pre-check is the only check: it must fail the value']);
  });

  it('fails at the pre-check on a number absent from the sources, without asking the model', async () => {
    const value = { ...email, body: email.body.replace('12,000 pallets', '15,000 pallets') };
    const { outputs, error, activity } = await runStepForTest(groundingCheckNode, {}, { value, sources }, services, { label: 'Facts' });
    expect(error).toBeNull();
    expect(server.requests()).toHaveLength(0);
    const fail = outputs?.fail as ValidationFailure;
    expect(Object.keys(outputs!)).toEqual(['fail']);
    expect(fail.value).toBe(value);
    const start = value.body.indexOf('15,000');
    expect(activity.verdicts).toHaveLength(1);
    expect(activity.verdicts[0]).toMatchObject({
      layer: 'grounding',
      validator: 'Facts',
      status: 'fail',
      score: null,
      threshold: 1,
      label: '1 unsupported number (pre-check)',
      findings: [{ severity: 'fail', source: 'precheck', message: 'Number "15,000" appears nowhere in the sources', span: { path: '/body', start, end: start + 6, text: '15,000' } }],
    });
    expect(fail.failure).toMatchObject({ layer: 'grounding', status: 'fail', findings: ['Number "15,000" appears nowhere in the sources'] });
    expect(fail.feedback).toBe('This number appears nowhere in the sources: "15,000".\nRemove them, or state only what the sources support.');
  });

  it('asks the model for claims and fails on one unsupported claim of four, located in /body', async () => {
    server.script({ json: { claims } });
    const { outputs, error, activity } = await runStepForTest(groundingCheckNode, {}, { value: email, sources }, services, { label: 'Facts' });
    expect(error).toBeNull();
    const [body] = bodies();
    expect(bodies()).toHaveLength(1);
    expect(body!.temperature).toBe(0);
    expect(body!.response_format?.json_schema?.name).toBe('Facts_claims');
    expect(body!.messages[1]!.content).toContain(sources.profile);
    expect(body!.messages[1]!.content).toContain(`[/body]\n${email.body}`);

    const verdict = activity.verdicts[0]!;
    expect(activity.verdicts).toHaveLength(1);
    expect(verdict).toMatchObject({ layer: 'grounding', status: 'fail', score: 0.75, threshold: 1, label: '1 unsupported claim of 4' });
    const quote = 'it recently opened a second warehouse in Rotterdam';
    const start = email.body.indexOf(quote);
    expect(verdict.findings[0]).toEqual({
      message: 'Northwind opened a second warehouse.',
      severity: 'fail',
      reason: 'The sources mention no new warehouse.',
      span: { path: '/body', start, end: start + quote.length, text: quote },
      source: 'model',
    });
    expect(verdict.findings.filter((f) => f.severity === 'info')).toHaveLength(3);
    // Found ignoring case and whitespace: the span is the output's own words.
    expect(verdict.findings.find((f) => f.message === 'Heineken is a customer.')?.span).toMatchObject({ path: '/body', text: 'for Heineken' });

    const fail = outputs?.fail as ValidationFailure;
    expect(fail.failure).toMatchObject({ status: 'fail', score: 0.75, findings: ['Northwind opened a second warehouse. (The sources mention no new warehouse.)'] });
    expect(fail.feedback).toContain(`- "${quote}": Northwind opened a second warehouse. (The sources mention no new warehouse.)`);
    expect(fail.feedback).toContain('Remove them, or state only what the sources support.');
  });

  it('passes the value unchanged when every claim is supported, or enough of them for the threshold', async () => {
    server.script({ json: { claims: claims.slice(0, 3) } });
    const all = await runStepForTest(groundingCheckNode, { fields: ['/body'] }, { value: email, sources }, services);
    expect(all.outputs).toEqual({ pass: email });
    expect(all.outputs?.pass).toBe(email);
    expect(all.activity.verdicts[0]).toMatchObject({ status: 'pass', score: 1, label: 'all 3 claims supported' });
    expect(bodies()[0]!.messages[1]!.content).not.toContain(email.subject);

    server.script({ json: { claims } });
    const enough = await runStepForTest(groundingCheckNode, { threshold: 0.75 }, { value: email, sources }, services);
    expect(Object.keys(enough.outputs!)).toEqual(['pass']);
    expect(enough.activity.verdicts[0]).toMatchObject({ status: 'pass', score: 0.75, threshold: 0.75 });
  });

  it('reports pre-check findings without failing on them when failOnPrecheck is off, and lets the model decide', async () => {
    server.script({ json: { claims: claims.slice(0, 2) } });
    const value = 'Northwind raised $4.2M and hired 45 drivers.';
    const { outputs, activity } = await runStepForTest(groundingCheckNode, { failOnPrecheck: false }, { value, sources }, services);
    expect(outputs).toEqual({ pass: value });
    expect(activity.verdicts[0]).toMatchObject({ status: 'pass', label: 'all 2 claims supported; 1 unsupported number (pre-check)' });
    expect(activity.verdicts[0]!.findings.find((f) => f.source === 'precheck')).toMatchObject({ severity: 'info', span: { path: '', text: '45' } });
  });

  it("records an 'error' verdict when the replies never match, and never passes", async () => {
    server.script([{ content: 'Everything looks supported.' }, { json: { claims: [{ claim: 'x', supported: true }] } }]);
    const { outputs, error, activity } = await runStepForTest(groundingCheckNode, { maxReplies: 2 }, { value: email, sources }, services, { label: 'Facts' });
    expect(error).toBeNull();
    expect(bodies()).toHaveLength(2);
    expect(Object.keys(outputs!)).toEqual(['fail']);
    expect(activity.verdicts).toHaveLength(1);
    expect(activity.verdicts[0]).toMatchObject({ status: 'error', score: null, label: 'unreadable model replies' });
    expect((outputs?.fail as ValidationFailure).failure.status).toBe('error');

    server.script([{ content: 'no' }]);
    const stopped = await runStepForTest(groundingCheckNode, { maxReplies: 1, onError: 'stop' }, { value: email, sources }, services, { label: 'Facts' });
    expect(stopped.outputs).toBeNull();
    expect(stopped.error).toBeInstanceOf(TrellisError);
    expect((stopped.error as TrellisError).message).toMatch(/^Grounding check "Facts" could not check the output: the model's reply never matched the expected JSON/);
    expect(stopped.activity.verdicts[0]).toMatchObject({ status: 'error' });
  });

  it("records an 'error' verdict on a provider error, then rethrows it", async () => {
    server.script({ status: 500, error: { message: 'The server had an error' } });
    const { outputs, error, activity } = await runStepForTest(groundingCheckNode, {}, { value: email, sources }, services);
    expect(outputs).toBeNull();
    expect(error).toMatchObject({ code: 'server' });
    expect(activity.verdicts).toHaveLength(1);
    expect(activity.verdicts[0]).toMatchObject({ status: 'error', label: 'model call failed (HTTP 500)' });
  });

  it('cannot check configured fields the value lacks, and skips a value with no text', async () => {
    const missing = await runStepForTest(groundingCheckNode, { fields: ['/text'] }, { value: email, sources }, services);
    expect(Object.keys(missing.outputs!)).toEqual(['fail']);
    expect(missing.activity.verdicts[0]).toMatchObject({ status: 'error', label: 'no text to check' });
    const empty = await runStepForTest(groundingCheckNode, {}, { value: { score: 3 }, sources }, services);
    expect(empty.outputs).toEqual({ pass: { score: 3 } });
    expect(empty.activity.verdicts[0]).toMatchObject({ status: 'skipped' });
    expect(server.requests()).toHaveLength(0);
  });
});

describe('locating quotes', () => {
  const texts = [
    { path: '/subject', text: 'Idea for Northwind' },
    { path: '/body', text: 'They ship  12,000 pallets —\nevery month.' },
  ];
  it('finds a quote exactly, then ignoring case, whitespace, typographic dashes and outer punctuation', () => {
    expect(locateQuote(texts, 'Northwind')).toEqual({ path: '/subject', start: 9, end: 18, text: 'Northwind' });
    expect(locateQuote(texts, 'ship 12,000 PALLETS - every month')).toEqual({ path: '/body', start: 5, end: 39, text: 'ship  12,000 pallets —\nevery month' });
    expect(locateQuote(texts, '"every month."')).toMatchObject({ path: '/body', text: 'every month' });
    expect(locateQuote(texts, 'a new warehouse')).toBeNull();
    expect(locateQuote(texts, '  ')).toBeNull();
  });
});

describe('Grounding check with the scripted demo model (offline)', () => {
  it('passes a grounded output when the pre-check finds nothing', async () => {
    const value = 'Northwind Logistics ships 12,000 pallets a month. Sarah Chen is its CEO.';
    const { outputs, error, activity } = await runStepForTest(groundingCheckNode, {}, { value, sources }, realServices());
    expect(error).toBeNull();
    expect(outputs).toEqual({ pass: value });
    expect(activity.llmCalls[0]).toMatchObject({ providerId: 'demo', model: 'trellis-demo' });
    expect(activity.verdicts[0]).toMatchObject({ layer: 'grounding', status: 'pass', score: 1 });
  });
});
