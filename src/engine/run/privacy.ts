/**
 * PII in a run: the policy and detector a run needs before it starts, and the privacy layer, the
 * leak re-scan of agent steps (pii/leak.ts).
 *
 * After an agent-category step (agent, LLM router, judge, grounding check) succeeds with the
 * policy on, its outputs are scanned. Personal data not in the step's inputs fails the layer: a
 * 'privacy' verdict with one finding per value (its type in words and its span; the explanation
 * never quotes a value), which forces review at the gates that follow (forcedByVerdicts). To keep
 * the layers quiet, a pass is recorded only when something was checked (the output holds personal
 * data, all from the input) or when the step's previous visit was flagged (so a revised output
 * clears the flag); an output with no personal data records nothing.
 */
import type { PlanStep } from '../compile/types';
import type { FlowDoc } from '../flow/schema';
import type { PiiDetector } from '../pii/detect';
import { scanForLeaks } from '../pii/leak';
import { resolvePiiPolicy, type PiiPolicy } from '../pii/policy';
import type { PiiType } from '../pii/types';
import { listWords, piiTypeWords } from '../pii/words';
import type { PiiSession } from '../pii/session';
import { TrellisError } from '../util/errors';
import { isFailing, makeVerdict, type Verdict, type VerdictFinding } from '../validation/verdict';
import { validatorVersion } from './context';
import type { StepRecord } from './types';

export const PRIVACY_CHECK_VERSION = 1;

/** The flow's policy and a detector, or null when masking is off. Throws a 'config' error for a policy that cannot be used. */
export async function preparePii(flow: FlowDoc): Promise<{ policy: PiiPolicy; detector: PiiDetector } | null> {
  const policy = flow.settings.pii;
  if (!policy) return null;
  try {
    resolvePiiPolicy(policy);
  } catch (error) {
    throw new TrellisError('config', `${error instanceof Error ? error.message : String(error)}. Fix them in the flow settings under PII.`);
  }
  // The detectors load when the first run with masking starts, not with the app.
  const { createPiiDetector } = await import('../pii/detect');
  return { policy, detector: await createPiiDetector() };
}

function typeList(counts: Map<PiiType, number>): string {
  return listWords([...counts].map(([type, count]) => piiTypeWords(type, count)));
}

export interface PrivacyCheck {
  step: PlanStep;
  record: StepRecord;
  outputs: Record<string, unknown>;
  session: PiiSession;
  /** The run's verdicts so far (was this step flagged on an earlier visit?). */
  verdicts: readonly Verdict[];
  now: () => number;
}

/** The privacy verdict of an agent step's outputs, or null when there is nothing to say (see the module comment). */
export function privacyVerdict(check: PrivacyCheck): Verdict | null {
  const { step, record, session } = check;
  const startedAt = check.now();
  const validator = `${step.label}: personal data`;
  const scan = scanForLeaks(check.outputs, record.inputs, (text, key) => session.detect(text, key));
  const flaggedBefore = check.verdicts.some((v) => v.nodeId === step.nodeId && v.validator === validator && isFailing(v));
  if (scan.found.size === 0 && !flaggedBefore) return null;
  const leaked = new Map<PiiType, number>();
  for (const leak of scan.leaks) leaked.set(leak.type, (leaked.get(leak.type) ?? 0) + 1);
  const failed = scan.leaks.length > 0;
  const findings: VerdictFinding[] = scan.leaks.map((leak) => ({
    message: `${piiTypeWords(leak.type)} not in the step's input`,
    severity: 'fail',
    span: { path: leak.path, start: leak.start, end: leak.end, text: leak.text },
    source: 'pii re-scan',
  }));
  const total = scan.leaks.length;
  const explanation = failed
    ? `The output holds ${typeList(leaked)} that ${total === 1 ? 'is' : 'are'} not in the step's input: the model may have made ${total === 1 ? 'it' : 'them'} up or brought ${total === 1 ? 'it' : 'them'} from elsewhere. A person should check the output before it is used.`
    : scan.found.size > 0
      ? `The personal data in the output (${typeList(scan.found)}) all comes from the step's input.`
      : 'The output holds no personal data of the kinds the flow masks.';
  const at = check.now();
  return makeVerdict(
    {
      layer: 'privacy',
      status: failed ? 'fail' : 'pass',
      label: failed ? `${typeList(leaked)} not in the input` : 'no new personal data',
      explanation,
      findings,
    },
    {
      validator,
      version: validatorVersion('pii_rescan', PRIVACY_CHECK_VERSION, session.policy.policy),
      nodeId: step.nodeId,
      kind: step.kind,
      stepIndex: step.index,
      visit: record.visit,
      latencyMs: Math.max(0, at - startedAt),
      at,
    },
  );
}
