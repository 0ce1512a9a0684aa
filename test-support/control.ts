/**
 * A small client for the test server's HTTP control API, for tests that run in another process
 * than the server (Playwright specs against `npm run test-server`).
 */
import type { ReceivedTraces } from './otlpReceiver';
import type { LoggedRequest, ServerOptions, ServerReply } from './types';

export interface ControlClient {
  script(replies: ServerReply | ServerReply[]): Promise<void>;
  reset(): Promise<void>;
  /** `apiKey: null` removes the key requirement. */
  setOptions(options: Partial<Omit<ServerOptions, 'apiKey'>> & { apiKey?: string | null }): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  /** Trace batches the OTLP receiver (POST /v1/traces) got, decoded, with any problems found. */
  traces(): Promise<ReceivedTraces[]>;
  health(): Promise<boolean>;
}

/** @param serverUrl the server's origin or its /v1 base URL, e.g. http://127.0.0.1:4010/v1 */
export function createControlClient(serverUrl: string): ControlClient {
  const origin = new URL(serverUrl).origin;
  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${origin}/__control/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Test server control ${method} /__control/${path} failed: HTTP ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  }
  return {
    script: async (replies) => void (await call('POST', 'script', replies)),
    reset: async () => void (await call('POST', 'reset', {})),
    setOptions: async (options) => void (await call('POST', 'options', options)),
    requests: async () => (await call('GET', 'requests')) as LoggedRequest[],
    traces: async () => (await call('GET', 'traces')) as ReceivedTraces[],
    health: async () => {
      try {
        await call('GET', 'health');
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The default address of the standalone test server (`npm run test-server`). */
export const DEFAULT_TEST_SERVER_URL = `http://127.0.0.1:${process.env.TEST_SERVER_PORT ?? '4010'}/v1`;
