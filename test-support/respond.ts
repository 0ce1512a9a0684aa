/**
 * Writes chat completion answers as the OpenAI API does: a JSON body, or server-sent events
 * (role chunk, content fragments, tool-call deltas by index, finish chunk, usage chunk,
 * `data: [DONE]`), with the faults a scripted reply asks for.
 */
import type { ServerResponse } from 'node:http';
import { splitIntoChunks } from '../src/engine/llm/scriptedText';
import type { ServerReply } from './types';

export interface Answer {
  content: string | null;
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: string;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

export interface AnswerContext {
  id: string;
  model: string;
  created: number;
  includeUsage: boolean;
  reply: ServerReply | undefined;
  /** True once the client has gone away. */
  closed: () => boolean;
}

/** Waits `ms`, or less when the client goes away first (so slow replies never outlive their test). */
export function sleep(ms: number, res?: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res?.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res?.once('close', done);
  });
}

const MALFORMED_CHUNK = '{"id": "chatcmpl-broken", "choices": [ {not json';

function splitText(text: string, pieces: number): string[] {
  if (!text) return [];
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The SSE data events of an answer, in order, without the final [DONE]. */
export function streamEvents(answer: Answer, ctx: AnswerContext): unknown[] {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id: ctx.id,
    object: 'chat.completion.chunk',
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(ctx.includeUsage ? { usage: null } : {}),
  });
  const events: unknown[] = [chunk({ role: 'assistant', content: answer.content === null ? null : '', refusal: null })];
  for (const piece of splitIntoChunks(answer.content ?? '', 6)) events.push(chunk({ content: piece }));
  answer.toolCalls.forEach((call, index) => {
    events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of splitText(call.arguments, 3)) events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  events.push(chunk({}, answer.finishReason));
  if (ctx.includeUsage && answer.usage) {
    events.push({ id: ctx.id, object: 'chat.completion.chunk', created: ctx.created, model: ctx.model, system_fingerprint: null, choices: [], usage: answer.usage });
  }
  return events;
}

export async function sendStream(res: ServerResponse, answer: Answer, ctx: AnswerContext): Promise<void> {
  const reply = ctx.reply;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...reply?.headers,
  });
  const events = streamEvents(answer, ctx);
  const limit = reply?.truncateAfterChunks ?? Infinity;
  for (const [index, event] of events.entries()) {
    if (ctx.closed()) return;
    if (index >= limit) {
      if (reply?.dropConnection) res.socket?.destroy();
      else res.end();
      return;
    }
    if (index > 0 && reply?.chunkDelayMs) await sleep(reply.chunkDelayMs, res);
    if (ctx.closed()) return;
    // Wait until the event is flushed, so a drop after it really happens mid-stream.
    await new Promise<void>((resolve) => res.write(`data: ${JSON.stringify(event)}\n\n`, () => resolve()));
    if (index === 0 && reply?.malformed) {
      res.end(`data: ${MALFORMED_CHUNK}\n\n`);
      return;
    }
    if (index === 0 && reply?.streamError) {
      res.end(`data: ${JSON.stringify({ error: { type: 'server_error', code: null, ...reply.streamError } })}\n\n`);
      return;
    }
  }
  if (!ctx.closed()) res.end('data: [DONE]\n\n');
}

export function completionBody(answer: Answer, ctx: AnswerContext): unknown {
  return {
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: answer.content,
          refusal: null,
          ...(answer.toolCalls.length
            ? { tool_calls: answer.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }
            : {}),
        },
        logprobs: null,
        finish_reason: answer.finishReason,
      },
    ],
    ...(answer.usage ? { usage: answer.usage } : {}),
  };
}

export function sendJson(res: ServerResponse, answer: Answer, ctx: AnswerContext): void {
  const reply = ctx.reply;
  const headers = { 'content-type': 'application/json', ...reply?.headers };
  if (reply?.malformed) {
    res.writeHead(200, headers).end(MALFORMED_CHUNK);
    return;
  }
  const text = JSON.stringify(completionBody(answer, ctx));
  if (reply?.truncateAfterChunks !== undefined) {
    res.writeHead(200, headers).write(text.slice(0, Math.floor(text.length / 2)), () => {
      if (reply.dropConnection) res.socket?.destroy();
      else res.end();
    });
    return;
  }
  res.writeHead(200, headers).end(text);
}

/** Writes an error in OpenAI's format: { error: { message, type, param, code } }. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: { message: string; type?: string; code?: string | null; param?: string | null },
  headers: Record<string, string> = {},
): void {
  const body = { error: { message: error.message, type: error.type ?? defaultType(status), param: error.param ?? null, code: error.code ?? null } };
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function defaultType(status: number): string {
  if (status === 401 || status === 403) return 'invalid_request_error';
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * Answers a plain JSON endpoint (not chat) from a scripted reply: `content` as the raw body,
 * else `json`, else `fallback`; with the reply's status (default 200) and headers; `malformed`
 * cuts the body in half so it is not valid JSON.
 */
export function sendReplyBody(res: ServerResponse, reply: ServerReply | undefined, fallback: unknown): void {
  const raw = reply?.content !== undefined;
  let text = raw ? (reply?.content ?? '') : JSON.stringify(reply?.json !== undefined ? reply.json : fallback);
  if (reply?.malformed) text = text.slice(0, Math.max(1, text.length >> 1));
  const type = raw ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(reply?.status ?? 200, { 'content-type': type, ...reply?.headers }).end(text);
}
