/**
 * The provider port: how the engine talks to a chat model. One adapter wraps the official
 * `openai` SDK (OpenAI and any OpenAI-compatible endpoint); the scripted demo responder
 * implements the same port offline.
 */
import type { JsonSchema } from '../util/json';

export interface ToolCall {
  id: string;
  name: string;
  /** The raw JSON text of the arguments, exactly as the model produced it. */
  arguments: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ToolDef {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
}

export interface ResponseFormat {
  /** A name for the schema, [a-zA-Z0-9_-]{1,64}. */
  name: string;
  schema: JsonSchema;
  strict?: boolean;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Structured output: sent as `response_format: { type: 'json_schema' }`. */
  responseFormat?: ResponseFormat;
  tools?: ToolDef[];
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResponse {
  content: string | null;
  toolCalls: ToolCall[];
  /** 'stop' | 'length' | 'tool_calls' | 'content_filter' | ... as reported by the provider. */
  finishReason: string;
  usage: ChatUsage;
  /** The model that answered, as reported by the provider. */
  model: string;
  latencyMs: number;
  /** Time to the first streamed token; null when nothing streamed. */
  ttftMs: number | null;
}

export interface ChatOptions {
  signal?: AbortSignal;
  /** Called with each streamed text fragment. */
  onDelta?: (text: string) => void;
}

export interface ChatProvider {
  readonly id: string;
  readonly label: string;
  /** True for the offline demo responder: it is not a real model and the UI says so. */
  readonly scripted: boolean;
  /** The provider id in the price tables (e.g. 'openai'); undefined when prices are unknown (local endpoints). */
  readonly pricingProvider?: string;
  chat(request: ChatRequest, options?: ChatOptions): Promise<ChatResponse>;
  listModels(signal?: AbortSignal): Promise<string[]>;
}

/** A provider as configured in settings. The API key is never part of it: keys live in the secrets store. */
export interface ProviderConfig {
  id: string;
  kind: 'scripted' | 'openai' | 'openai-compatible';
  label: string;
  /** Required for openai-compatible; optional override for openai. */
  baseURL?: string;
  defaultModel: string;
  /** Request timeout in milliseconds. */
  timeoutMs?: number;
}
