/**
 * What a review gate sends down its `rejected` port: the output a person rejected and their
 * feedback. Wired back (as a revise loop) into a step's `feedback` input, it tells an agent what
 * to change; the agent's prompt renders it as words rather than JSON.
 */
import { renderValue } from '../util/template';

export interface ReviewRejection {
  /** The output the reviewer rejected. */
  output: unknown;
  /** The reviewer's reason: what is wrong and what to change. */
  feedback: string;
  /** Who rejected it. */
  reviewer: string;
}

export function isReviewRejection(value: unknown): value is ReviewRejection {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.feedback === 'string' && typeof v.reviewer === 'string' && 'output' in v && Object.keys(v).length === 3;
}

/** The rejection in words, for a prompt. */
export function rejectionText(rejection: ReviewRejection): string {
  const previous = renderValue(rejection.output).trim();
  return `A reviewer (${rejection.reviewer}) rejected it: ${rejection.feedback}${previous ? `\n\nYour previous answer was:\n${previous}` : ''}`;
}
