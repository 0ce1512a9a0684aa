/**
 * The words an agent node sends to the model: the system message from role, goal and backstory,
 * the user message from the rendered instructions (and a reviewer's feedback), and the feedback
 * after a reply that broke the output schema.
 */
import type { ChatMessage } from '../../llm/types';
import type { JsonSchema } from '../../util/json';
import { renderTemplate, renderValue, templateVariables } from '../../util/template';
import { isReviewRejection, rejectionText } from '../rejection';
import { isValidationFailure, validationFailureText } from '../../validation/failure';
import type { AgentConfig } from './config';

export const FEEDBACK_PORT = 'feedback';

export function buildAgentSystemPrompt(config: Pick<AgentConfig, 'role' | 'goal' | 'backstory' | 'outputSchema' | 'tools'>): string {
  const parts = [`You are ${config.role.trim()}.`];
  if (config.backstory.trim()) parts.push(config.backstory.trim());
  parts.push(`Your goal: ${config.goal.trim()}`);
  if (config.tools.length > 0) {
    parts.push(
      'You can call the tools you are given to look things up or take actions. Call a tool only when it helps; ' +
        'when you have what you need, reply with your final answer instead of calling another tool.',
    );
  }
  if (config.outputSchema) parts.push(schemaInstruction(config.outputSchema));
  return parts.join('\n\n');
}

export function schemaInstruction(schema: JsonSchema): string {
  return `Reply with JSON only: a single JSON value that matches this JSON Schema, with no other text and no code fences.\n${JSON.stringify(schema, null, 2)}`;
}

/** The feedback value as text (a review gate's rejection in words), or null when there is none worth sending. */
export function feedbackText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = (isReviewRejection(value) ? rejectionText(value) : isValidationFailure(value) ? validationFailureText(value) : renderValue(value)).trim();
  return text ? text : null;
}

export function buildAgentUserMessage(instructions: string, inputs: Readonly<Record<string, unknown>>): string {
  let message = renderTemplate(instructions, inputs);
  const feedback = feedbackText(inputs[FEEDBACK_PORT]);
  // When the instructions place {{feedback}} themselves, it is already where the author wants it.
  if (feedback !== null && !templateVariables(instructions).includes(FEEDBACK_PORT)) {
    message += `\n\nFeedback on your previous attempt (revise your answer to address it):\n${feedback}`;
  }
  return message;
}

export function buildAgentMessages(config: AgentConfig, inputs: Readonly<Record<string, unknown>>): ChatMessage[] {
  return [
    { role: 'system', content: buildAgentSystemPrompt(config) },
    { role: 'user', content: buildAgentUserMessage(config.instructions, inputs) },
  ];
}

export function schemaFeedback(errors: readonly string[]): string {
  return `Your reply did not match the required schema: ${errors.join('; ')}. Reply again with JSON only.`;
}

export const EMPTY_REPLY_FEEDBACK = 'Your reply was empty. Reply with your final answer.';

export const LAST_TURN_NOTE =
  'This is your last turn: do not call any more tools. Reply now with your final answer, using what the tools returned so far.';

/** A structured-output name derived from the node's label: [a-zA-Z0-9_-]{1,64}. */
export function responseFormatName(label: string): string {
  const name = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return name || 'output';
}
