/** Types of the OpenAI-compatible test server and its control API. */
import type { ReceivedTraces } from './otlpReceiver';

/** One scripted answer (or fault) for the next matching request. */
export interface ServerReply {
  /** Used only by a request that matches; the first matching queued reply wins. */
  match?: {
    /** Some message content of the request contains this text. */
    contains?: string;
    /** The request asks for exactly this model. */
    model?: string;
    /** The request path, e.g. '/v1/models', '/quality/score' or '/v1/traces' (default: '/v1/chat/completions'). */
    path?: string;
  };
  /**
   * Answer text. Without content, json or toolCalls the scripted responder answers.
   * On /quality/score: the raw response body (text/plain), e.g. an HTML error page.
   */
  content?: string;
  /** Serialized as the answer text. On /quality/score: the response body itself, e.g. { score: 0.4 }. */
  json?: unknown;
  /** Tool calls; `arguments` may be an object (serialized) or the raw JSON text. */
  toolCalls?: { name: string; arguments: unknown; id?: string }[];
  /** Default: 'tool_calls' with tool calls, else 'stop'. */
  finishReason?: string;
  /** Answer with this HTTP status and an OpenAI error body (on /quality/score: with `json` or `content` when given). */
  status?: number;
  error?: { message: string; type?: string; code?: string | null; param?: string | null };
  /** Extra response headers, e.g. { 'retry-after': '2' }. */
  headers?: Record<string, string>;
  /** Wait before responding. */
  delayMs?: number;
  /** Wait between streamed chunks. */
  chunkDelayMs?: number;
  /** Send this many SSE events, then end the stream without finish_reason or [DONE]. */
  truncateAfterChunks?: number;
  /** Send a chunk (streaming) or body (JSON) that is not valid JSON. */
  malformed?: boolean;
  /** Destroy the connection: before responding, or after `truncateAfterChunks` events when set. */
  dropConnection?: boolean;
  /** Leave the usage out of the answer (as some compatible servers do). */
  noUsage?: boolean;
  /** Send an OpenAI error object inside the stream after the first chunk. */
  streamError?: { message: string; type?: string; code?: string | null };
}

export interface ServerOptions {
  /** When set, requests must send `Authorization: Bearer <apiKey>`. */
  apiKey?: string | undefined;
  /** Known models; any other model gets 404 model_not_found. */
  models: string[];
  /** false: send no CORS headers (a browser then refuses the response, as with a CORS-less endpoint). */
  cors: boolean;
}

export interface StartOptions {
  /** 0 or absent: a free port. */
  port?: number;
  apiKey?: string;
  models?: string[];
  cors?: boolean;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** Every request header, names in lower case. */
  headers: Record<string, string>;
  /** The parsed JSON body, the raw text when it is not JSON, or null without a body. */
  body: unknown;
}

export interface TestServer {
  /** Base URL for the SDK, e.g. http://127.0.0.1:4010/v1 */
  url: string;
  /** The server's origin, e.g. http://127.0.0.1:4010 */
  origin: string;
  port: number;
  /** Queues replies (FIFO). */
  script(replies: ServerReply | ServerReply[]): void;
  /** Clears the queue and the log and restores the start options. */
  reset(): void;
  /** Requests received so far (control requests and trace exports excluded). */
  requests(): LoggedRequest[];
  /** Trace batches received on POST /v1/traces (the OTLP/HTTP JSON receiver), decoded and checked. */
  traces(): ReceivedTraces[];
  setOptions(options: Partial<ServerOptions>): void;
  close(): Promise<void>;
}

export const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'trellis-demo'];
