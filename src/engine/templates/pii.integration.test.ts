/**
 * PII masking end to end, against the OpenAI-compatible test server through the real `openai`
 * SDK and the real fetch port: the support triage template with personal data planted in the
 * ticket, a resumed run, HTTP requests to the server's quality endpoint under each host rule, and
 * the leak re-scan forcing review.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from '../pii/detect';
import { defaultPiiPolicy, type PiiPolicy } from '../pii/policy';
import { PII_TYPES } from '../pii/types';
import { createMemoryRunStore, type MemoryRunStore } from '../run/memoryStore';
import { resumeRun, startRun, type RunOptions } from '../run/executor';
import type { ReviewPolicy } from '../run/ports';
import { flowOf } from '../testing/flows';
import { testServerRunOptions, useTestServer } from '../testing/testServer';
import { memoryTrustStore, trustPolicy } from '../trust/gatePolicy';
import { supportTriageFlow } from './supportTriage';

const testServer = useTestServer();

const PLANTED = {
  person: 'Maria Garcia',
  email: 'maria.garcia@example.com',
  phone: '(415) 555-0132',
  card: '4111 1111 1111 1111',
  ssn: '123-45-6789',
  iban: 'DE89 3704 0044 0532 0130 00',
  ip: '203.0.113.42',
  dob: '1984-03-12',
};
/** Every planted value, and the digits alone of those written with separators. */
const FORMS = [...Object.values(PLANTED), '4155550132', '4111111111111111', '123456789', 'DE89370400440532013000'];

const TICKET = `Billing question: I was charged twice for my subscription this month, please refund the billing error. My name is ${PLANTED.person}, email ${PLANTED.email}, phone ${PLANTED.phone}. The card was ${PLANTED.card}, my SSN is ${PLANTED.ssn} and my IBAN is ${PLANTED.iban}. I was born on ${PLANTED.dob} and logged in from ${PLANTED.ip}.`;

/** The default policy (every type masked), with card numbers and SSNs redacted. */
const POLICY: PiiPolicy = { ...defaultPiiPolicy(), entities: { ...defaultPiiPolicy().entities, credit_card: 'redact', ssn: 'redact' } };

const DRAFT = 'Draft a reply to this customer';

function triage(policy: PiiPolicy = POLICY) {
  const doc = supportTriageFlow('triage-pii');
  doc.settings = { ...doc.settings, providerId: 'test', model: 'gpt-4o-mini', pii: policy };
  return doc;
}

const options = (store: MemoryRunStore, reviewPolicy?: ReviewPolicy): RunOptions => testServerRunOptions(testServer(), store, reviewPolicy);

const chatRequests = () => testServer().requests().filter((r) => r.path === '/v1/chat/completions');
const userText = (body: unknown) => ((body as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === 'user')?.content ?? '');

describe('PII masking on the support triage template (test server)', () => {
  it('plants every kind of personal data in the ticket (the detector finds all eight)', () => {
    expect(new Set(detectPii(TICKET).map((e) => e.type))).toEqual(new Set(PII_TYPES));
  });

  it('sends no planted value to the model, gives both steps the same placeholders, and puts values back in the reply', async () => {
    testServer().script({ match: { contains: DRAFT }, content: 'Dear <PERSON_1>, we refunded the duplicate charge. The confirmation goes to <EMAIL_1>; we will call <Phone_1> if needed. [REDACTED SSN] stays private.' });
    const store = createMemoryRunStore();
    const paused = await (await startRun(triage(), { ticket: TICKET }, { ...options(store), runId: 'r' })).done;
    expect(paused.error).toBeUndefined();
    expect(paused.status).toBe('paused');

    // Nothing the model provider received holds a planted value, in any form.
    const log = JSON.stringify(testServer().requests());
    for (const value of FORMS) expect(log, value).not.toContain(value);
    // Both model steps (the router and the drafter) saw the same placeholders; redacted types as markers.
    const [classify, draft] = chatRequests().map((r) => userText(r.body));
    for (const text of [classify, draft]) {
      for (const placeholder of ['<PERSON_1>', '<EMAIL_1>', '<PHONE_1>', '<IBAN_1>', '<DATE_OF_BIRTH_1>', '<IP_ADDRESS_1>', '[REDACTED CREDIT CARD]', '[REDACTED SSN]']) expect(text).toContain(placeholder);
    }
    expect(draft).toContain(DRAFT);

    // The reviewer sees real values; redacted ones never come back.
    const [item] = store.snapshot().reviews;
    expect(item?.output).toBe(`Dear ${PLANTED.person}, we refunded the duplicate charge. The confirmation goes to ${PLANTED.email}; we will call ${PLANTED.phone} if needed. [REDACTED SSN] stays private.`);
    await store.decideReview(item?.id ?? '', { action: 'approve', by: 'Ada', at: 1 });
    const run = await (await resumeRun('r', options(store))).done;
    expect(run.status).toBe('succeeded');
    expect(run.outputs.reply).toBe(item?.output);
    expect(String(run.outputs.reply)).not.toContain(PLANTED.ssn);

    // The mapping lives in the run record only: steps keep counts, model calls what was sent.
    const saved = store.snapshot();
    expect(saved.runs[0]?.pii?.entries.map((e) => e.placeholder).sort()).toEqual(['<DATE_OF_BIRTH_1>', '<EMAIL_1>', '<IBAN_1>', '<IP_ADDRESS_1>', '<PERSON_1>', '<PHONE_1>']);
    expect(JSON.stringify(saved.runs[0]?.pii)).not.toContain(PLANTED.ssn);
    const draftStep = saved.steps.find((s) => s.nodeId === 'draft');
    expect(draftStep?.pii).toEqual({ masked: { person: 1, email: 1, phone: 1, iban: 1, date_of_birth: 1, ip_address: 1 }, redacted: { credit_card: 1, ssn: 1 } });
    expect(draftStep?.llmCalls[0]?.pii).toEqual(draftStep?.pii);
    expect(draftStep?.llmCalls[0]?.response?.content).toContain('Dear <PERSON_1>');
    const calls = JSON.stringify(saved.steps.map((s) => s.llmCalls));
    for (const value of FORMS) expect(calls, value).not.toContain(value);
    expect(JSON.stringify([saved.steps, saved.reviews])).not.toContain('"entries"');
  });

  it('flags an output holding personal data that was not in the step\'s input, and the review gate that follows is forced', async () => {
    const trust = memoryTrustStore();
    const policy = trustPolicy(trust, { now: () => 1, newSeed: () => 'seed' });
    // A first run makes the drafter's trust record; then the step is at the 5% tier.
    testServer().script({ match: { contains: DRAFT }, content: 'Dear <PERSON_1>, we refunded the duplicate charge.' });
    await (await startRun(triage(), { ticket: TICKET }, options(createMemoryRunStore(), policy))).done;
    for (const [key, record] of trust.records) trust.records.set(key, { ...record, tier: 0.05 });

    testServer().script({ match: { contains: DRAFT }, content: 'Dear <PERSON_1>, refunds go through refunds.team@example.com within 5 days.' });
    const store = createMemoryRunStore();
    const run = await (await startRun(triage(), { ticket: TICKET }, options(store, policy))).done;
    expect(run.status).toBe('paused');
    const draft = store.snapshot().steps.find((s) => s.nodeId === 'draft');
    const privacy = draft?.verdicts?.find((v) => v.layer === 'privacy');
    expect(privacy).toMatchObject({ status: 'fail', validator: 'Draft reply: personal data', label: '1 email address not in the input' });
    expect(privacy?.explanation).not.toContain('refunds.team');
    const output = String(draft?.outputs?.out);
    expect(privacy?.findings).toEqual([
      { message: "an email address not in the step's input", severity: 'fail', span: { path: '/out', start: output.indexOf('refunds.team'), end: output.indexOf(' within'), text: 'refunds.team@example.com' }, source: 'pii re-scan' },
    ]);
    // The router's output holds the ticket's own data only: checked, and passed.
    expect(store.snapshot().steps.find((s) => s.nodeId === 'classify')?.verdicts?.find((v) => v.layer === 'privacy')?.status).toBe('pass');
    // At 5% the output would have been sampled or skipped; the failing privacy layer forces review.
    const [item] = store.snapshot().reviews;
    expect(item?.reason).toMatchObject({ kind: 'forced', rules: ['Privacy "Draft reply: personal data" failed: 1 email address not in the input'], rate: 0.05 });
    expect(item?.verdicts?.some((v) => v.layer === 'privacy' && v.status === 'fail')).toBe(true);
  });
});

describe('PII masking across a resume (test server)', () => {
  // Two model steps with a review gate between them: the second runs in a resumed execution.
  const flow = () =>
    flowOf(
      [
        ['in', 'input', { fields: [{ name: 'a', type: 'string', required: true }, { name: 'b', type: 'string', required: true }] }],
        ['first', 'agent', { role: 'Clerk', goal: 'Note contacts', backstory: '', instructions: 'Note both contacts: {{a}} and {{b}}', temperature: 0, maxIterations: 2, outputSchema: null, tools: [] }],
        ['gate', 'review_gate', {}],
        ['second', 'agent', { role: 'Clerk', goal: 'Write', backstory: '', instructions: 'Write to {{b}} about: {{note}}', temperature: 0, maxIterations: 2, outputSchema: null, tools: [] }],
        ['out', 'output', { name: 'letter' }],
      ],
      ['in.a -> first.a', 'in.b -> first.b', 'first.out -> gate.in', 'gate.approved -> second.note', 'in.b -> second.b', 'second.out -> out.value'],
      { providerId: 'test', model: 'gpt-4o-mini', pii: defaultPiiPolicy() },
    );

  it('keeps the mapping and its numbering in the run record, so a resumed run re-identifies with it', async () => {
    testServer().script([
      { match: { contains: 'Note both' }, content: 'Noted <EMAIL_1> and <EMAIL_2>.' },
      { match: { contains: 'Write to' }, content: 'Sent to <EMAIL_2>.' },
    ]);
    const store = createMemoryRunStore();
    const inputs = { a: 'first.person@example.com', b: 'second.person@example.com' };
    const paused = await (await startRun(flow(), inputs, { ...options(store), runId: 'resume' })).done;
    expect(paused.status).toBe('paused');
    expect((await store.loadRun('resume'))?.run.pii?.entries).toEqual([
      { placeholder: '<EMAIL_1>', type: 'email', value: 'first.person@example.com' },
      { placeholder: '<EMAIL_2>', type: 'email', value: 'second.person@example.com' },
    ]);
    const [item] = store.snapshot().reviews;
    await store.decideReview(item?.id ?? '', { action: 'approve', by: 'Ada', at: 1 });

    const run = await (await resumeRun('resume', options(store))).done;
    expect(run.status).toBe('succeeded');
    // A fresh vault would have called b <EMAIL_1> here: the resumed one knows it as <EMAIL_2>.
    const second = chatRequests().find((r) => userText(r.body).includes('Write to'));
    expect(userText(second?.body)).toBe('Write to <EMAIL_2> about: Noted <EMAIL_1> and <EMAIL_2>.');
    expect(run.outputs.letter).toBe('Sent to second.person@example.com.');
    expect(JSON.stringify(testServer().requests())).not.toContain('person@example.com');
  });
});

describe('HTTP requests under the PII policy (test server quality endpoint)', () => {
  const qualityFlow = (http: PiiPolicy['http']) =>
    flowOf(
      [
        ['in', 'input', { fields: [{ name: 'text', type: 'string', required: true }] }],
        ['score', 'quality_api', { url: `${testServer().origin}/quality/score`, scorePath: 'score', labelPath: 'label', threshold: 0.5 }],
        ['out', 'output', { name: 'scored' }],
      ],
      ['in.text -> score.value', 'score.pass -> out.value'],
      { pii: { ...defaultPiiPolicy(), http } },
    );
  const TEXT = `Please call ${PLANTED.person} back: email ${PLANTED.email}, SSN ${PLANTED.ssn}. My name is ${PLANTED.person}.`;
  const qualityBodies = () => testServer().requests().filter((r) => r.path === '/quality/score').map((r) => JSON.stringify(r.body));

  it('blocks by default: the step fails naming the types and the host, and nothing is sent', async () => {
    const store = createMemoryRunStore();
    const run = await (await startRun(qualityFlow({ default: 'block', hosts: [] }), { text: TEXT }, options(store))).done;
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('pii_blocked');
    expect(run.error?.message).toMatch(/^Quality API "score": The request to 127\.0\.0\.1:\d+ holds personal data in the body \(a person's name, an email address and a US Social Security number\)/);
    expect(run.error?.message).toContain('PII > HTTP hosts');
    for (const value of Object.values(PLANTED)) expect(JSON.stringify(run.error)).not.toContain(value);
    expect(qualityBodies()).toEqual([]);
  });

  it('masks for a "mask" host, and the reply comes back re-identified', async () => {
    testServer().script({ match: { path: '/quality/score' }, json: { score: 0.9, label: 'fine for <PERSON_1>' } });
    const store = createMemoryRunStore();
    const host = new URL(testServer().origin).host;
    const run = await (await startRun(qualityFlow({ default: 'block', hosts: [{ host, action: 'mask' }] }), { text: TEXT }, options(store))).done;
    expect(run.status).toBe('succeeded');
    const [body] = qualityBodies();
    expect(body).toContain('<EMAIL_1>');
    for (const value of [PLANTED.person, PLANTED.email, PLANTED.ssn]) expect(body).not.toContain(value);
    const verdict = store.snapshot().steps.find((s) => s.nodeId === 'score')?.verdicts?.[0];
    expect(verdict?.label).toBe(`fine for ${PLANTED.person}`);
    expect(run.outputs.scored).toBe(TEXT);
  });

  it('fails an agent step whose tool call would send personal data to a blocked host (the model only ever saw placeholders)', async () => {
    const tool = { type: 'http', name: 'score_text', description: 'Scores a text', method: 'POST', url: `${testServer().origin}/quality/score`, parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } };
    const flow = flowOf(
      [
        ['in', 'input', { fields: [{ name: 'text', type: 'string', required: true }] }],
        ['agent', 'agent', { role: 'Clerk', goal: 'Score it', backstory: '', instructions: 'Score this: {{text}}', temperature: 0, maxIterations: 3, outputSchema: null, tools: [tool] }],
        ['out', 'output', { name: 'answer' }],
      ],
      ['in.text -> agent.text', 'agent.out -> out.value'],
      { providerId: 'test', model: 'gpt-4o-mini', pii: defaultPiiPolicy() },
    );
    testServer().script({ match: { contains: 'Score this' }, toolCalls: [{ name: 'score_text', arguments: { text: 'Contact <EMAIL_1>' } }] });
    const store = createMemoryRunStore();
    const run = await (await startRun(flow, { text: `Contact ${PLANTED.email}` }, options(store))).done;
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('pii_blocked');
    expect(qualityBodies()).toEqual([]);
    const step = store.snapshot().steps.find((s) => s.nodeId === 'agent');
    expect(step?.toolCalls).toMatchObject([{ name: 'score_text', arguments: { text: `Contact ${PLANTED.email}` }, error: { code: 'pii_blocked' } }]);
    expect(JSON.stringify(testServer().requests())).not.toContain(PLANTED.email);
  });

  it('sends as it is to an "allow" host', async () => {
    const store = createMemoryRunStore();
    const run = await (await startRun(qualityFlow({ default: 'block', hosts: [{ host: '127.0.0.1', action: 'allow' }] }), { text: TEXT }, options(store))).done;
    expect(run.status).toBe('succeeded');
    expect(qualityBodies()[0]).toContain(PLANTED.email);
    expect(store.snapshot().steps.find((s) => s.nodeId === 'score')?.pii).toEqual({ masked: {}, redacted: {} });
  });
});
