/**
 * What a node kind is: its config schema, its ports (which may depend on its config) and how it
 * runs. One file per kind in this folder; `registry.ts` knows them all and stays open for more.
 */
import type { z } from 'zod';
import type { FlowSettings } from '../flow/schema';
import type { ChatRequest, ChatResponse } from '../llm/types';
import type { HttpRequest, HttpResponse, SandboxRequest, SandboxResult } from '../run/ports';
import type { ReviewDecision } from '../run/types';
import type { ErrorInfo } from '../util/errors';
import type { Verdict, VerdictReport } from '../validation/verdict';
import type { PiiCounts } from '../pii/placeholders';

export type NodeCategory = 'deterministic' | 'agent' | 'human';

export interface PortSpec {
  name: string;
  label?: string;
  /** A required input must be connected; compile reports it otherwise. Ignored for outputs. */
  required: boolean;
  description?: string;
}

/** A chat request from a step: the model and provider default to the flow's settings. */
export type StepChatRequest = Omit<ChatRequest, 'model'> & { model?: string; providerId?: string };

export interface LlmCallRecord {
  providerId: string;
  model: string;
  /** The request exactly as sent: with PII masking on, the masked one. */
  request: ChatRequest;
  /** The reply as the provider sent it (with masking on, placeholders and all; the step got it re-identified). */
  response: Pick<ChatResponse, 'content' | 'toolCalls' | 'finishReason'> | null;
  /** With PII masking on: how many different values of each type the request masked and redacted (counts only). */
  pii?: PiiCounts;
  inputTokens: number;
  outputTokens: number;
  /** US dollars; null when the model's price is unknown (local models, the demo model). */
  costUsd: number | null;
  latencyMs: number;
  ttftMs: number | null;
  startedAt: number;
  error?: ErrorInfo;
}

export interface ToolCallRecord {
  /** The tool's name as the model saw it. */
  name: string;
  type: 'http' | 'code';
  arguments: unknown;
  result?: unknown;
  error?: ErrorInfo;
  latencyMs: number;
  /** When the call started (epoch ms); absent on records from before it was kept. */
  startedAt?: number;
  iteration: number;
}

export interface StepContext<C> {
  readonly config: C;
  /** Values of the active input ports, by port name. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly node: { readonly id: string; readonly kind: string; readonly label: string };
  readonly flow: { readonly id: string; readonly settings: FlowSettings };
  readonly run: { readonly id: string; readonly stepIndex: number; readonly attempt: number; readonly visit: number };
  /** The run's inputs, by Input field name (flat across all Input nodes). */
  readonly runInputs: Readonly<Record<string, unknown>>;
  readonly signal: AbortSignal;
  /** Calls a chat model. The call is recorded on the step (tokens, cost, latency) and its text streams as deltas. */
  chat(request: StepChatRequest): Promise<ChatResponse>;
  /** Makes an HTTP request through the app's HTTP port, with this step's cancellation. */
  http(request: Omit<HttpRequest, 'signal'>): Promise<HttpResponse>;
  /** Runs JavaScript in the sandbox (no page, network, storage or keys), with this step's cancellation. */
  runCode(request: Omit<SandboxRequest, 'signal'>): Promise<SandboxResult>;
  /** Adds a line to the step's log. */
  log(message: string): void;
  recordToolCall(record: ToolCallRecord): void;
  /**
   * Records a validation result on the step. The context fills in the validator (the step's
   * label), its version, the attempt, the latency and the tokens and cost of the model calls made
   * since the previous verdict; returns the stored verdict.
   */
  recordVerdict(report: VerdictReport): Verdict;
}

export interface StepResult {
  /**
   * Values of the output ports this run made active. A port missing here was not taken (a
   * router's other branches, a schema check's `invalid` when the value passed): steps fed only
   * by it are skipped. Values must be JSON-compatible.
   */
  outputs: Record<string, unknown>;
}

/**
 * For human steps (Review gate): how the executor asks the review policy, pauses the run for a
 * person, and turns the decision into the step's outputs.
 */
export interface ReviewHooks<C> {
  /** The input port whose source step is the subject: the step whose output is reviewed. */
  subjectPort: string;
  /** The value under review, the reviewer's instructions and the rules the review policy evaluates. */
  subject(config: C, inputs: Readonly<Record<string, unknown>>): { output: unknown; instructions: string; rules: unknown[] };
  /**
   * The step's outputs for an output nobody needed to see (`decision` null) or for a person's
   * decision. Throws a TrellisError when the decision fails the step (a rejection that fails the run).
   */
  outcome(config: C, review: { output: unknown; decision: ReviewDecision | null; label: string }): StepResult;
}

export interface NodeKindDef<S extends z.ZodType = z.ZodType> {
  kind: string;
  /** Version of the kind's behaviour; bump when run() changes what it produces. */
  version: number;
  category: NodeCategory;
  title: string;
  description: string;
  configSchema: S;
  defaultConfig(): z.output<S>;
  inputs(config: z.output<S>): PortSpec[];
  outputs(config: z.output<S>): PortSpec[];
  /**
   * True when running the step again would cost money or time, or repeat an effect outside the
   * engine (model calls, HTTP requests, user code). Before such a step starts, the executor waits
   * until every earlier checkpoint is durable, so a completed costly step is never run twice.
   */
  costly: boolean;
  /**
   * When the step runs relative to its inputs (see GuardMode in compile/types.ts). Default
   * 'all-active': skipped when any input is inactive. Merge uses 'merge-all' / 'merge-first'.
   */
  guard?(config: z.output<S>): 'all-active' | 'merge-all' | 'merge-first';
  /** For Input nodes: the run input names this node reads (must be unique across the flow). */
  runInputNames?(config: z.output<S>): string[];
  /** For Output nodes: the name under which the step's `value` input becomes a run output. */
  runOutputName?(config: z.output<S>): string;
  /**
   * The input ports whose value this kind passes on unchanged (a validator's checked value, a
   * merge's inputs): a review gate after it reviews the step that produced the value.
   */
  passesThrough?(config: z.output<S>): string[];
  /** For human steps: see ReviewHooks. The executor runs such a step through them, not run(). */
  review?: ReviewHooks<z.output<S>>;
  run(ctx: StepContext<z.output<S>>): Promise<StepResult>;
}

/** Identity helper that keeps the config type of a kind definition. */
export function defineNodeKind<S extends z.ZodType>(def: NodeKindDef<S>): NodeKindDef<S> {
  return def;
}
