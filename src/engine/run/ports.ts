/**
 * Ports through which steps reach the outside world. The engine defines them; the app and the
 * tests supply implementations (fetch, the QuickJS sandbox, providers from settings).
 */
import type { Verdict } from '../validation/verdict';
import type { ChatProvider } from '../llm/types';
import type { ReviewReason } from './types';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type HttpPort = (request: HttpRequest) => Promise<HttpResponse>;

export interface SandboxRequest {
  /** JavaScript source that defines a function named by `entry`. */
  code: string;
  entry: string;
  /** Arguments, passed as JSON. */
  args: unknown[];
  timeoutMs: number;
  memoryBytes: number;
  signal?: AbortSignal;
}

export interface SandboxResult {
  /** The JSON-compatible value the entry function returned. */
  value: unknown;
  /** Lines written with console.log / console.warn / console.error inside the sandbox. */
  logs: string[];
}

export interface CodeSandbox {
  run(request: SandboxRequest): Promise<SandboxResult>;
}

/** Resolves which provider and model a step uses. */
export interface ModelResolver {
  /**
   * @param providerId a provider reference from the node or flow settings (undefined: the default)
   * @param model a model name from the node or flow settings (undefined: the provider's default)
   */
  resolve(providerId: string | undefined, model: string | undefined): { provider: ChatProvider; model: string };
}

/** What a review gate asks its policy about one output. */
export interface ReviewRequest {
  runId: string;
  flowId: string;
  gateNodeId: string;
  /** The step feeding the gate, whose output is under review (undefined: none). */
  subjectNodeId?: string;
  subjectKind?: string;
  /** The subject's resolved config (what its configuration fingerprint is made of). */
  subjectConfig?: unknown;
  output: unknown;
  /** The gate's visit (0 on the first pass; a revise loop counts up). */
  visit: number;
  /** The gate's rules, as configured (the policy evaluates them). */
  rules: unknown[];
  /** The run's validation results so far; a validator whose latest verdict failed forces review. */
  verdicts?: Verdict[];
}

export interface ReviewVerdict {
  review: boolean;
  reason: ReviewReason;
  /** The trust record the output counts for (a trust policy's verdict; see trust/gatePolicy.ts). */
  trustKey?: string;
  /** The configuration fingerprint of the step that produced the output. */
  fingerprint?: string;
}

/**
 * Decides whether a person reviews an output. The trust engine supplies the real one (tiers,
 * seeded sampling, rules); without one every output is reviewed (`{ kind: 'full' }`).
 */
export type ReviewPolicy = (request: ReviewRequest) => Promise<ReviewVerdict>;

export const reviewEverything: ReviewPolicy = () => Promise.resolve({ review: true, reason: { kind: 'full' } });
