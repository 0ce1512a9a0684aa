/**
 * Where each step of a run stands, and which steps become ready as others finish: the executor's
 * bookkeeping, apart from what running a step means. A step waits for its dependencies (the steps
 * its inputs come from, and loop sources it must wait for); a loop iteration resets its body.
 */
import type { PlanStep } from '../compile/types';
import type { Outcome } from './guards';

export const PENDING = 0;
export const QUEUED = 1;
export const RUNNING = 2;
export const DONE = 3;
/** A review gate waiting for a person's decision: neither done nor runnable. */
export const WAITING = 4;

export class StepGraph {
  readonly status: Uint8Array;
  readonly outcomes: (Outcome | null)[];
  private readonly remaining: Int32Array;
  private readonly deps: number[][];
  readonly dependents: number[][];

  constructor(steps: readonly PlanStep[]) {
    const n = steps.length;
    this.status = new Uint8Array(n);
    this.outcomes = new Array<Outcome | null>(n).fill(null);
    this.remaining = new Int32Array(n);
    this.deps = steps.map((step) => {
      const set = new Set<number>();
      for (const b of step.inputs) set.add(b.sourceStep);
      for (const w of step.waitFor) set.add(w);
      return [...set];
    });
    this.dependents = steps.map(() => []);
    this.deps.forEach((list, i) => list.forEach((d) => this.dependents[d]?.push(i)));
  }

  get size(): number {
    return this.status.length;
  }

  markDone(i: number, outcome: Outcome): void {
    this.status[i] = DONE;
    this.outcomes[i] = outcome;
  }

  /** Counts the unfinished dependencies of a step that is not done. */
  recount(i: number): void {
    if (this.status[i] === DONE) return;
    let count = 0;
    for (const d of this.deps[i] as number[]) if (this.status[d] !== DONE) count++;
    this.remaining[i] = count;
  }

  /** Pending, with every dependency done. */
  isReady(i: number): boolean {
    return this.status[i] === PENDING && this.remaining[i] === 0;
  }

  /** Marks a step done; `onReady` gets each pending dependent that has nothing left to wait for. */
  complete(i: number, outcome: Outcome, onReady: (d: number) => void): void {
    this.markDone(i, outcome);
    for (const d of this.dependents[i] as number[]) {
      if (this.status[d] !== PENDING) continue;
      this.remaining[d] = (this.remaining[d] as number) - 1;
      if (this.remaining[d] === 0) onReady(d);
    }
  }

  /** Resets a loop body to pending for its next iteration; `onReady` gets the body steps ready now. */
  restart(body: readonly number[], onReady: (b: number) => void): void {
    for (const b of body) {
      this.status[b] = PENDING;
      this.outcomes[b] = null;
    }
    const affected = new Set<number>(body);
    for (const b of body) for (const d of this.dependents[b] as number[]) affected.add(d);
    for (const a of affected) this.recount(a);
    for (const b of body) if (this.isReady(b)) onReady(b);
  }

  count(status: number): number {
    let n = 0;
    for (const s of this.status) if (s === status) n++;
    return n;
  }
}
