/**
 * A grounding check's outcome in words: the verdict (score, label, explanation, one finding per
 * claim or pre-check term, each with its span) and the feedback sent to the author on failure.
 */
import type { PrecheckFinding } from '../../validation/precheck';
import type { TextSpan, VerdictFinding, VerdictReport } from '../../validation/verdict';
import type { GroundingClaim } from './groundingPrompt';

export interface LocatedClaim extends GroundingClaim {
  /** Where the claim's quote sits in the checked value; null when it could not be found. */
  span: TextSpan | null;
}

export interface GroundingOutcome {
  precheck: readonly PrecheckFinding[];
  /** Pre-check findings fail the value (config failOnPrecheck). */
  failOnPrecheck: boolean;
  /** The model's claims; null when the model was not asked. */
  claims: readonly LocatedClaim[] | null;
  threshold: number;
}

export interface GroundingResult {
  passed: boolean;
  report: VerdictReport;
  /** For the author, when the value failed. */
  feedback: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function quotedList(terms: readonly string[], max = 5): string {
  const unique = [...new Set(terms)];
  const shown = unique.slice(0, max).map((term) => `"${term}"`).join(', ');
  return unique.length > max ? `${shown} and ${unique.length - max} more` : shown;
}

function precheckNoun(findings: readonly PrecheckFinding[]): string {
  const numbers = findings.filter((f) => f.kind === 'number').length;
  if (numbers === findings.length) return numbers === 1 ? 'number' : 'numbers';
  if (numbers === 0) return findings.length === 1 ? 'name' : 'names';
  return 'names/numbers';
}

function claimFinding(claim: LocatedClaim): VerdictFinding {
  return {
    message: claim.claim,
    severity: claim.supported ? 'info' : 'fail',
    ...(claim.reason ? { reason: claim.reason } : {}),
    ...(claim.span ? { span: claim.span } : {}),
    source: 'model',
  };
}

function precheckFinding(finding: PrecheckFinding, failing: boolean): VerdictFinding {
  return {
    message: `${finding.kind === 'number' ? 'Number' : 'Name'} "${finding.term}" appears nowhere in the sources`,
    severity: failing ? 'fail' : 'info',
    span: finding.span,
    source: 'precheck',
  };
}

function claimsLabel(claims: readonly LocatedClaim[], unsupported: number): string {
  if (claims.length === 0) return 'no claims to check';
  return unsupported > 0 ? `${unsupported} unsupported claim${unsupported === 1 ? '' : 's'} of ${claims.length}` : `all ${plural(claims.length, 'claim')} supported`;
}

function claimsExplanation(claims: readonly LocatedClaim[], unsupported: readonly LocatedClaim[], fraction: number, threshold: number): string {
  if (claims.length === 0) return 'The model found no factual claims to check.';
  const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;
  const supported = claims.length - unsupported.length;
  const head = `${supported} of ${plural(claims.length, 'claim')} supported by the sources (${percent(fraction)}; ${percent(threshold)} needed).`;
  return unsupported.length > 0 ? `${head} Unsupported: ${unsupported.slice(0, 3).map((c) => c.claim).join('; ')}${unsupported.length > 3 ? '; ...' : ''}.` : head;
}

function feedbackFor(unsupported: readonly LocatedClaim[], terms: readonly PrecheckFinding[]): string {
  const lines: string[] = [];
  if (unsupported.length > 0) {
    lines.push('These statements are not supported by the sources:');
    for (const claim of unsupported) lines.push(`- "${claim.span?.text ?? claim.quote}": ${claim.claim}${claim.reason ? ` (${claim.reason})` : ''}`);
  }
  const unique = new Set(terms.map((t) => t.term)).size;
  if (unique > 0) lines.push(`${unique === 1 ? 'This' : 'These'} ${precheckNoun(terms)} ${unique === 1 ? 'appears' : 'appear'} nowhere in the sources: ${quotedList(terms.map((t) => t.term), 20)}.`);
  lines.push('Remove them, or state only what the sources support.');
  return lines.join('\n');
}

export function groundingResult(outcome: GroundingOutcome): GroundingResult {
  const { precheck, claims, threshold } = outcome;
  const precheckFails = outcome.failOnPrecheck && precheck.length > 0;
  const unsupported = claims?.filter((c) => !c.supported) ?? [];
  const fraction = claims === null ? null : claims.length === 0 ? 1 : (claims.length - unsupported.length) / claims.length;
  const passed = !precheckFails && (fraction === null || fraction >= threshold - 1e-9);

  const labels: string[] = [];
  const explanations: string[] = [];
  if (claims !== null && fraction !== null) {
    labels.push(claimsLabel(claims, unsupported.length));
    explanations.push(claimsExplanation(claims, unsupported, fraction, threshold));
  }
  if (precheck.length > 0) {
    const noun = precheckNoun(precheck);
    labels.push(`${precheck.length} unsupported ${noun} (pre-check)`);
    const terms = quotedList(precheck.map((f) => f.term));
    if (claims === null) explanations.push(`The output has ${noun} that appear nowhere in the sources or the allow list: ${terms}.${precheckFails ? ' The model was not asked.' : ''}`);
    else explanations.push(`The pre-check found ${noun} that appear nowhere in the sources: ${terms}${precheckFails ? '' : ' (not failing: failOnPrecheck is off)'}.`);
  } else if (claims === null) {
    labels.push('no unsupported names or numbers (pre-check)');
    explanations.push('Every number and name in the output appears in the sources or the allow list.');
  }

  const report: VerdictReport = {
    layer: 'grounding',
    status: passed ? 'pass' : 'fail',
    score: fraction,
    threshold,
    label: labels.join('; '),
    explanation: explanations.join(' '),
    findings: [
      ...unsupported.map(claimFinding),
      ...precheck.map((f) => precheckFinding(f, precheckFails)),
      ...(claims ?? []).filter((c) => c.supported).map(claimFinding),
    ],
  };
  return { passed, report, feedback: passed ? '' : feedbackFor(unsupported, precheckFails ? precheck : []) };
}
