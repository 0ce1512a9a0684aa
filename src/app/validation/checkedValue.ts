/**
 * The value a verdict checked, found in its step's record: what the validator sent down its
 * `fail` port (a ValidationFailure's value), else the input or output that the verdict's spans
 * point into. Used to show a run's flagged text with its claims marked.
 */
import type { StepRecord } from '../../engine/run/types';
import { isValidationFailure, type Verdict } from '../../engine/validation';
import { matchingSpans } from './highlight';

export function checkedValue(records: readonly StepRecord[], verdict: Verdict): unknown {
  const record = records.find((r) => r.nodeId === verdict.nodeId && r.visit === verdict.visit);
  if (!record) return undefined;
  const outputs = Object.values(record.outputs ?? {});
  const failed = outputs.filter(isValidationFailure).map((failure) => failure.value);
  const candidates = [...failed, ...outputs.filter((value) => !isValidationFailure(value)), ...Object.values(record.inputs)];
  const spans = verdict.findings.filter((f) => f.span);
  let best: unknown = undefined;
  let most = 0;
  for (const candidate of candidates) {
    const matched = matchingSpans(candidate, spans);
    if (matched > most) {
      best = candidate;
      most = matched;
    }
  }
  return most > 0 ? best : (failed[0] ?? candidates[0]);
}
