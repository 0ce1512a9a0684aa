/**
 * Token counts. `estimateTokens` is a cheap synchronous estimate (about four characters a token
 * for English text) used when a provider reports no usage; `countTokens` is exact for OpenAI
 * models and loads the tokenizer (a large module) only when first called, so it stays out of the
 * app's entry bundle.
 */
import type { ChatRequest } from './types';

/** A cheap, synchronous estimate: ceil(characters / 4). Empty text is 0 tokens. */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  return Math.ceil(text.length / 4);
}

/** Every piece of text a request sends: messages, tool definitions and the output schema. */
export function requestText(request: ChatRequest): string {
  const parts: string[] = [];
  for (const message of request.messages) {
    if (message.content) parts.push(message.content);
    if (message.role === 'assistant' && message.toolCalls) {
      for (const call of message.toolCalls) parts.push(call.name, call.arguments);
    }
  }
  for (const tool of request.tools ?? []) parts.push(tool.name, tool.description, JSON.stringify(tool.parameters));
  if (request.responseFormat) parts.push(JSON.stringify(request.responseFormat.schema));
  return parts.join('\n');
}

/** Estimated usage of a request and its answer, for providers that report none. */
export function estimateUsage(
  request: ChatRequest,
  answer: { content: string | null; toolCalls: { name: string; arguments: string }[] },
): { inputTokens: number; outputTokens: number } {
  // A few tokens of framing per message, as chat formats add role markers.
  const inputTokens = estimateTokens(requestText(request)) + 4 * request.messages.length;
  const outputText = [answer.content ?? '', ...answer.toolCalls.map((call) => call.name + call.arguments)].join('');
  return { inputTokens, outputTokens: estimateTokens(outputText) };
}

/** Models that use the older cl100k_base encoding; everything newer uses o200k_base. */
const CL100K_MODELS = /^(gpt-4(?![o.\d])|gpt-4-|gpt-3\.5|text-embedding-(ada|3))/;

/** The exact token count of `text` for an OpenAI model (o200k_base unless the model is older). */
export async function countTokens(text: string, model?: string): Promise<number> {
  if (!text) return 0;
  const options = { allowedSpecial: 'all' as const };
  if (model && CL100K_MODELS.test(model)) {
    const { countTokens: count } = await import('gpt-tokenizer/encoding/cl100k_base');
    return count(text, options);
  }
  const { countTokens: count } = await import('gpt-tokenizer/encoding/o200k_base');
  return count(text, options);
}
