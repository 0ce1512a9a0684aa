/**
 * Run and step records, the store port the executor checkpoints through, and the event stream.
 */
import type { FlowDoc } from '../flow/schema';
import type { LlmCallRecord, NodeCategory, ToolCallRecord } from '../nodes/types';
import type { ErrorInfo } from '../util/errors';
import type { ReviewReason } from '../trust/policy';
import type { Verdict } from '../validation/verdict';
import type { PiiCounts } from '../pii/placeholders';
import type { PiiVaultEntry } from '../pii/vault';

/** 'paused': nothing more can run until a person decides on a review item (a review gate). */
export type RunStatus = 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
/** 'waiting_review': a review gate persisted a review item and waits for its decision. */
export type StepStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'waiting_review';

/**
 * Why an output was (or was not) put in front of a person: one definition, the trust engine's
 * (trust/policy.ts: full, forced by rules, sampled or skipped with rate, draw and seed). The
 * review policy returns it; it is kept on the step record and the review item.
 */
export type { ReviewReason } from '../trust/policy';

export type ReviewAction = 'approve' | 'reject' | 'edit';

/** A person's decision on a review item. Exactly one is ever stored per item. */
export interface ReviewDecision {
  action: ReviewAction;
  /** With 'edit': the output that flows on instead. */
  editedOutput?: unknown;
  /** With 'reject' (required): why, addressed to whoever revises the output. */
  reason?: string;
  /** The reviewer's name. */
  by: string;
  at: number;
}

export interface ReviewComment {
  by: string;
  at: number;
  text: string;
}

/** An output waiting for (or given) a person's decision, created when a review gate pauses a run. */
export interface ReviewItem {
  /** `${runId}:${stepIndex}:${visit}` of the gate step: one item per gate visit. */
  id: string;
  runId: string;
  flowId: string;
  flowName: string;
  flowVersion: string;
  /** The gate's step. */
  stepIndex: number;
  visit: number;
  gateNodeId: string;
  gateLabel: string;
  /** The step whose output is reviewed (the one feeding the gate). */
  subjectNodeId?: string;
  subjectLabel?: string;
  subjectKind?: string;
  /** The subject step's inputs (what led to the output), or the gate's inputs without a subject. */
  input: unknown;
  /** The value under review. */
  output: unknown;
  instructions: string;
  reason: ReviewReason;
  /**
   * The trust record the output belongs to and the configuration fingerprint of the step that
   * produced it (from the review policy's verdict), so a decision counts as evidence for that
   * configuration even if the step has changed since. Absent without a trust policy.
   */
  trustKey?: string;
  fingerprint?: string;
  /**
   * 'withdrawn': its run ended (cancelled, or failed elsewhere) while it waited; it leaves the
   * queue, and comes back as pending if the run is resumed and reaches the gate again.
   */
  status: 'pending' | 'decided' | 'withdrawn';
  /** When its run ended while it waited (status 'withdrawn'). */
  withdrawnAt?: number;
  createdAt: number;
  decision?: ReviewDecision;
  comments: ReviewComment[];
  /**
   * The run's validation results when the item was created, every attempt (absent when the run
   * had none): the review card shows the layers and which one caught the output.
   */
  verdicts?: Verdict[];
}

/** What a review gate's step record keeps about the review, so every unseen output records why. */
export interface StepReview {
  reviewed: boolean;
  reason: ReviewReason;
  /** As on the review item: whose trust the output counts for, and at which configuration. */
  trustKey?: string;
  fingerprint?: string;
  /** The review item, when a person was asked. */
  itemId?: string;
  /** The decision, once applied to the step. */
  decision?: ReviewDecision;
}

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
  /** How many times the run was resumed: after an interruption, or to go on after a review decision. */
  resumes: number;
  /** Set when the run is one row of a dataset run (the batch's id). */
  batchId?: string;
  /** While paused: the review gates it waits at, and their review items. */
  waitingFor?: WaitingGate[];
  state: RunState;
  totals: RunTotals;
  /**
   * The run's PII vault when its flow masks personal data: each placeholder and the value it
   * stands for. Kept only here (never on step records, model calls, verdicts, review items or
   * logs), saved before the model call that first used a placeholder, so a resumed run puts values
   * back and numbers on.
   */
  pii?: { entries: PiiVaultEntry[] };
}

export interface WaitingGate {
  stepIndex: number;
  nodeId: string;
  label: string;
  reviewId: string;
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
  /** On review gates: whether a person was asked, why, and what they decided. */
  review?: StepReview;
  attempts: AttemptRecord[];
  startedAt: number;
  finishedAt?: number;
  llmCalls: LlmCallRecord[];
  toolCalls: ToolCallRecord[];
  logs: string[];
  /** Validation results the step recorded (validator steps, an agent's output schema); absent when none. */
  verdicts?: Verdict[];
  /**
   * With PII masking on, for a step that called a model or sent an HTTP request: how many
   * different values of each type it masked and redacted (counts only, never values).
   */
  pii?: PiiCounts;
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
  /**
   * A review item created in the same transaction (a gate pausing). An item whose id is already
   * stored is kept as it is, so a decision is never overwritten.
   */
  review?: ReviewItem;
  /**
   * Apply only if the stored run still has these values; otherwise the checkpoint is refused
   * alone with a 'conflict' TrellisError (not reported by flush: it is an answer, not a lost
   * write). Resuming claims a run this way, so two resumes never both go on.
   */
  expect?: Partial<Pick<RunRecord, 'status' | 'resumes'>>;
}

/**
 * Where the executor keeps runs. Implementations: in memory (tests) and Dexie (the app).
 * Contract: checkpoints are applied atomically and in call order, so while writes succeed a later
 * checkpoint is never durable without every earlier one. `checkpoint` resolves when its writes
 * are durable; `flush` resolves when every checkpoint called so far is, and rejects with the first
 * failure since the previous flush. A failed checkpoint (a full disk) rejects; later ones may still
 * commit, so the executor stops a run at its first failed checkpoint.
 */
export interface RunStore extends ReviewStore {
  saveFlowVersion(version: FlowVersionRecord): Promise<void>;
  loadFlowVersion(hash: string): Promise<FlowVersionRecord | undefined>;
  createRun(run: RunRecord): Promise<void>;
  loadRun(runId: string): Promise<{ run: RunRecord; steps: StepRecord[] } | undefined>;
  checkpoint(checkpoint: Checkpoint): Promise<void>;
  flush(): Promise<void>;
}

/**
 * Review items, kept with the runs. `decideReview` stores exactly one decision per item: deciding
 * an item that is already decided is refused with a ReviewAlreadyDecidedError (who and when),
 * checked and written atomically, also across tabs.
 */
export interface ReviewStore {
  loadReview(id: string): Promise<ReviewItem | undefined>;
  /** A run's review items, by step then visit. */
  loadRunReviews(runId: string): Promise<ReviewItem[]>;
  /** Stores the decision and returns the decided item ('not_found' when there is no such item). */
  decideReview(id: string, decision: ReviewDecision): Promise<ReviewItem>;
  /** Adds a comment (to pending and decided items alike) and returns the item. */
  addReviewComment(id: string, comment: ReviewComment): Promise<ReviewItem>;
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
  | { type: 'review.requested'; runId: string; at: number; record: StepRecord; item: ReviewItem }
  | { type: 'review.decided'; runId: string; at: number; record: StepRecord; item: ReviewItem }
  | { type: 'run.paused'; runId: string; at: number; run: RunRecord }
  | { type: 'run.finished'; runId: string; at: number; run: RunRecord };

export type RunEventListener = (event: RunEvent) => void;
