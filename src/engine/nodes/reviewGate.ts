/**
 * Review gate (Human): asks the run's review policy whether a person must see the output on its
 * input. If so the run pauses with a review item until someone decides; if not, the output goes
 * on as approved and the step records why nobody saw it. Approved (or edited) outputs leave by
 * `approved`; a rejection either leaves by `rejected` with the reviewer's feedback (wire it back to
 * the step before as a revise loop) or fails the run, as the analyst chooses.
 * The executor drives it through its `review` hooks (see run/gate.ts).
 */
import { z } from 'zod';
import { reviewRulesSchema } from '../trust/rules';
import { TrellisError } from '../util/errors';
import type { ReviewRejection } from './rejection';
import { isValidationFailure } from '../validation/failure';
import { defineNodeKind, type PortSpec, type ReviewHooks } from './types';

export const APPROVED_PORT = 'approved';
export const REJECTED_PORT = 'rejected';

export const reviewGateConfigSchema = z.strictObject({
  instructions: z
    .string({ error: 'must be text' })
    .max(10_000, 'must be at most 10,000 characters')
    .default('Check that the output is correct and ready to use. Approve it, correct it and approve, or reject it saying what to change.'),
  onReject: z.enum(['branch', 'fail'], { error: 'must be "branch" or "fail"' }).default('branch'),
  /**
   * Rules on the output's fields that force review whatever the step's tier (e.g. `priority equals
   * "urgent"`, `score lt 0.6`). Validated here, so a broken rule is a problem on the node, not a
   * surprise at run time; the review policy evaluates them.
   */
  rules: reviewRulesSchema.default([]),
});

export type ReviewGateConfig = z.output<typeof reviewGateConfigSchema>;

function gateOutputs(config: ReviewGateConfig): PortSpec[] {
  const ports: PortSpec[] = [{ name: APPROVED_PORT, label: 'Approved', required: false, description: 'The output once approved, or as the reviewer edited it.' }];
  if (config.onReject === 'branch') {
    ports.push({
      name: REJECTED_PORT,
      label: 'Rejected',
      required: false,
      description: "The rejected output with the reviewer's feedback. Loop it back to the step before (its feedback input) to have it revised.",
    });
  }
  return ports;
}

/** How the executor drives a gate: what is under review, and the outputs for each decision. */
export const reviewGateHooks: ReviewHooks<ReviewGateConfig> = {
  subjectPort: 'in',
  // A value that left a revise loop by `exhausted` arrives as the validator's failure: the person
  // reviews the value itself (the verdicts on the card say what failed).
  subject: (config, inputs) => ({
    output: isValidationFailure(inputs.in) ? inputs.in.value : inputs.in,
    instructions: config.instructions,
    rules: config.rules,
  }),
  outcome(config, { output, decision, label }) {
    if (!decision || decision.action === 'approve') return { outputs: { [APPROVED_PORT]: output } };
    if (decision.action === 'edit') return { outputs: { [APPROVED_PORT]: decision.editedOutput } };
    const feedback = decision.reason ?? '';
    if (config.onReject === 'fail') {
      throw new TrellisError('rejected', `Review gate "${label}": ${decision.by} rejected the output${feedback ? `: ${feedback}` : '.'}`, {
        details: { reviewer: decision.by, reason: feedback },
      });
    }
    const rejection: ReviewRejection = { output, feedback, reviewer: decision.by };
    return { outputs: { [REJECTED_PORT]: rejection } };
  },
};

export const reviewGateNode = defineNodeKind({
  kind: 'review_gate',
  version: 1,
  category: 'human',
  title: 'Review gate',
  description: 'A person approves, edits or rejects the output before it goes on; the review policy decides which outputs need one.',
  configSchema: reviewGateConfigSchema,
  defaultConfig: (): ReviewGateConfig => reviewGateConfigSchema.parse({}),
  inputs: () => [{ name: 'in', label: 'Output to review', required: true, description: 'The output a person reviews, usually an agent step’s.' }],
  outputs: gateOutputs,
  costly: false,
  review: reviewGateHooks,
  /** Outside the executor's review path (tests, previews) the gate lets its input through as approved. */
  async run(ctx) {
    return { outputs: { [APPROVED_PORT]: isValidationFailure(ctx.inputs.in) ? ctx.inputs.in.value : ctx.inputs.in } };
  },
});
