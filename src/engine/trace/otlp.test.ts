/**
 * The OTLP/HTTP JSON export of a real run (the lead research template on the demo model, paused at
 * its review gate, then approved): it passes the strict decoder of the test receiver, follows the
 * GenAI semantic conventions (names, kinds, attributes, evaluation events), carries no message
 * text unless asked to, and is deterministic. Plus the wire details: nanosecond strings, ids,
 * open spans, error statuses that never quote content, and provider names from settings.
 */
import { describe, expect, it } from 'vitest';
import { decodeOtlpTraces } from '../../../test-support/otlpDecode';
import { createScriptedProvider } from '../llm/scripted';
import { createModelResolver } from '../llm/resolver';
import { createMemoryRunStore } from '../run/memoryStore';
import { resumeRun, startRun } from '../run/executor';
import { createFetchHttpPort } from '../run/fetchHttp';
import type { RunRecord, StepRecord } from '../run/types';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { leadResearchFlow } from '../templates/leadResearch';
import { msToUnixNano, spanIdFor, toOtlp, traceIdFor, type ExportTraceServiceRequest } from './otlp';
import { buildTrace } from './spans';

const services = () => ({ models: createModelResolver([createScriptedProvider()]), http: createFetchHttpPort(), sandbox: createQuickJsSandbox() });
const INPUTS = { company: 'Northwind Logistics', contact: 'Dana Whitfield, Head of Operations', product: 'Route planning software.' };

async function leadRun() {
  const store = createMemoryRunStore();
  const paused = await (await startRun(leadResearchFlow(), INPUTS, { store, services: services(), runId: 'otlp-run-1' })).done;
  const pausedSnap = store.snapshot();
  const item = pausedSnap.reviews[0]!;
  await store.decideReview(item.id, { action: 'approve', by: 'Ada Reviewer', at: item.createdAt + 5000, reason: 'Reads well.' });
  const run = await (await resumeRun('otlp-run-1', { store, services: services() })).done;
  return { paused, pausedSnap, run, snap: store.snapshot() };
}

const spansOf = (payload: ExportTraceServiceRequest) => payload.resourceSpans[0]!.scopeSpans[0]!.spans;

/** Every piece of text a model saw or wrote, and every tool argument and result, as it would appear inside JSON. */
function contentTexts(steps: readonly StepRecord[]): string[] {
  const texts: string[] = [];
  for (const step of steps) {
    for (const call of step.llmCalls) {
      for (const message of call.request.messages) if (message.content) texts.push(message.content);
      if (call.response?.content) texts.push(call.response.content);
      for (const tool of call.response?.toolCalls ?? []) texts.push(tool.arguments);
    }
    for (const tool of step.toolCalls) texts.push(JSON.stringify(tool.arguments), JSON.stringify(tool.result));
    for (const verdict of step.verdicts ?? []) if (verdict.layer === 'judge' || verdict.layer === 'grounding') texts.push(verdict.explanation);
  }
  return texts.filter((text) => text.length >= 12);
}

/** Every string in the payload, and every string inside strings that hold JSON (message attributes). */
function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    out.push(value);
    try {
      const inner = JSON.parse(value) as unknown;
      if (typeof inner === 'object' && inner !== null) allStrings(inner, out);
    } catch {
      // plain text
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      allStrings(item, out);
    }
  }
  return out;
}

const leaked = (payload: unknown, texts: readonly string[]) => {
  const strings = allStrings(payload);
  const flat = JSON.stringify(payload);
  return texts.filter((text) => flat.includes(text) || strings.some((s) => s.includes(text)));
};

describe('toOtlp', () => {
  it('exports a decided run as a valid OTLP/HTTP JSON request that follows the GenAI conventions, without content', async () => {
    const { run, snap } = await leadRun();
    const trace = buildTrace(run, snap.steps, snap.reviews);
    const payload = toOtlp(trace, { run, steps: snap.steps }, { includeContent: false, appVersion: '0.1.0' });
    const decoded = decodeOtlpTraces(JSON.parse(JSON.stringify(payload)));
    expect(decoded.problems).toEqual([]);
    expect(decoded.spans).toHaveLength(trace.spans.length);

    expect(payload.resourceSpans[0]!.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'trellis' } });
    expect(payload.resourceSpans[0]!.scopeSpans[0]!.scope).toEqual({ name: 'trellis.trace', version: '0.1.0' });
    const traceId = traceIdFor('otlp-run-1');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(decoded.spans.map((s) => s.traceId))).toEqual(new Set([traceId]));

    const byName = (name: string) => decoded.spans.filter((s) => s.name === name);
    const root = decoded.spans.find((s) => s.parentSpanId === null)!;
    expect(root).toMatchObject({ name: `invoke_workflow ${run.flowName}`, kind: 1, status: { code: 1 } });
    expect(root.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_workflow', 'gen_ai.workflow.name': run.flowName, 'trellis.run.id': 'otlp-run-1', 'trellis.usage.input_tokens': run.totals.inputTokens });

    const agent = byName('invoke_agent Research')[0]!;
    expect(agent).toMatchObject({ kind: 1, parentSpanId: root.spanId, status: { code: 1 } });
    expect(agent.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Research', 'gen_ai.provider.name': 'trellis.demo', 'trellis.step.kind': 'agent', 'trellis.step.visit': 0 });
    expect(typeof agent.attributes['trellis.step.index']).toBe('number');
    const plain = decoded.spans.find((s) => s.attributes['trellis.step.kind'] === 'input')!;
    expect(plain.name).toBe('Lead');
    expect(plain.attributes['gen_ai.operation.name']).toBeUndefined();

    const chats = decoded.spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    expect(chats).toHaveLength(run.totals.llmCalls);
    for (const chat of chats) {
      expect(chat).toMatchObject({ name: 'chat trellis-demo', kind: 3, status: { code: 1 } });
      expect(chat.attributes).toMatchObject({ 'gen_ai.provider.name': 'trellis.demo', 'gen_ai.system': 'trellis.demo', 'gen_ai.request.model': 'trellis-demo', 'gen_ai.response.model': 'trellis-demo', 'gen_ai.response.finish_reasons': [expect.any(String)] });
      expect(chat.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
      expect(chat.attributes['gen_ai.input.messages']).toBeUndefined();
      expect(chat.attributes['gen_ai.output.messages']).toBeUndefined();
    }
    const sum = (key: string) => chats.reduce((total, s) => total + (s.attributes[key] as number), 0);
    expect(sum('gen_ai.usage.input_tokens')).toBe(run.totals.inputTokens);
    expect(sum('gen_ai.usage.output_tokens')).toBe(run.totals.outputTokens);

    const tool = byName('execute_tool company_domain')[0]!;
    expect(tool).toMatchObject({ kind: 1, parentSpanId: agent.spanId });
    expect(tool.attributes).toMatchObject({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'company_domain', 'gen_ai.tool.type': 'function', 'trellis.tool.type': 'code' });
    expect(tool.attributes['gen_ai.tool.call.id']).toEqual(expect.any(String));
    expect(tool.attributes['gen_ai.tool.call.arguments']).toBeUndefined();

    const evaluations = decoded.spans.flatMap((s) => s.events.filter((e) => e.name === 'gen_ai.evaluation.result').map((e) => ({ span: s, event: e })));
    const layers = evaluations.map(({ event }) => `${event.attributes['trellis.validation.layer']}:${event.attributes['gen_ai.evaluation.score.label']}`);
    expect(layers).toEqual(['structure:pass', 'structure:pass', 'structure:pass', 'judge:pass', 'grounding:pass', 'quality:pass', 'human:approve']);
    const judge = evaluations.find(({ event }) => event.attributes['trellis.validation.layer'] === 'judge')!;
    expect(judge.event.attributes).toMatchObject({ 'gen_ai.evaluation.name': 'Quality judge', 'gen_ai.evaluation.score.value': expect.any(Number) });
    expect(judge.event.attributes['gen_ai.evaluation.explanation']).toBeUndefined();
    expect(judge.span.attributes).toMatchObject({ 'trellis.validation.layer': 'judge', 'trellis.validation.status': 'pass', 'trellis.validation.threshold': 7 });

    const review = decoded.spans.find((s) => s.events.some((e) => e.name === 'trellis.review.decision'))!;
    const decision = review.events.find((e) => e.name === 'trellis.review.decision')!;
    expect(decision.attributes).toEqual({ 'trellis.review.action': 'approve', 'trellis.review.reviewer': 'Ada Reviewer' });
    expect(review.status.code).toBe(1);

    // No message text anywhere: prompts, completions, tool arguments and results, explanations, the reviewer's reason.
    const texts = [...contentTexts(snap.steps), 'Reads well.'];
    expect(texts.length).toBeGreaterThan(20);
    expect(leaked(payload, texts)).toEqual([]);
    const text = JSON.stringify(payload);
    for (const key of ['gen_ai.input.messages', 'gen_ai.output.messages', 'gen_ai.tool.call.arguments', 'gen_ai.tool.call.result', 'gen_ai.evaluation.explanation', 'trellis.review.reason']) {
      expect(text).not.toContain(`"${key}"`);
    }
  });

  it('adds prompts, completions, tool arguments and results, explanations and reasons only with includeContent', async () => {
    const { run, snap } = await leadRun();
    const trace = buildTrace(run, snap.steps, snap.reviews);
    const payload = toOtlp(trace, { run, steps: snap.steps }, { includeContent: true });
    const decoded = decodeOtlpTraces(JSON.parse(JSON.stringify(payload)));
    expect(decoded.problems).toEqual([]);
    const chats = decoded.spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    const calls = snap.steps.flatMap((s) => s.llmCalls);
    const first = calls.find((c) => c.request.messages.some((m) => m.role === 'system'))!;
    const firstChat = chats.find((s) => JSON.parse(s.attributes['gen_ai.input.messages'] as string)[0].parts[0].content === first.request.messages[0]!.content)!;
    const input = JSON.parse(firstChat.attributes['gen_ai.input.messages'] as string) as Array<{ role: string; parts: Array<{ type: string; content?: string }> }>;
    expect(input.map((m) => m.role)).toEqual(first.request.messages.map((m) => m.role));
    expect(input[0]!.parts).toEqual([{ type: 'text', content: first.request.messages[0]!.content }]);
    const output = JSON.parse(firstChat.attributes['gen_ai.output.messages'] as string) as Array<{ role: string; finish_reason: string; parts: unknown[] }>;
    expect(output).toEqual([{ role: 'assistant', parts: expect.any(Array), finish_reason: first.response!.finishReason }]);

    // The research agent's tool round trip: the call in the output, the answer in the next input.
    const toolTurn = chats.find((s) => (s.attributes['gen_ai.output.messages'] as string).includes('"tool_call"'))!;
    expect(JSON.parse(toolTurn.attributes['gen_ai.output.messages'] as string)[0].parts).toContainEqual({ type: 'tool_call', id: expect.any(String), name: 'company_domain', arguments: expect.any(Object) });
    expect(chats.some((s) => (s.attributes['gen_ai.input.messages'] as string).includes('"tool_call_response"'))).toBe(true);
    const tool = decoded.spans.find((s) => s.name === 'execute_tool company_domain')!;
    const record = snap.steps.flatMap((s) => s.toolCalls)[0]!;
    expect(JSON.parse(tool.attributes['gen_ai.tool.call.arguments'] as string)).toEqual(record.arguments);
    expect(JSON.parse(tool.attributes['gen_ai.tool.call.result'] as string)).toEqual(record.result);

    const judge = decoded.spans.flatMap((s) => s.events).find((e) => e.attributes['trellis.validation.layer'] === 'judge')!;
    expect(judge.attributes['gen_ai.evaluation.explanation']).toEqual(expect.any(String));
    const decision = decoded.spans.flatMap((s) => s.events).find((e) => e.name === 'trellis.review.decision')!;
    expect(decision.attributes['trellis.review.reason']).toBe('Reads well.');
    // The leak check of the first test finds all of it when it is there.
    const texts = contentTexts(snap.steps);
    expect(leaked(payload, texts)).toEqual(texts);
  });

  it('is deterministic: the same records give the same bytes, and ids are stable and unique', async () => {
    const { run, snap } = await leadRun();
    const trace = buildTrace(run, snap.steps, snap.reviews, 1);
    const a = JSON.stringify(toOtlp(trace, { run, steps: snap.steps }, { includeContent: true, now: 5 }));
    const b = JSON.stringify(toOtlp(trace, { run, steps: snap.steps }, { includeContent: true, now: 5 }));
    expect(a).toBe(b);
    const ids = spansOf(JSON.parse(a) as ExportTraceServiceRequest).map((s) => s.spanId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(spanIdFor('otlp-run-1', 'run')).toBe(spanIdFor('otlp-run-1', 'run'));
    expect(spanIdFor('otlp-run-1', 'run')).not.toBe(spanIdFor('otlp-run-2', 'run'));
    expect(traceIdFor('a')).not.toBe(traceIdFor('b'));
  });

  it('exports a paused run: the open review wait ends at the export time with an unset status', async () => {
    const { paused, pausedSnap } = await leadRun();
    const now = paused.startedAt + 60_000;
    const trace = buildTrace(paused, pausedSnap.steps, pausedSnap.reviews, now);
    const payload = toOtlp(trace, { run: paused, steps: pausedSnap.steps }, { includeContent: false, now });
    const decoded = decodeOtlpTraces(payload);
    expect(decoded.problems).toEqual([]);
    const review = decoded.spans.find((s) => s.name.startsWith('review '))!;
    expect(review).toMatchObject({ status: { code: 0 }, endTimeUnixNano: msToUnixNano(now), events: [] });
    expect(review.attributes).toMatchObject({ 'trellis.span.open': true, 'trellis.span.status': 'waiting' });
    const gate = decoded.spans.find((s) => s.spanId === review.parentSpanId)!;
    expect(gate.attributes).toMatchObject({ 'trellis.review.reviewed': true, 'trellis.review.why': 'full' });
  });
});

describe('OTLP wire details', () => {
  it('writes epoch milliseconds as nanosecond strings without losing precision', () => {
    expect(msToUnixNano(1_700_000_000_000)).toBe('1700000000000000000');
    const fractional = 1_700_000_000_123 + 0.25;
    expect(msToUnixNano(fractional)).toBe('1700000000123250000');
    expect(msToUnixNano(12.000001)).toBe('12000001');
    expect(msToUnixNano(0.5)).toBe('500000');
    expect(msToUnixNano(Number.NaN)).toBe('0');
  });

  const base = { startedAt: 1_000, finishedAt: 2_000 };
  const run: RunRecord = {
    id: 'r-err', flowId: 'f', flowName: 'Errors', flowVersion: 'v', status: 'failed', inputs: {}, outputs: {}, createdAt: 1_000, ...base,
    resumes: 0, state: { visits: {}, loops: {} }, totals: { inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 2 },
    error: { code: 'schema', message: 'The reply "Dear Dana, the secret plan" does not match the schema', retryable: false },
  };
  const call = (error: StepRecord['llmCalls'][number]['error']) => ({
    providerId: 'groq-1', model: 'llama-3.1-8b', request: { model: 'llama-3.1-8b', messages: [{ role: 'user' as const, content: 'Dear Dana, the secret plan' }], temperature: 0.2, maxTokens: 300 },
    response: null, inputTokens: 0, outputTokens: 0, costUsd: null, latencyMs: 100, ttftMs: null, startedAt: 1_100, ...(error ? { error } : {}),
  });
  const step: StepRecord = {
    id: 'r-err:0:0', runId: 'r-err', stepIndex: 0, visit: 0, nodeId: 'a', kind: 'agent', label: 'Writer', category: 'agent', status: 'failed', inputs: {}, outputs: null, ...base,
    error: run.error!, attempts: [{ attempt: 1, startedAt: 1_000, finishedAt: 1_500, error: { code: 'auth', message: 'Groq rejected the API key (HTTP 401)', retryable: false, status: 401 }, retryDelayMs: 250 }],
    llmCalls: [call({ code: 'auth', message: 'Groq rejected the API key (HTTP 401)', retryable: false, status: 401 }), call({ code: 'malformed', message: 'not JSON: "Dear Dana, the secret plan"', retryable: true })],
    toolCalls: [], logs: [],
  };

  it('marks errors with error.type and a status that quotes no content unless content is included', () => {
    const trace = buildTrace(run, [step], []);
    const providers = [{ id: 'groq-1', kind: 'openai-compatible' as const, baseURL: 'https://api.groq.com/openai/v1' }];
    const off = toOtlp(trace, { run, steps: [step] }, { includeContent: false, providers });
    expect(decodeOtlpTraces(off).problems).toEqual([]);
    expect(JSON.stringify(off)).not.toContain('secret plan');
    const [root, writer, auth, malformed] = spansOf(off);
    expect(root!.status).toEqual({ code: 2, message: 'schema error; the message is left out because it may quote content' });
    expect(writer!.events).toEqual([{ timeUnixNano: '1500000000', name: 'trellis.step.attempt_failed', attributes: [{ key: 'trellis.attempt', value: { intValue: '1' } }, { key: 'error.type', value: { stringValue: 'auth' } }, { key: 'trellis.retry.delay_ms', value: { intValue: '250' } }] }]);
    expect(auth!.status).toEqual({ code: 2, message: 'Groq rejected the API key (HTTP 401)' });
    expect(malformed!.status.message).toBe('malformed error; the message is left out because it may quote content');
    const attrs = decodeOtlpTraces(off).spans[2]!.attributes;
    expect(attrs).toMatchObject({ 'gen_ai.provider.name': 'groq', 'server.address': 'api.groq.com', 'server.port': 443, 'error.type': 'auth', 'gen_ai.request.temperature': 0.2, 'gen_ai.request.max_tokens': 300 });
    expect(attrs['gen_ai.response.model']).toBeUndefined();

    const on = toOtlp(trace, { run, steps: [step] }, { includeContent: true, providers });
    expect(spansOf(on)[3]!.status.message).toBe('not JSON: "Dear Dana, the secret plan"');
  });

  it('names a local OpenAI-compatible server by the API it speaks, with its address', () => {
    const trace = buildTrace(run, [step], []);
    const payload = toOtlp(trace, { run, steps: [step] }, { includeContent: false, providers: [{ id: 'groq-1', kind: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1' }] });
    expect(decodeOtlpTraces(payload).spans[2]!.attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'server.address': '127.0.0.1', 'server.port': 11434 });
  });
});
