/**
 * Asking a model for JSON that matches a schema, for validator nodes (judge, grounding check):
 * the reply is parsed and validated; a reply that breaks the schema is sent back with the errors,
 * at most `maxReplies` times in all. Running out is an answer ('error'), not a hang, and never a pass.
 */
import type { ChatMessage } from '../../llm/types';
import type { JsonSchema } from '../../util/json';
import { compileSchema, isStrictCompatible, parseJsonReply } from '../agent/jsonSchema';
import { responseFormatName, schemaFeedback, schemaInstruction } from '../agent/prompt';
import type { StepContext } from '../types';

export interface AskJsonRequest {
  system: string;
  user: string;
  schema: JsonSchema;
  /** Names the response format (from the step's label). */
  name: string;
  maxReplies: number;
  providerId?: string | undefined;
  model?: string | undefined;
  temperature?: number | undefined;
}

export type AskJsonResult = { ok: true; value: unknown; replies: number } | { ok: false; errors: string[]; replies: number };

export async function askForJson(ctx: StepContext<unknown>, request: AskJsonRequest): Promise<AskJsonResult> {
  const validate = await compileSchema(request.schema, `"${ctx.node.label}": its reply schema`);
  const messages: ChatMessage[] = [
    { role: 'system', content: `${request.system}\n\n${schemaInstruction(request.schema)}` },
    { role: 'user', content: request.user },
  ];
  let errors: string[] = [];
  for (let reply = 1; reply <= request.maxReplies; reply++) {
    const response = await ctx.chat({
      ...(request.providerId !== undefined ? { providerId: request.providerId } : {}),
      ...(request.model !== undefined ? { model: request.model } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      messages: [...messages],
      responseFormat: { name: responseFormatName(request.name), schema: request.schema, strict: isStrictCompatible(request.schema) },
    });
    const text = response.content ?? '';
    const parsed = parseJsonReply(text);
    errors = parsed.ok ? validate(parsed.value).errors : [parsed.error];
    if (parsed.ok && errors.length === 0) return { ok: true, value: parsed.value, replies: reply };
    ctx.log(`Reply ${reply} did not match the expected JSON: ${errors.join('; ')}`);
    messages.push({ role: 'assistant', content: text }, { role: 'user', content: schemaFeedback(errors) });
  }
  return { ok: false, errors, replies: request.maxReplies };
}
