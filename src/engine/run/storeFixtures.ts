/** Small, valid records for RunStore tests (memory and Dexie) and executor tests. */
import { FLOW_FORMAT, FLOW_VERSION } from '../flow/schema';
import type { FlowVersionRecord, ReviewItem, RunRecord, StepRecord } from './types';

export function makeRun(id: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    flowId: 'flow-1',
    flowName: 'Test flow',
    flowVersion: 'hash-1',
    status: 'running',
    inputs: { topic: 'tides' },
    outputs: {},
    createdAt: 1_000,
    startedAt: 1_000,
    resumes: 0,
    state: { visits: {}, loops: {} },
    totals: { inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0 },
    ...overrides,
  };
}

export function makeStep(runId: string, stepIndex: number, visit = 0, overrides: Partial<StepRecord> = {}): StepRecord {
  return {
    id: `${runId}:${stepIndex}:${visit}`,
    runId,
    stepIndex,
    visit,
    nodeId: `node-${stepIndex}`,
    kind: 'template',
    label: `Step ${stepIndex}`,
    category: 'deterministic',
    status: 'succeeded',
    inputs: { value: stepIndex },
    outputs: { text: `output ${stepIndex}.${visit}` },
    attempts: [{ attempt: 1, startedAt: 2_000, finishedAt: 2_001 }],
    startedAt: 2_000,
    finishedAt: 2_001,
    llmCalls: [],
    toolCalls: [],
    logs: [],
    ...overrides,
  };
}

export function makeFlowVersion(hash: string, overrides: Partial<FlowVersionRecord> = {}): FlowVersionRecord {
  return {
    hash,
    flowId: 'flow-1',
    createdAt: 500,
    flow: {
      format: FLOW_FORMAT,
      version: FLOW_VERSION,
      id: 'flow-1',
      name: 'Test flow',
      description: '',
      nodes: [],
      edges: [],
      settings: { concurrency: 2 },
    },
    ...overrides,
  };
}

export function makeReviewItem(runId: string, stepIndex: number, visit = 0, overrides: Partial<ReviewItem> = {}): ReviewItem {
  return {
    id: `${runId}:${stepIndex}:${visit}`,
    runId,
    flowId: 'flow-1',
    flowName: 'Test flow',
    flowVersion: 'hash-1',
    stepIndex,
    visit,
    gateNodeId: `node-${stepIndex}`,
    gateLabel: `Gate ${stepIndex}`,
    subjectNodeId: `node-${stepIndex - 1}`,
    subjectLabel: `Step ${stepIndex - 1}`,
    subjectKind: 'agent',
    input: { topic: 'tides' },
    output: { text: `draft ${stepIndex}.${visit}` },
    instructions: 'Check the draft.',
    reason: { kind: 'full' },
    status: 'pending',
    createdAt: 3_000 + stepIndex * 10 + visit,
    comments: [],
    ...overrides,
  };
}
