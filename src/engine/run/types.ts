/**
 * Run and step records, the store port the executor checkpoints through, and the event stream.
 */
import type { FlowDoc } from '../flow/schema';
import type { LlmCallRecord, NodeCategory, ToolCallRecord } from '../nodes/types';
import type { ErrorInfo } from '../util/errors';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type StepStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

/** Executor progress that is not in the step records. Sparse: only what loops changed. */
export interface RunState {
  /** Current visit of each step that a loop has re-run (absent: visit 0). */
  visits: Record<number, number>;
  /** Per loop id: how many times it has looped back, and the value it carried back last. */
  loops: Record<string, { iterations: number; value: unknown }>;
}

export interface RunTotals {
  inputTokens: number;
  outputTokens: number;
  /** US dollars; calls with unknown prices are not counted. */
  costUsd: number;
  llmCalls: number;
}

export interface RunRecord {
  id: string;
  flowId: string;
  flowName: string;
  /** Content hash of the immutable flow version this run executes. */
  flowVersion: string;
  status: RunStatus;
  inputs: Record<string, unknown>;
  /** Values collected by Output steps, by output name. */
  outputs: Record<string, unknown>;
  error?: ErrorInfo;
  /** Index of the step whose failure ended the run. */
  failedStep?: number;
  createdAt: number;
  startedAt: number;
  finishedAt?: number;
  /** How many times the run was resumed after an interruption. */
  resumes: number;
  /** Set when the run is one row of a dataset run (the batch's id). */
  batchId?: string;
  state: RunState;
  totals: RunTotals;
}

export interface AttemptRecord {
  attempt: number;
  startedAt: number;
  finishedAt: number;
  error?: ErrorInfo;
  /** Delay before the next attempt, when one followed. */
  retryDelayMs?: number;
}

export interface StepRecord {
  /** `${runId}:${stepIndex}:${visit}` */
  id: string;
  runId: string;
  stepIndex: number;
  /** 0 on the first pass; a loop's re-runs count up. */
  visit: number;
  nodeId: string;
  kind: string;
  label: string;
  category: NodeCategory;
  status: StepStatus;
  /** Values of the active input ports. */
  inputs: Record<string, unknown>;
  /** Values of the active output ports (null until succeeded). */
  outputs: Record<string, unknown> | null;
  error?: ErrorInfo;
  /** Why the step was skipped. */
  skipReason?: string;
  /** Set on a loop source: it sent its output back ('looped'), or the loop was out of iterations. */
  loopOutcome?: 'looped' | 'exhausted';
  attempts: AttemptRecord[];
  startedAt: number;
  finishedAt?: number;
  llmCalls: LlmCallRecord[];
  toolCalls: ToolCallRecord[];
  logs: string[];
}

export interface FlowVersionRecord {
  /** SHA-256 of the canonical JSON, hex. */
  hash: string;
  flowId: string;
  flow: FlowDoc;
  createdAt: number;
}

export interface Checkpoint {
  runId: string;
  steps: StepRecord[];
  /** Fields of the run record to update in the same transaction. */
  run?: Partial<Omit<RunRecord, 'id'>>;
}

/**
 * Where the executor keeps runs. Implementations: in memory (tests) and Dexie (the app).
 * Contract: checkpoints are applied atomically and in call order, so while writes succeed a later
 * checkpoint is never durable without every earlier one. `checkpoint` resolves when its writes
 * are durable; `flush` resolves when every checkpoint called so far is, and rejects with the first
 * failure since the previous flush. A failed checkpoint (a full disk) rejects; later ones may still
 * commit, so the executor stops a run at its first failed checkpoint.
 */
export interface RunStore {
  saveFlowVersion(version: FlowVersionRecord): Promise<void>;
  loadFlowVersion(hash: string): Promise<FlowVersionRecord | undefined>;
  createRun(run: RunRecord): Promise<void>;
  loadRun(runId: string): Promise<{ run: RunRecord; steps: StepRecord[] } | undefined>;
  checkpoint(checkpoint: Checkpoint): Promise<void>;
  flush(): Promise<void>;
}

export type RunEvent =
  | { type: 'run.started'; runId: string; at: number; resumed: boolean; flowVersion: string }
  | { type: 'step.started'; runId: string; at: number; stepIndex: number; nodeId: string; visit: number; attempt: number }
  | { type: 'step.delta'; runId: string; at: number; stepIndex: number; nodeId: string; text: string }
  | { type: 'step.retrying'; runId: string; at: number; stepIndex: number; nodeId: string; attempt: number; delayMs: number; error: ErrorInfo }
  | { type: 'step.finished'; runId: string; at: number; record: StepRecord }
  | { type: 'step.failed'; runId: string; at: number; record: StepRecord }
  | { type: 'step.skipped'; runId: string; at: number; record: StepRecord }
  | { type: 'loop.iterated'; runId: string; at: number; loopId: string; iteration: number; maxIterations: number }
  | { type: 'loop.exhausted'; runId: string; at: number; loopId: string; maxIterations: number }
  | { type: 'run.finished'; runId: string; at: number; run: RunRecord };

export type RunEventListener = (event: RunEvent) => void;
