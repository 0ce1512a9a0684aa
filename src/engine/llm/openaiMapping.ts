/**
 * Translation between the engine's provider port and the OpenAI chat completions wire format:
 * request building, and accumulation of streamed chunks (content fragments, tool-call deltas by
 * index, finish reason, usage) into one answer.
 */
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ChatMessage, ChatRequest, ToolCall } from './types';

export function toOpenAIMessages(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((message): ChatCompletionMessageParam => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        return { role: 'user', content: message.content };
      case 'tool':
        return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
      case 'assistant': {
        const calls = message.toolCalls ?? [];
        if (calls.length === 0) return { role: 'assistant', content: message.content ?? '' };
        return {
          role: 'assistant',
          content: message.content,
          tool_calls: calls.map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
          })),
        };
      }
    }
  });
}

export function toOpenAITools(request: ChatRequest): ChatCompletionTool[] | undefined {
  if (!request.tools || request.tools.length === 0) return undefined;
  return request.tools.map((tool) => ({
    type: 'function' as const,
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
}

/**
 * The streaming request body. `maxTokensField`: OpenAI's current models take
 * `max_completion_tokens` (reasoning models reject `max_tokens`); OpenAI-compatible servers such as
 * Ollama and vLLM know `max_tokens`.
 */
export function buildRequestBody(
  request: ChatRequest,
  maxTokensField: 'max_tokens' | 'max_completion_tokens',
): ChatCompletionCreateParamsStreaming {
  const body: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: toOpenAIMessages(request.messages),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body[maxTokensField] = request.maxTokens;
  const tools = toOpenAITools(request);
  if (tools) body.tools = tools;
  if (request.responseFormat) {
    const { name, schema, strict } = request.responseFormat;
    body.response_format = {
      type: 'json_schema',
      json_schema: { name, schema, ...(strict !== undefined ? { strict } : {}) },
    };
  }
  return body;
}

interface PartialToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** Collects streamed chunks into one answer. */
export class StreamAccumulator {
  content = '';
  sawContent = false;
  refusal = '';
  finishReason: string | null = null;
  usage: { inputTokens: number; outputTokens: number } | null = null;
  model: string | null = null;
  private readonly calls = new Map<number, PartialToolCall>();

  /** Adds a chunk; returns the text fragment it carried (for onDelta) and whether it carried any token. */
  add(chunk: ChatCompletionChunk): { text: string; token: boolean } {
    if (chunk.model) this.model = chunk.model;
    if (chunk.usage) {
      this.usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
    }
    let text = '';
    let token = false;
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== undefined && choice.index !== 0) continue;
      const delta = choice.delta;
      if (delta?.content) {
        this.content += delta.content;
        this.sawContent = true;
        text += delta.content;
        token = true;
      }
      if (delta?.refusal) {
        this.refusal += delta.refusal;
        token = true;
      }
      for (const call of delta?.tool_calls ?? []) {
        const index = call.index ?? 0;
        const current = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
        if (call.id) current.id = call.id;
        if (call.function?.name && !current.name) current.name = call.function.name;
        if (call.function?.arguments) current.arguments += call.function.arguments;
        this.calls.set(index, current);
        token = true;
      }
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
    }
    return { text, token };
  }

  toolCalls(): ToolCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({ id: call.id || `call_${index}`, name: call.name, arguments: call.arguments }));
  }
}
