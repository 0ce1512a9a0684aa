/** Building step records and run totals. */
import type { PlanStep } from '../compile/types';
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
