/** Verdicts for tests and screenshots: a judge pass unless told otherwise. */
import type { Verdict } from '../../engine/validation';

export function makeVerdict(partial: Partial<Verdict> = {}): Verdict {
  const attempt = partial.attempt ?? (partial.visit ?? 0) + 1;
  return {
    layer: 'judge',
    validator: 'Judge',
    version: 'judge@1#00000000',
    nodeId: 'judge',
    kind: 'judge',
    stepIndex: 2,
    visit: attempt - 1,
    attempt,
    status: 'pass',
    score: 8,
    threshold: 7,
    label: null,
    explanation: '',
    findings: [],
    latencyMs: 1200,
    inputTokens: 300,
    outputTokens: 40,
    costUsd: 0.00012,
    at: attempt * 1000 + (partial.stepIndex ?? 2),
    ...partial,
  };
}

/** The text a grounding check flagged, with the claim's span. */
export function groundingFail(text: string, claim: string, attempt = 1, path = ''): Verdict {
  const start = text.indexOf(claim);
  return makeVerdict({
    layer: 'grounding',
    validator: 'Facts',
    nodeId: 'facts',
    kind: 'grounding_check',
    stepIndex: 3,
    attempt,
    status: 'fail',
    score: 0.5,
    threshold: 1,
    label: '1 unsupported claim',
    explanation: 'One claim is not supported by the sources.',
    findings: [
      { message: claim, severity: 'fail', reason: 'not in the sources', span: { path, start, end: start + claim.length, text: claim }, source: 'model' },
      { message: 'The refund policy', severity: 'info', reason: 'supported by source 1' },
    ],
  });
}
