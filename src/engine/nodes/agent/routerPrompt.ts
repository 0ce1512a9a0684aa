/**
 * The LLM router's words to the model and its reading of the answer: the system prompt listing
 * the branches, the structured-output schema, and the check that an answer names a branch.
 */
import type { JsonSchema } from '../../util/json';
import { isPlainObject } from '../../util/json';
import { parseJsonReply } from './jsonSchema';

export interface Branch {
  name: string;
  description: string;
}

export function buildRouterSystemPrompt(branches: readonly Branch[]): string {
  const list = branches.map((branch) => `- ${branch.name}${branch.description.trim() ? `: ${branch.description.trim()}` : ''}`).join('\n');
  return [
    'You route an item in a workflow to exactly one branch. Read the input and choose the branch that fits it best.',
    `Branches:\n${list}`,
    `Reply with JSON only: {"branch": "<exactly one of: ${branches.map((branch) => branch.name).join(', ')}>", "reason": "<one or two sentences on why>"}`,
  ].join('\n\n');
}

export function decisionSchema(branches: readonly Branch[]): JsonSchema {
  return {
    type: 'object',
    properties: {
      branch: { type: 'string', enum: branches.map((branch) => branch.name), description: 'The chosen branch.' },
      reason: { type: 'string', description: 'Why this branch fits, in one or two sentences.' },
    },
    required: ['branch', 'reason'],
    additionalProperties: false,
  };
}

export type RouterAnswer =
  | { ok: true; branch: string; reason: string }
  | { ok: false; /** What the model answered and why it names no branch, for people and for the model. */ problem: string };

function quote(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}...` : flat);
}

/** Reads an answer. The branch must be one of the names; a difference only in case or spaces is forgiven when unambiguous. */
export function readRouterAnswer(content: string | null, branches: readonly Branch[]): RouterAnswer {
  if (content === null || !content.trim()) return { ok: false, problem: 'an empty reply' };
  const parsed = parseJsonReply(content);
  if (!parsed.ok) return { ok: false, problem: `${quote(content)}, which is not JSON` };
  const value = parsed.value;
  if (!isPlainObject(value) || typeof value.branch !== 'string') {
    return { ok: false, problem: `${quote(content)}, which has no "branch" text` };
  }
  const answered = value.branch;
  const exact = branches.find((branch) => branch.name === answered);
  const loose = branches.filter((branch) => branch.name.toLowerCase() === answered.trim().toLowerCase());
  const match = exact ?? (loose.length === 1 ? loose[0] : undefined);
  if (!match) return { ok: false, problem: `the branch ${quote(answered)}, which is not one of the branches` };
  return { ok: true, branch: match.name, reason: typeof value.reason === 'string' ? value.reason : '' };
}

export function routerFeedback(problem: string, branches: readonly Branch[]): string {
  const names = branches.map((branch) => branch.name).join(', ');
  return `Your answer named no valid branch: you answered ${problem}. Reply again with JSON only, {"branch": ..., "reason": ...}, where branch is exactly one of: ${names}.`;
}
