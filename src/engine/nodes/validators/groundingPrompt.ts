/**
 * What a grounding check asks its model: split the output into atomic claims, quote where each
 * comes from, and say whether the sources support it. The reply schema is strict-compatible.
 */
import type { JsonSchema } from '../../util/json';

export interface GroundingClaim {
  claim: string;
  /** The exact words of the output the claim comes from. */
  quote: string;
  supported: boolean;
  reason: string;
}

export const CLAIMS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      description: 'Every atomic factual claim the output makes, in the order they appear.',
      items: {
        type: 'object',
        properties: {
          claim: { type: 'string', description: 'One checkable statement of fact, in a short sentence.' },
          quote: { type: 'string', description: 'The exact words of the output the claim comes from, copied character for character.' },
          supported: { type: 'boolean', description: 'True only when the sources state it or it follows directly from them.' },
          reason: { type: 'string', description: 'Why it is or is not supported, naming what the sources say.' },
        },
        required: ['claim', 'quote', 'supported', 'reason'],
        additionalProperties: false,
      },
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

export function groundingSystemPrompt(allow: readonly string[]): string {
  const lines = [
    'You check whether an output is grounded in its source material.',
    'Split the output into atomic claims: each one checkable statement of fact (a number, a name, a date, an event, an attribute of someone or something). ' +
      'Skip greetings, sign-offs, questions, offers, opinions and calls to action: they assert nothing about the world.',
    'For each claim give the exact words of the output it comes from (copy them character for character, as few as make the claim), ' +
      'whether the sources support it, and why. A claim is supported only when the sources state it or it follows directly from them; ' +
      'a plausible claim the sources do not mention is unsupported.',
  ];
  if (allow.length > 0) lines.push(`These terms need no source (the author's own names and products, for instance): ${allow.join(', ')}.`);
  return lines.join('\n\n');
}

export function groundingUserMessage(sources: string, output: string): string {
  return `Sources:\n<sources>\n${sources}\n</sources>\n\nOutput to check:\n<output>\n${output}\n</output>`;
}

/** The claims of a reply that already matched CLAIMS_SCHEMA. */
export function readClaims(reply: unknown): GroundingClaim[] {
  const claims = (reply as { claims: GroundingClaim[] }).claims;
  return claims.map(({ claim, quote, supported, reason }) => ({ claim, quote, supported, reason }));
}
