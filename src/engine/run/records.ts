/** Building step records and run totals. */
import { EXHAUSTED_PORT } from '../compile/edges';
import type { PlanLoop, PlanStep } from '../compile/types';
import type { LlmCallRecord } from '../nodes/types';
import type { RunState, RunTotals, StepRecord, StepStatus } from './types';

export function stepRecordId(runId: string, stepIndex: number, visit: number): string {
  return `${runId}:${stepIndex}:${visit}`;
}

export function newStepRecord(runId: string, step: PlanStep, visit: number, status: StepStatus, inputs: Record<string, unknown>, at: number): StepRecord {
  return {
    id: stepRecordId(runId, step.index, visit),
    runId,
    stepIndex: step.index,
    visit,
    nodeId: step.nodeId,
    kind: step.kind,
    label: step.label,
    category: step.category,
    status,
    inputs,
    outputs: null,
    attempts: [],
    startedAt: at,
    llmCalls: [],
    toolCalls: [],
    logs: [],
  };
}

export function emptyTotals(): RunTotals {
  return { inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0 };
}

export function addCalls(totals: RunTotals, calls: readonly LlmCallRecord[]): RunTotals {
  const next = { ...totals };
  for (const call of calls) {
    next.inputTokens += call.inputTokens;
    next.outputTokens += call.outputTokens;
    next.costUsd += call.costUsd ?? 0;
    next.llmCalls += 1;
  }
  return next;
}

export function emptyState(): RunState {
  return { visits: {}, loops: {} };
}

/** The run state after `loop` sends `value` back: body visits advance, nested loops start over. */
export function iterateLoop(state: RunState, loop: PlanLoop, loops: readonly PlanLoop[], value: unknown): RunState {
  const visits = { ...state.visits };
  for (const b of loop.body) visits[b] = (visits[b] ?? 0) + 1;
  const body = new Set(loop.body);
  const nextLoops = { ...state.loops };
  for (const other of loops) {
    if (other.id !== loop.id && other.body.every((b) => body.has(b))) delete nextLoops[other.id];
  }
  nextLoops[loop.id] = { iterations: (state.loops[loop.id]?.iterations ?? 0) + 1, value };
  return { visits, loops: nextLoops };
}

/**
 * What a loop source's outputs do: null when the loop's port was not taken; otherwise the value
 * goes back around (looped), or, once the loop has run maxIterations times, leaves by `exhausted`.
 */
export function loopTurn(loop: PlanLoop, state: RunState, produced: Record<string, unknown>): { looped: boolean; outputs: Record<string, unknown> } | null {
  if (!(loop.sourcePort in produced)) return null;
  if ((state.loops[loop.id]?.iterations ?? 0) < loop.maxIterations) return { looped: true, outputs: produced };
  const { [loop.sourcePort]: value, ...rest } = produced;
  return { looped: false, outputs: { ...rest, [EXHAUSTED_PORT]: value } };
}
