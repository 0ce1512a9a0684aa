/**
 * The OpenAI chat completions wire format as the test server reads it: request bodies back into
 * the engine's ChatRequest (so the scripted responder can answer them), and the texts a reply
 * matcher looks at.
 */
import type { ChatMessage, ChatRequest, ToolDef } from '../src/engine/llm/types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Message content as text: a string, or the text parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

function toMessage(raw: unknown): ChatMessage | undefined {
  if (!isObject(raw)) return undefined;
  const text = contentText(raw.content);
  switch (raw.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: text };
    case 'user':
      return { role: 'user', content: text };
    case 'tool':
      return { role: 'tool', toolCallId: typeof raw.tool_call_id === 'string' ? raw.tool_call_id : '', content: text };
    case 'assistant': {
      const calls = Array.isArray(raw.tool_calls) ? raw.tool_calls.filter(isObject) : [];
      const toolCalls = calls.map((call) => {
        const fn = isObject(call.function) ? call.function : {};
        return {
          id: typeof call.id === 'string' ? call.id : '',
          name: typeof fn.name === 'string' ? fn.name : '',
          arguments: typeof fn.arguments === 'string' ? fn.arguments : '',
        };
      });
      return { role: 'assistant', content: raw.content === null ? null : text, ...(toolCalls.length ? { toolCalls } : {}) };
    }
    default:
      return undefined;
  }
}

/** Reads a chat completions body into a ChatRequest; returns an error text when it is not one. */
export function toChatRequest(body: unknown): { request: ChatRequest } | { error: string; param: string } {
  if (!isObject(body)) return { error: 'The request body must be a JSON object.', param: 'body' };
  if (typeof body.model !== 'string' || body.model === '') return { error: "'model' is required.", param: 'model' };
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { error: "'messages' must be a non-empty array.", param: 'messages' };
  }
  const messages = body.messages.map(toMessage);
  const bad = messages.findIndex((m) => m === undefined);
  if (bad >= 0) return { error: `Invalid message at messages[${bad}].`, param: `messages[${bad}]` };
  const request: ChatRequest = { model: body.model, messages: messages as ChatMessage[] };
  if (typeof body.temperature === 'number') request.temperature = body.temperature;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number') request.maxTokens = maxTokens;
  if (Array.isArray(body.tools)) {
    const tools: ToolDef[] = [];
    for (const tool of body.tools) {
      const fn = isObject(tool) && isObject(tool.function) ? tool.function : undefined;
      if (!fn || typeof fn.name !== 'string') return { error: 'Each tool needs a function with a name.', param: 'tools' };
      tools.push({
        name: fn.name,
        description: typeof fn.description === 'string' ? fn.description : '',
        parameters: isObject(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
      });
    }
    if (tools.length) request.tools = tools;
  }
  const format = isObject(body.response_format) ? body.response_format : undefined;
  if (format?.type === 'json_schema') {
    const spec = isObject(format.json_schema) ? format.json_schema : undefined;
    if (!spec || typeof spec.name !== 'string' || !isObject(spec.schema)) {
      return { error: "response_format.json_schema needs a 'name' and a 'schema'.", param: 'response_format' };
    }
    request.responseFormat = { name: spec.name, schema: spec.schema, ...(typeof spec.strict === 'boolean' ? { strict: spec.strict } : {}) };
  }
  return { request };
}

/** All message text of a request body, for `match.contains`. */
export function bodyText(body: unknown): string {
  if (!isObject(body) || !Array.isArray(body.messages)) return '';
  return body.messages.map((m) => (isObject(m) ? contentText(m.content) : '')).join('\n');
}
