/**
 * PII masking in a step's context: what the provider and web services see, what is recorded, what
 * the step gets back, and when the vault is saved.
 */
import { describe, expect, it } from 'vitest';
import type { ChatProvider, ChatRequest, ChatResponse } from '../llm/types';
import { createPiiDetector } from '../pii/detect';
import { scanForLeaks } from '../pii/leak';
import { defaultPiiPolicy, type PiiPolicy } from '../pii/policy';
import { PiiSession, type PiiStepScope } from '../pii/session';
import type { PiiVaultEntry } from '../pii/vault';
import { TrellisError } from '../util/errors';
import { createStepContext } from './context';
import type { HttpRequest, HttpResponse } from './ports';

const TICKET = 'Customer: Maria Garcia\nEmail: maria@example.com\nPhone: (415) 555-0132\nSSN 123-45-6789';

interface Harness {
  requests: ChatRequest[];
  httpRequests: HttpRequest[];
  events: string[];
  saved: PiiVaultEntry[][];
  /** A step context; by default every call shares one step scope, pass another for another step. */
  context(scope?: PiiStepScope): ReturnType<typeof createStepContext<unknown>>;
  session: PiiSession;
}

/** The default policy, with SSNs redacted. */
const REDACT_SSN: PiiPolicy = { ...defaultPiiPolicy(), entities: { ...defaultPiiPolicy().entities, ssn: 'redact' } };

async function harness(reply: (request: ChatRequest) => Partial<ChatResponse>, policy: PiiPolicy = REDACT_SSN, httpReply?: (request: HttpRequest) => HttpResponse): Promise<Harness> {
  const requests: ChatRequest[] = [];
  const httpRequests: HttpRequest[] = [];
  const events: string[] = [];
  const saved: PiiVaultEntry[][] = [];
  const provider: ChatProvider = {
    id: 'fake',
    label: 'Fake',
    scripted: false,
    async chat(request) {
      events.push('chat');
      requests.push(structuredClone(request));
      return { content: null, toolCalls: [], finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, model: request.model, latencyMs: 1, ttftMs: null, ...reply(request) };
    },
    listModels: async () => [],
  };
  const session = new PiiSession({
    policy,
    detector: await createPiiDetector(),
    save: async (entries) => {
      events.push(`save ${entries.length}`);
      saved.push(entries);
    },
  });
  const scope = session.scope();
  return {
    requests,
    httpRequests,
    events,
    saved,
    session,
    context: (stepScope = scope) =>
      createStepContext<unknown>({
        config: {},
        inputs: {},
        runInputs: {},
        node: { id: 'n1', kind: 'agent', label: 'Draft' },
        flow: { id: 'f1', settings: { concurrency: 1, pii: policy } },
        run: { id: 'r1', stepIndex: 0, attempt: 1, visit: 0 },
        signal: new AbortController().signal,
        services: {
          models: { resolve: () => ({ provider, model: 'm' }) },
          http: async (request) => {
            httpRequests.push(request);
            return httpReply ? httpReply(request) : { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ echo: request.body ?? null, url: request.url }) };
          },
          sandbox: { run: async () => ({ value: null, logs: [] }) },
        },
        pii: stepScope,
      }),
  };
}

describe('ctx.chat with PII masking on', () => {
  it('masks every message and tool-call argument, records what was sent and received, and gives the step real values', async () => {
    const h = await harness(() => ({ content: 'Write to <PERSON_1> at <EMAIL_2>; SSN stays [REDACTED SSN]', toolCalls: [{ id: 'c2', name: 'crm', arguments: '{"email":"<EMAIL_2>","note":"for <Person_1>"}' }] }));
    const { ctx, activity } = h.context();
    const response = await ctx.chat({
      messages: [
        { role: 'system', content: 'You help. Escalations go to ops@example.com.' },
        { role: 'user', content: TICKET },
        { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'crm', arguments: JSON.stringify({ email: 'maria@example.com', name: 'Maria Lopez' }) }] },
        { role: 'tool', toolCallId: 'c1', content: JSON.stringify({ phone: '(415) 555-0132', card: 4111111111111111 }) },
      ],
    });
    const sent = JSON.stringify(h.requests);
    for (const value of ['Maria Garcia', 'maria@example.com', '555-0132', '123-45-6789', '4111111111111111', 'ops@example.com']) expect(sent).not.toContain(value);
    expect(h.requests[0]?.messages[1]).toEqual({ role: 'user', content: 'Customer: <PERSON_1>\nEmail: <EMAIL_2>\nPhone: <PHONE_1>\nSSN [REDACTED SSN]' });
    const toolArgs = JSON.parse((h.requests[0]?.messages[2] as { toolCalls: { arguments: string }[] }).toolCalls[0]?.arguments ?? '{}') as unknown;
    expect(toolArgs).toEqual({ email: '<EMAIL_2>', name: '<PERSON_2>' });
    expect(JSON.parse(h.requests[0]?.messages[3]?.content as string)).toEqual({ phone: '<PHONE_1>', card: '<CREDIT_CARD_1>' });

    // The step gets values back; the record keeps exactly what went out and came in.
    expect(response.content).toBe('Write to Maria Garcia at maria@example.com; SSN stays [REDACTED SSN]');
    expect(JSON.parse(response.toolCalls[0]?.arguments ?? '{}')).toEqual({ email: 'maria@example.com', note: 'for Maria Garcia' });
    const [call] = activity.llmCalls;
    expect(call?.request).toEqual(h.requests[0]);
    expect(call?.response?.content).toBe('Write to <PERSON_1> at <EMAIL_2>; SSN stays [REDACTED SSN]');
    expect(call?.pii).toEqual({ masked: { email: 2, person: 2, phone: 1, credit_card: 1 }, redacted: { ssn: 1 } });
    expect(JSON.stringify(activity)).not.toContain('123-45-6789');
  });

  it('saves the new vault entries, durable, before the provider sees a placeholder, and only when there are new ones', async () => {
    const h = await harness(() => ({ content: 'ok' }));
    const { ctx } = h.context();
    await ctx.chat({ messages: [{ role: 'user', content: TICKET }] });
    await ctx.chat({ messages: [{ role: 'user', content: 'Again for maria@example.com' }] });
    await ctx.chat({ messages: [{ role: 'user', content: 'And b@example.com' }] });
    expect(h.events).toEqual(['save 3', 'chat', 'chat', 'save 4', 'chat']);
    expect(h.saved.at(-1)?.map((e) => e.placeholder)).toEqual(['<PERSON_1>', '<EMAIL_1>', '<PHONE_1>', '<EMAIL_2>']);
  });

  it('does not give a step values for placeholders it never sent (a guessed one stays as it is)', async () => {
    const h = await harness(() => ({ content: 'Also <EMAIL_1> and <PHONE_1>' }));
    const first = h.context();
    const own = await first.ctx.chat({ messages: [{ role: 'user', content: 'Email: maria@example.com' }] });
    expect(own.content).toBe('Also maria@example.com and <PHONE_1>');
    // Another step of the run: it sent no placeholder, so the one it guessed stays as it is.
    const other = h.context(h.session.scope());
    const guessed = await other.ctx.chat({ messages: [{ role: 'user', content: 'Say hello' }] });
    expect(guessed.content).toBe('Also <EMAIL_1> and <PHONE_1>');
  });
});

describe('ctx.http with PII masking on', () => {
  const policy = (http: PiiPolicy['http'], entities: PiiPolicy['entities'] = {}): PiiPolicy => ({ ...defaultPiiPolicy(), entities: { ...defaultPiiPolicy().entities, ...entities }, http });
  const request = (body: unknown) => ({
    method: 'POST',
    url: 'https://crm.example.com/contacts/maria%40example.com?phone=(415)%20555-0132&page=2',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sk-1234-5678', 'X-Note': 'for Maria' },
    body: JSON.stringify(body),
    timeoutMs: 1000,
  });

  it('blocks a request with personal data to a host the policy blocks, naming the types, places and host but no value', async () => {
    const h = await harness(() => ({}), policy({ default: 'block', hosts: [] }));
    const { ctx } = h.context();
    const error = await ctx.http(request({ note: 'Customer: Maria Garcia' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrellisError);
    expect(error).toMatchObject({ code: 'pii_blocked', retryable: false, details: { host: 'crm.example.com', types: ['email', 'phone', 'person'] } });
    const message = (error as Error).message;
    expect(message).toBe(
      'The request to crm.example.com holds personal data in the URL, the headers and the body (an email address, a phone number and a person\'s name), and the flow\'s PII policy blocks it for hosts it does not list. To send it, add crm.example.com in the flow settings under PII > HTTP hosts, with "mask" (placeholders are sent and the reply is re-identified) or "allow" (sent as it is).',
    );
    expect(h.httpRequests).toEqual([]);
  });

  it('sends a request without personal data unchanged, even to a blocked host', async () => {
    const h = await harness(() => ({}), policy({ default: 'block', hosts: [] }));
    const { ctx } = h.context();
    const plain = { method: 'GET', url: 'https://api.example.com/items/42?sort=asc', headers: { Accept: 'application/json' }, timeoutMs: 1000 };
    await ctx.http(plain);
    expect(h.httpRequests[0]).toMatchObject(plain);
  });

  it('masks for a "mask" host (URL, headers, JSON body; credentials untouched) and re-identifies the reply body', async () => {
    const h = await harness(() => ({}), policy({ default: 'block', hosts: [{ host: '*.example.com', action: 'mask' }] }, { ssn: 'redact' }));
    const { ctx } = h.context();
    const response = await ctx.http(request({ note: 'Customer: Maria Garcia', ssn: '123-45-6789' }));
    const sent = h.httpRequests[0] as HttpRequest;
    expect(sent.url).toBe('https://crm.example.com/contacts/%3CEMAIL_1%3E?phone=%3CPHONE_1%3E&page=2');
    expect(sent.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer sk-1234-5678', 'X-Note': 'for <PERSON_1>' });
    expect(JSON.parse(sent.body ?? '')).toEqual({ note: 'Customer: <PERSON_2>', ssn: '[REDACTED SSN]' });
    // The fake service echoes what it got: the step reads real values back.
    expect(JSON.parse(response.body)).toEqual({ echo: JSON.stringify({ note: 'Customer: Maria Garcia', ssn: '[REDACTED SSN]' }), url: 'https://crm.example.com/contacts/%3CEMAIL_1%3E?phone=%3CPHONE_1%3E&page=2' });
    expect(h.saved.at(-1)?.length).toBe(4);
  });

  it('sends masked types as they are to an "allow" host, but still redacts redacted types', async () => {
    const h = await harness(() => ({}), policy({ default: 'block', hosts: [{ host: 'crm.example.com', action: 'allow' }] }, { ssn: 'redact' }));
    const { ctx } = h.context();
    await ctx.http(request({ note: 'Customer: Maria Garcia', ssn: '123-45-6789' }));
    const sent = h.httpRequests[0] as HttpRequest;
    expect(sent.url).toContain('maria%40example.com');
    expect(JSON.parse(sent.body ?? '')).toEqual({ note: 'Customer: Maria Garcia', ssn: '[REDACTED SSN]' });
  });
});

describe('scanForLeaks', () => {
  it('finds personal data in the outputs that the inputs do not hold, with JSON pointers and spans', async () => {
    const detector = await createPiiDetector();
    const detect = (text: string) => detector.detect(text);
    const inputs = { ticket: 'Customer: Maria Garcia\nEmail: Maria@Example.com, phone (415) 555-0132' };
    const outputs = { out: { to: 'maria@example.com', body: 'Hi Maria Garcia,\nCall 415.555.0132 or write to billing.lead@example.com.' } };
    const scan = scanForLeaks(outputs, inputs, detect);
    const start = outputs.out.body.indexOf('billing.lead@');
    expect(scan.leaks).toEqual([{ type: 'email', path: '/out/body', start, end: start + 24, text: 'billing.lead@example.com' }]);
    expect(scan.found.get('email')).toBe(2);
    expect(scanForLeaks({ out: 'Nothing personal.' }, inputs, detect)).toEqual({ found: new Map(), leaks: [] });
  });
});
