/**
 * The HTTP port over fetch: a timeout combined with the caller's cancellation, a cap on the
 * response body, and failures turned into errors that say what happened (timeout, network or
 * CORS refusal, cancellation). Error messages name the host, never the full URL: a query string
 * may carry a token.
 */
import { TrellisError } from '../util/errors';
import type { HttpPort, HttpRequest, HttpResponse } from './ports';

export interface FetchHttpOptions {
  /** Largest response body read, in bytes (default 10 MB). */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export function createFetchHttpPort(fetchImpl: FetchLike = globalThis.fetch, options: FetchHttpOptions = {}): HttpPort {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async function fetchHttp(request: HttpRequest): Promise<HttpResponse> {
    const host = hostOf(request.url);
    if (request.signal?.aborted) throw cancelled(host);
    if (typeof fetchImpl !== 'function') throw new TrellisError('network', 'HTTP requests are not available here: no fetch implementation');
    const timeout = AbortSignal.timeout(Math.max(1, request.timeoutMs));
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const whyAborted = (error: unknown): TrellisError => {
      if (request.signal?.aborted) return cancelled(host);
      if (timeout.aborted) {
        return new TrellisError('timeout', `No complete response from ${host} within ${request.timeoutMs} ms`, { retryable: true, cause: error });
      }
      return networkError(host, request.url, error);
    };

    let response: Response;
    try {
      response = await fetchImpl.call(globalThis, request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal,
        redirect: 'follow',
      });
    } catch (error) {
      throw whyAborted(error);
    }

    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      void response.body?.cancel().catch(() => undefined);
      throw tooLarge(host, maxBodyBytes);
    }
    let body: string;
    try {
      body = await readBody(response, maxBodyBytes, host);
    } catch (error) {
      if (error instanceof TrellisError) throw error;
      throw whyAborted(error);
    }
    return { status: response.status, headers, body };
  };
}

async function readBody(response: Response, maxBodyBytes: number, host: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(host, maxBodyBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url.slice(0, 100);
  } catch {
    return url.slice(0, 100);
  }
}

function cancelled(host: string): TrellisError {
  return new TrellisError('cancelled', `The request to ${host} was cancelled`);
}

function tooLarge(host: string, maxBodyBytes: number): TrellisError {
  const mb = Math.round((maxBodyBytes / (1024 * 1024)) * 10) / 10;
  return new TrellisError('malformed', `The response from ${host} is larger than the ${mb} MB limit`, { details: { limitBytes: maxBodyBytes } });
}

function networkError(host: string, url: string, error: unknown): TrellisError {
  const raw = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  const cause = raw.split(url).join(host);
  return new TrellisError(
    'network',
    `Could not reach ${host} (${cause}). The server may be down or the address wrong; in a browser, the server may also not allow cross-origin requests from this page (CORS).`,
    { retryable: true, cause: error },
  );
}
