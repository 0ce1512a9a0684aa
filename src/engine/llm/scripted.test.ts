// The scripted demo responder: deterministic, labelled, tool flow, router choices, streaming provider.
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { TrellisError } from '../util/errors';
import { SCRIPTED_LABEL, createScriptedProvider, scriptedReply } from './scripted';
import type { ChatRequest, ToolDef } from './types';

const ajv = new Ajv2020({ strict: false });
const routerSchema = (branches: string[]) => ({
  type: 'object',
  properties: { branch: { type: 'string', enum: branches }, reason: { type: 'string' } },
  required: ['branch', 'reason'],
  additionalProperties: false,
});
const route = (branches: string[], system: string, user: string) =>
  JSON.parse(
    scriptedReply({
      model: 'm',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
      responseFormat: { name: 'route', schema: routerSchema(branches) },
    }).content!,
  ) as { branch: string; reason: string };

describe('scriptedReply', () => {
  it('is deterministic: the same request gets the same reply', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (text, withTool) => {
        const request: ChatRequest = {
          model: 'm',
          messages: [{ role: 'user', content: text }],
          ...(withTool ? { tools: [{ name: 't', description: '', parameters: { type: 'object', properties: { q: { type: 'string' } } } }] } : {}),
        };
        expect(scriptedReply(structuredClone(request))).toEqual(scriptedReply(structuredClone(request)));
      }),
    );
  });

  it('answers plain text with a clear label and the gist of the last user message', () => {
    const reply = scriptedReply({
      model: 'm',
      messages: [
        { role: 'system', content: 'You summarize.' },
        { role: 'user', content: 'First ticket.' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'The printer on floor 3 is jammed again. Nobody can print invoices. Please send someone today.' },
      ],
    });
    expect(reply.finishReason).toBe('stop');
    expect(reply.toolCalls).toEqual([]);
    expect(reply.content!.startsWith(SCRIPTED_LABEL)).toBe(true);
    expect(reply.content).toContain('The printer on floor 3 is jammed again. Nobody can print invoices.');
    expect(reply.content).not.toContain('First ticket');
  });

  it("stops at maxTokens with finish reason 'length'", () => {
    const reply = scriptedReply({ model: 'm', messages: [{ role: 'user', content: 'A long story. '.repeat(20) }], maxTokens: 5 });
    expect(reply.finishReason).toBe('length');
    expect(reply.content!.length).toBeLessThanOrEqual(20);
  });

  it('calls the first tool with arguments shaped by its schema, then answers from the tool result', () => {
    const tools: ToolDef[] = [
      {
        name: 'lookup_order',
        description: 'Find an order',
        parameters: {
          type: 'object',
          properties: {
            order_id: { type: 'string' },
            customer_email: { type: 'string', format: 'email' },
            include_items: { type: 'boolean' },
            limit: { type: 'integer', minimum: 1, maximum: 10 },
          },
          required: ['order_id'],
          additionalProperties: false,
        },
      },
      { name: 'other_tool', description: '', parameters: { type: 'object', properties: {} } },
    ];
    const user = 'Where is order #A-1042? I am jane.doe@example.com.';
    const first = scriptedReply({ model: 'm', messages: [{ role: 'user', content: user }], tools });
    expect(first.finishReason).toBe('tool_calls');
    expect(first.content).toBeNull();
    expect(first.toolCalls).toHaveLength(1);
    const call = first.toolCalls[0]!;
    expect(call.name).toBe('lookup_order');
    expect(call.id).toMatch(/^call_/);
    const args = JSON.parse(call.arguments) as Record<string, unknown>;
    expect(ajv.validate(tools[0]!.parameters, args)).toBe(true);
    expect(args).toMatchObject({ order_id: 'A-1042', customer_email: 'jane.doe@example.com' });

    const second = scriptedReply({
      model: 'm',
      messages: [
        { role: 'user', content: user },
        { role: 'assistant', content: null, toolCalls: [call] },
        { role: 'tool', toolCallId: call.id, content: '{"status":"shipped","carrier":"DHL"}' },
      ],
      tools,
    });
    expect(second.finishReason).toBe('stop');
    expect(second.toolCalls).toEqual([]);
    expect(second.content).toContain(SCRIPTED_LABEL);
    expect(second.content).toContain('"status":"shipped"');
  });

  it('answers with JSON after a tool result when a response format is asked for', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const reply = scriptedReply({
      model: 'm',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'weather', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'c1', content: 'sunny' },
      ],
      tools: [{ name: 'weather', description: '', parameters: { type: 'object' } }],
      responseFormat: { name: 'a', schema },
    });
    expect(ajv.validate(schema, JSON.parse(reply.content!))).toBe(true);
  });
});

describe('scriptedReply as an LLM router', () => {
  const branches = ['billing', 'technical_support', 'shipping', 'refund', 'account', 'other'];

  it('chooses the branch the ticket names, and says why', () => {
    const system = `Choose one branch: ${branches.join(', ')}.`;
    expect(route(branches, system, 'My package never arrived, the shipping label is wrong.').branch).toBe('shipping');
    expect(route(branches, system, 'The app crashes; I need technical support.').branch).toBe('technical_support');
    const refund = route(branches, system, 'I would like a REFUND for order 12.');
    expect(refund.branch).toBe('refund');
    expect(refund.reason).toContain('REFUND');
  });

  it('prefers the branch mentioned most when the prompt also lists every branch', () => {
    const user = `Branches: ${branches.join(', ')}.\nTicket: I cannot log in to my account; the account page says locked.`;
    expect(route(branches, '', user).branch).toBe('account');
  });

  it('picks a stable branch, and says so, when the text names none', () => {
    const a = route(branches, '', 'Hello, I have a question.');
    const b = route(branches, '', 'Hello, I have a question.');
    expect(branches).toContain(a.branch);
    expect(a).toEqual(b);
    expect(a.reason).toContain('picked');
  });

  it('follows the named branch for any set of branches and any filler (property)', () => {
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const filler = fc.array(fc.constantFrom('please', 'help', 'today', 'order', 'thanks', 'urgent', 'team', 'the'), { maxLength: 12 });
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...names), { minLength: 2, maxLength: 6 }), fc.nat(), filler, filler, (set, pick, before, after) => {
        const target = set[pick % set.length]!;
        const text = [...before, target, ...after].join(' ');
        expect(route(set, `Branches: ${set.join(', ')}`, text).branch).toBe(target);
      }),
    );
  });
});

describe('createScriptedProvider', () => {
  it('is labelled, free and offline, and lists its model', async () => {
    const provider = createScriptedProvider();
    expect(provider).toMatchObject({ id: 'demo', label: 'Demo model (scripted, offline)', scripted: true });
    expect(provider.pricingProvider).toBeUndefined();
    expect(await provider.listModels()).toEqual(['trellis-demo']);
  });

  it('streams the reply in chunks and reports usage and timings', async () => {
    const provider = createScriptedProvider({ chunkDelayMs: 1 });
    const deltas: string[] = [];
    const request: ChatRequest = { model: '', messages: [{ role: 'user', content: 'Please summarize this short note about the quarterly numbers.' }] };
    const response = await provider.chat(request, { onDelta: (d) => deltas.push(d) });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(response.content);
    expect(response.content).toBe(scriptedReply(request).content);
    expect(response.model).toBe('trellis-demo');
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(response.ttftMs).not.toBeNull();
  });

  it('stops with a cancelled error when aborted mid-stream', async () => {
    for (const chunkDelayMs of [0, 5]) {
      const provider = createScriptedProvider({ chunkDelayMs });
      const controller = new AbortController();
      const deltas: string[] = [];
      const call = provider.chat(
        { model: 'trellis-demo', messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten' }] },
        { signal: controller.signal, onDelta: (d) => (deltas.push(d), controller.abort()) },
      );
      await expect(call).rejects.toBeInstanceOf(TrellisError);
      await expect(call).rejects.toMatchObject({ code: 'cancelled' });
      expect(deltas).toHaveLength(1);
    }
  });
});
