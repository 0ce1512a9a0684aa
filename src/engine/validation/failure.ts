/**
 * What a validator sends down its `fail` port: the value that failed, the verdict in brief, and
 * feedback addressed to whoever revises it. Wired back through a revise loop into an agent's
 * `feedback` input, the agent's prompt renders it as words (what failed, then its previous answer).
 */
import { renderValue } from '../util/template';
import type { Verdict, VerdictLayer } from './verdict';

export interface ValidationFailure {
  /** The value that failed the check. */
  value: unknown;
  failure: {
    layer: VerdictLayer;
    validator: string;
    status: 'fail' | 'error';
    score: number | null;
    threshold: number | null;
    explanation: string;
    /** The failing findings, as lines. */
    findings: string[];
  };
  /** What to change, addressed to the author of the value. */
  feedback: string;
}

export function validationFailure(value: unknown, verdict: Verdict, feedback: string): ValidationFailure {
  return {
    value,
    failure: {
      layer: verdict.layer,
      validator: verdict.validator,
      status: verdict.status === 'error' ? 'error' : 'fail',
      score: verdict.score,
      threshold: verdict.threshold,
      explanation: verdict.explanation,
      findings: verdict.findings.filter((f) => f.severity === 'fail').map((f) => (f.reason ? `${f.message} (${f.reason})` : f.message)),
    },
    feedback,
  };
}

export function isValidationFailure(value: unknown): value is ValidationFailure {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const failure = v.failure as Record<string, unknown> | null | undefined;
  return 'value' in v && typeof v.feedback === 'string' && typeof failure === 'object' && failure !== null && typeof failure.layer === 'string';
}

/** The failure in words, for a prompt. */
export function validationFailureText(failure: ValidationFailure): string {
  const previous = renderValue(failure.value).trim();
  return `A check (${failure.failure.validator}) failed it: ${failure.feedback}${previous ? `\n\nYour previous answer was:\n${previous}` : ''}`;
}
