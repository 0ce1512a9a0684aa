/**
 * Decides whether a ready step runs or is skipped, and with which inputs (DESIGN.md, "Plan":
 * a step is skipped when its inputs come from skipped steps or branches not taken; Merge decides
 * all vs first).
 */
import type { PlanStep } from '../compile/types';
import type { RunState } from './types';

/** What a finished step left behind: the values of its active output ports, or that it was skipped. */
export type Outcome = { skipped: true } | { skipped: false; outputs: Record<string, unknown> };

export type GuardDecision = { run: true; inputs: Record<string, unknown> } | { run: false; reason: string };

export function decide(step: PlanStep, steps: readonly PlanStep[], outcomes: readonly (Outcome | null)[], state: RunState): GuardDecision {
  const inputs: Record<string, unknown> = {};
  let firstInactive: string | null = null;
  let active = 0;
  for (const binding of step.inputs) {
    const outcome = outcomes[binding.sourceStep];
    const source = steps[binding.sourceStep] as PlanStep;
    if (!outcome || outcome.skipped) {
      firstInactive ??= `input "${binding.port}" comes from "${source.label}", which was skipped`;
      continue;
    }
    if (!(binding.sourcePort in outcome.outputs)) {
      firstInactive ??= `input "${binding.port}" comes from output "${binding.sourcePort}" of "${source.label}", which was not taken`;
      continue;
    }
    active++;
    if (step.guard === 'merge-first' && active > 1) continue;
    inputs[binding.port] = outcome.outputs[binding.sourcePort];
  }
  if (step.guard === 'all-active' && firstInactive !== null) return { run: false, reason: `Skipped: ${firstInactive}.` };
  if (step.guard !== 'all-active' && step.inputs.length > 0 && active === 0) return { run: false, reason: 'Skipped: none of its inputs is active.' };
  for (const binding of step.loopInputs) {
    const loop = state.loops[binding.edgeId];
    if (loop && loop.iterations > 0) inputs[binding.port] = loop.value;
  }
  return { run: true, inputs };
}
