/**
 * Message content in the shapes of the OpenTelemetry GenAI semantic conventions (the input and
 * output messages JSON schemas of open-telemetry/semantic-conventions-genai, docs/gen-ai/
 * gen-ai-input-messages.json and gen-ai-output-messages.json): messages with `role` and `parts`
 * (`text`, `tool_call` with parsed arguments, `tool_call_response`), outputs with `finish_reason`.
 * Recorded on spans as JSON strings (the conventions allow it; most OTLP backends read them so).
 *
 * Used only when the person opted in to exporting content.
 */
import type { LlmCallRecord } from '../nodes/types';
import type { ChatMessage, ToolCall } from '../llm/types';

type Part =
  | { type: 'text'; content: string }
  | { type: 'tool_call'; id: string; name: string; arguments: unknown }
  | { type: 'tool_call_response'; id: string; response: unknown };

/** JSON text parsed when it is JSON (tool arguments, tool results), else kept as the text. */
export function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const toolCallPart = (call: ToolCall): Part => ({ type: 'tool_call', id: call.id, name: call.name, arguments: parsedOrText(call.arguments) });

function parts(message: ChatMessage): Part[] {
  if (message.role === 'tool') return [{ type: 'tool_call_response', id: message.toolCallId, response: parsedOrText(message.content) }];
  const out: Part[] = message.content ? [{ type: 'text', content: message.content }] : [];
  if (message.role === 'assistant') out.push(...(message.toolCalls ?? []).map(toolCallPart));
  return out;
}

/** `gen_ai.input.messages`: every message sent, in order (system messages included: they are part of the chat history). */
export function inputMessagesJson(call: LlmCallRecord): string {
  return JSON.stringify(call.request.messages.map((message) => ({ role: message.role, parts: parts(message) })));
}

/** `gen_ai.output.messages`: the one choice the model returned, or undefined when the call failed. */
export function outputMessagesJson(call: LlmCallRecord): string | undefined {
  const response = call.response;
  if (!response) return undefined;
  const out: Part[] = response.content ? [{ type: 'text', content: response.content }] : [];
  out.push(...response.toolCalls.map(toolCallPart));
  return JSON.stringify([{ role: 'assistant', parts: out, finish_reason: response.finishReason }]);
}

/** A value (tool arguments or result) as the JSON text of a content attribute. */
export function jsonText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
