/**
 * Which visit of a source step a step visit read its inputs from, decided from the plan and the
 * step records alone, as the executor fed them (run/guards.ts reads each source's latest outcome;
 * a revise loop restarts its body):
 * - a source in exactly the same loops as the step: the same visit (every loop iteration that
 *   re-ran the step re-ran the source before it);
 * - any other source (outside the step's loop, or a loop the step waited for): its latest visit
 *   that had finished when the step started;
 * - a loop input (feedback): the loop source's previous turn that sent the value back (visit - 1
 *   in the same loops, else its latest looped visit finished before the step started).
 * Only an active input counts (the port is among the record's inputs) and only a source visit
 * that succeeded with the port taken, so a skipped path or a branch not taken never resolves.
 */
import type { Binding, Plan } from '../compile/types';
import type { StepRecord } from '../run/types';

export class VisitResolver {
  /** Per step index: the loops whose body holds it, as one comparable key. */
  private readonly loopKeys: string[];
  /** Per step index: its records by ascending visit. */
  private readonly byStep = new Map<number, StepRecord[]>();

  constructor(plan: Plan, records: readonly StepRecord[]) {
    const loopsOf: string[][] = plan.steps.map(() => []);
    for (const loop of plan.loops) for (const b of loop.body) loopsOf[b]?.push(loop.id);
    this.loopKeys = loopsOf.map((ids) => ids.sort().join('\n'));
    for (const record of records) {
      const list = this.byStep.get(record.stepIndex) ?? [];
      list.push(record);
      this.byStep.set(record.stepIndex, list);
    }
    for (const list of this.byStep.values()) list.sort((a, b) => a.visit - b.visit);
  }

  /** The step's records by ascending visit. */
  visitsOf(stepIndex: number): readonly StepRecord[] {
    return this.byStep.get(stepIndex) ?? [];
  }

  /** The source visit that fed `record` through an ordinary binding, if the input was active. */
  source(record: StepRecord, binding: Binding): StepRecord | undefined {
    if (!(binding.port in record.inputs)) return undefined;
    const candidates = this.visitsOf(binding.sourceStep).filter((r) => produced(r, binding.sourcePort));
    if (this.sameLoops(record.stepIndex, binding.sourceStep)) return candidates.find((r) => r.visit === record.visit);
    return latestBefore(candidates, record.startedAt);
  }

  /** The loop source's turn whose value came back to `record` through a loop binding, if any did. */
  feedback(record: StepRecord, binding: Binding): StepRecord | undefined {
    if (!(binding.port in record.inputs) || record.visit === 0) return undefined;
    const candidates = this.visitsOf(binding.sourceStep).filter((r) => r.loopOutcome === 'looped' && produced(r, binding.sourcePort));
    if (this.sameLoops(record.stepIndex, binding.sourceStep)) return candidates.find((r) => r.visit === record.visit - 1);
    return latestBefore(candidates, record.startedAt);
  }

  private sameLoops(a: number, b: number): boolean {
    return this.loopKeys[a] === this.loopKeys[b];
  }
}

function produced(record: StepRecord, port: string): boolean {
  return record.status === 'succeeded' && record.outputs !== null && port in record.outputs;
}

/** The latest candidate that had finished by `at`; the latest of all when clocks disagree. */
function latestBefore(candidates: readonly StepRecord[], at: number): StepRecord | undefined {
  for (let i = candidates.length - 1; i >= 0; i--) {
    const candidate = candidates[i] as StepRecord;
    if ((candidate.finishedAt ?? candidate.startedAt) <= at) return candidate;
  }
  return candidates[candidates.length - 1];
}
