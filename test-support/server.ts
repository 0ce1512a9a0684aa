/**
 * An OpenAI-compatible HTTP server on 127.0.0.1 for unit and end-to-end tests, used through the
 * real `openai` SDK: chat completions (JSON and SSE streaming, tools, json_schema response
 * formats), the model list, CORS for browsers, scripted replies and faults per test, and a log of
 * received requests. Default answers come from the app's scripted responder (one implementation).
 * Also a quality scoring endpoint for Quality API nodes: `POST /quality/score` (or GET with
 * `?text=`) answers a scripted reply matched on `match.path: '/quality/score'`, else the demo
 * quality service's result for the body's `text`.
 * Also an OTLP/HTTP JSON trace receiver: `POST /v1/traces` decodes each batch strictly and keeps it
 * (with any problems) for `traces()` / `GET /__control/traces` (see otlpReceiver.ts).
 * Tests in another process (Playwright) drive it through the /__control endpoints.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { scriptedReply } from '../src/engine/llm/scripted';
import { estimateUsage } from '../src/engine/llm/tokens';
import type { ChatRequest } from '../src/engine/llm/types';
import { scoreDemoQuality } from '../src/engine/validation/demoQuality';
import { sendError, sendJson, sendReplyBody, sendStream, sleep, type Answer, type AnswerContext } from './respond';
import { DEFAULT_MODELS, type LoggedRequest, type ServerOptions, type ServerReply, type StartOptions, type TestServer } from './types';
import { bodyText, toChatRequest } from './wire';
import { OTLP_TRACES_PATH, receiveTraces, type ReceivedTraces } from './otlpReceiver';

export type { LoggedRequest, ServerOptions, ServerReply, StartOptions, TestServer } from './types';
export type { ReceivedTraces } from './otlpReceiver';

const CHAT_PATH = '/v1/chat/completions';
export const QUALITY_PATH = '/quality/score';

async function readBody(req: IncomingMessage): Promise<{ raw: string; json: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return { raw, json: null };
  try {
    return { raw, json: JSON.parse(raw) as unknown };
  } catch {
    return { raw, json: raw };
  }
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function setCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-expose-headers', '*');
}

/** How OpenAI echoes a wrong key: a few leading characters, stars, the last four. */
function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, Math.min(8, key.length - 4))}${'*'.repeat(12)}${key.slice(-4)}`;
}

/** The text a quality request asks about: the JSON body's `text`, a text body, or `?text=`. */
function qualityText(body: unknown, query: URLSearchParams): string {
  if (typeof body === 'object' && body !== null && typeof (body as { text?: unknown }).text === 'string') return (body as { text: string }).text;
  if (typeof body === 'string') return body;
  return query.get('text') ?? '';
}

function matches(reply: ServerReply, path: string, body: unknown, text: string): boolean {
  const match = reply.match ?? {};
  if (path !== (match.path ?? CHAT_PATH)) return false;
  const model = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  if (match.model !== undefined && match.model !== model) return false;
  if (match.contains !== undefined && !text.includes(match.contains)) return false;
  return true;
}

function preflight(req: IncomingMessage, res: ServerResponse, cors: boolean): void {
  const allow = cors
    ? { 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*', 'access-control-max-age': '600' }
    : {};
  res.writeHead(204, allow).end();
}

/** Whether the client went away before the response was finished. */
function closeTracker(res: ServerResponse): () => boolean {
  let closed = false;
  res.on('close', () => {
    if (!res.writableFinished) closed = true;
  });
  return () => closed;
}

/** A scripted reply's delay, then a dropped connection: true when nothing more is to be sent. */
async function delayOrDrop(req: IncomingMessage, res: ServerResponse, reply: ServerReply | undefined, closed: () => boolean): Promise<boolean> {
  if (reply?.delayMs) await sleep(reply.delayMs, res);
  if (closed()) return true;
  if (reply?.dropConnection && reply.truncateAfterChunks === undefined) {
    req.socket.destroy();
    return true;
  }
  return false;
}

export async function startTestServer(start: StartOptions = {}): Promise<TestServer> {
  const initial = (): ServerOptions => ({ apiKey: start.apiKey, models: [...(start.models ?? DEFAULT_MODELS)], cors: start.cors ?? true });
  let options = initial();
  let queue: ServerReply[] = [];
  let log: LoggedRequest[] = [];
  let traces: ReceivedTraces[] = [];
  let counter = 0;

  const control = {
    script(replies: ServerReply | ServerReply[]) {
      queue.push(...(Array.isArray(replies) ? replies : [replies]));
    },
    reset() {
      queue = [];
      log = [];
      traces = [];
      options = initial();
    },
    requests: (): LoggedRequest[] => structuredClone(log),
    traces: (): ReceivedTraces[] => structuredClone(traces),
    setOptions(partial: Partial<ServerOptions>) {
      if ('apiKey' in partial) options.apiKey = partial.apiKey ?? undefined;
      if (partial.models) options.models = [...partial.models];
      if (partial.cors !== undefined) options.cors = partial.cors;
    },
  };

  function takeReply(path: string, body: unknown, text = bodyText(body)): ServerReply | undefined {
    const index = queue.findIndex((reply) => matches(reply, path, body, text));
    return index < 0 ? undefined : queue.splice(index, 1)[0];
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, body: unknown): Promise<void> {
    setCors(req, res);
    const ok = (value: unknown = { ok: true }) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*' }).end();
    } else if (path === '/__control/script' && req.method === 'POST') {
      control.script(body as ServerReply | ServerReply[]);
      ok({ ok: true, queued: queue.length });
    } else if (path === '/__control/reset' && req.method === 'POST') {
      control.reset();
      ok();
    } else if (path === '/__control/options' && req.method === 'POST') {
      control.setOptions((body ?? {}) as Partial<ServerOptions>);
      ok({ ok: true, options: { ...options, apiKey: options.apiKey === undefined ? null : '(set)' } });
    } else if (path === '/__control/requests' && req.method === 'GET') {
      ok(control.requests());
    } else if (path === '/__control/traces' && req.method === 'GET') {
      ok(control.traces());
    } else if (path === '/__control/health') {
      ok();
    } else {
      sendError(res, 404, { message: `Unknown control endpoint: ${req.method} ${path}` });
    }
  }

  /** The quality endpoint: no API key (it is not the model API); a scripted reply, else the demo scorer. */
  async function handleQuality(req: IncomingMessage, res: ServerResponse, body: unknown, query: URLSearchParams): Promise<void> {
    const closed = closeTracker(res);
    if (options.cors) setCors(req, res);
    if (req.method === 'OPTIONS') return preflight(req, res, options.cors);
    if (req.method !== 'POST' && req.method !== 'GET') {
      sendError(res, 405, { message: `Use POST (or GET with ?text=) on ${QUALITY_PATH}, not ${req.method}.` });
      return;
    }
    const text = qualityText(body, query);
    const reply = takeReply(QUALITY_PATH, body, text);
    if (await delayOrDrop(req, res, reply, closed)) return;
    if (reply?.status !== undefined && reply.status >= 400 && reply.json === undefined && reply.content === undefined) {
      sendError(res, reply.status, reply.error ?? { message: `Scripted error (HTTP ${reply.status}).` }, reply.headers);
      return;
    }
    sendReplyBody(res, reply, scoreDemoQuality(text));
  }

  /** The OTLP/HTTP trace receiver: no API key; a scripted reply (match.path '/v1/traces') can fail it. */
  async function handleTraces(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const closed = closeTracker(res);
    if (options.cors) setCors(req, res);
    if (req.method === 'OPTIONS') return preflight(req, res, options.cors);
    if (req.method !== 'POST') {
      sendError(res, 405, { message: `Use POST on ${OTLP_TRACES_PATH}, not ${req.method}.` });
      return;
    }
    const answer = receiveTraces(headersOf(req), raw);
    const reply = takeReply(OTLP_TRACES_PATH, answer.batch.body, '');
    if (await delayOrDrop(req, res, reply, closed)) return;
    if (reply?.status !== undefined && reply.status >= 400) {
      traces.push({ ...answer.batch, status: reply.status });
      sendError(res, reply.status, reply.error ?? { message: `Scripted error (HTTP ${reply.status}).` }, reply.headers);
      return;
    }
    traces.push(answer.batch);
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, body: unknown): Promise<void> {
    const isClosed = closeTracker(res);
    if (options.cors) setCors(req, res);
    if (req.method === 'OPTIONS') return preflight(req, res, options.cors);
    if (options.apiKey !== undefined) {
      const auth = req.headers.authorization;
      const given = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
      if (given !== options.apiKey) {
        const message = given
          ? `Incorrect API key provided: ${maskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`
          : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
        sendError(res, 401, { message, type: 'invalid_request_error', code: given ? 'invalid_api_key' : null });
        return;
      }
    }
    const isModels = req.method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'));
    const isChat = req.method === 'POST' && path === CHAT_PATH;
    if (!isModels && !isChat) {
      sendError(res, 404, { message: `Unknown request URL: ${req.method} ${path}. Please check the URL for typos.`, code: 'unknown_url' });
      return;
    }
    let request: ReturnType<typeof toChatRequest> | undefined;
    if (isChat) {
      request = toChatRequest(body);
      if ('error' in request) {
        sendError(res, 400, { message: request.error, param: request.param, code: 'invalid_request' });
        return;
      }
    }
    const model = request && 'request' in request ? request.request.model : path.startsWith('/v1/models/') ? decodeURIComponent(path.slice('/v1/models/'.length)) : undefined;
    if (model !== undefined && !options.models.includes(model)) {
      sendError(res, 404, { message: `The model '${model}' does not exist or you do not have access to it.`, code: 'model_not_found' });
      return;
    }
    const reply = takeReply(path, body);
    if (await delayOrDrop(req, res, reply, isClosed)) return;
    if (reply?.status !== undefined && reply.status >= 400) {
      sendError(res, reply.status, reply.error ?? { message: `Scripted error (HTTP ${reply.status}).` }, reply.headers);
      return;
    }
    if (isModels) {
      const created = 1_700_000_000;
      const entry = (id: string) => ({ id, object: 'model', created, owned_by: 'trellis-test' });
      const text = JSON.stringify(model !== undefined ? entry(model) : { object: 'list', data: options.models.map(entry) });
      res.writeHead(200, { 'content-type': 'application/json', ...reply?.headers }).end(reply?.malformed ? text.slice(0, text.length >> 1) : text);
      return;
    }
    const chat = (request as { request: ChatRequest }).request;
    counter += 1;
    const ctx: AnswerContext = {
      id: `chatcmpl-test-${counter}`,
      model: chat.model,
      created: Math.floor(Date.now() / 1000),
      includeUsage: (body as { stream_options?: { include_usage?: unknown } }).stream_options?.include_usage === true,
      reply,
      closed: isClosed,
    };
    const answer = buildAnswer(chat, reply, counter);
    if ((body as { stream?: unknown }).stream === true) await sendStream(res, answer, ctx);
    else sendJson(res, answer, { ...ctx, includeUsage: true });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const [path = '/', search = ''] = (req.url ?? '/').split('?');
      const { raw, json } = await readBody(req);
      if (path.startsWith('/__control/')) return handleControl(req, res, path, json);
      if (path === OTLP_TRACES_PATH) return handleTraces(req, res, raw);
      log.push({ method: req.method ?? 'GET', path, headers: headersOf(req), body: json });
      if (path === QUALITY_PATH) return handleQuality(req, res, json, new URLSearchParams(search));
      return handleApi(req, res, path, json);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, { message: `Test server failure: ${String(error)}`, type: 'server_error' });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(start.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    port,
    ...control,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function buildAnswer(request: ChatRequest, reply: ServerReply | undefined, counter: number): Answer {
  const scripted = reply?.content !== undefined || reply?.json !== undefined || reply?.toolCalls !== undefined;
  const base = scripted
    ? {
        content: reply?.content ?? (reply?.json !== undefined ? JSON.stringify(reply.json) : null),
        toolCalls: (reply?.toolCalls ?? []).map((call, i) => ({
          id: call.id ?? `call_test_${counter}_${i}`,
          name: call.name,
          arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
        })),
        finishReason: reply?.toolCalls?.length ? 'tool_calls' : 'stop',
      }
    : scriptedReply(request);
  const usage = estimateUsage(request, base);
  return {
    ...base,
    finishReason: reply?.finishReason ?? base.finishReason,
    usage: reply?.noUsage
      ? null
      : { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens },
  };
}
