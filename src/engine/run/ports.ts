/**
 * Ports through which steps reach the outside world. The engine defines them; the app and the
 * tests supply implementations (fetch, the QuickJS sandbox, providers from settings).
 */
import type { ChatProvider } from '../llm/types';

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
