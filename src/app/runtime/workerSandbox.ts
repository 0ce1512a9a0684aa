/**
 * A CodeSandbox that runs each job in a Web Worker hosting QuickJS. The worker enforces the
 * time and memory limits itself; the page adds a hard stop: a job that has not answered shortly
 * after its time limit, or whose step is cancelled, has its worker terminated.
 */
import type { CodeSandbox, SandboxRequest, SandboxResult } from '../../engine/run/ports';
import { TrellisError, type ErrorInfo } from '../../engine/util/errors';
import type { SandboxJob } from './sandboxWorker';

type Reply = { id: number; ok: true; value: unknown; logs: string[] } | { id: number; ok: false; error: ErrorInfo };

/** Time a worker gets past the job's limit to report the timeout itself before it is terminated. */
const HARD_STOP_GRACE_MS = 1500;
const MAX_IDLE_WORKERS = 2;

export function createWorkerSandbox(makeWorker: () => Worker = defaultWorker): CodeSandbox & { dispose(): void } {
  const idle: Worker[] = [];
  let nextId = 1;

  const acquire = () => idle.pop() ?? makeWorker();
  const release = (worker: Worker) => {
    if (idle.length < MAX_IDLE_WORKERS) idle.push(worker);
    else worker.terminate();
  };

  return {
    run(request: SandboxRequest): Promise<SandboxResult> {
      const { signal, ...job } = request;
      if (signal?.aborted) return Promise.reject(new TrellisError('cancelled', 'The code step was cancelled.'));
      const worker = acquire();
      const id = nextId++;
      return new Promise<SandboxResult>((resolve, reject) => {
        let settled = false;
        const finish = (keepWorker: boolean) => {
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          worker.removeEventListener('message', onMessage);
          worker.removeEventListener('error', onError);
          if (keepWorker) release(worker);
          else worker.terminate();
        };
        const onMessage = (event: MessageEvent<Reply>) => {
          if (event.data.id !== id || settled) return;
          finish(true);
          const reply = event.data;
          if (reply.ok) resolve({ value: reply.value, logs: reply.logs });
          else reject(new TrellisError(reply.error.code, reply.error.message, { retryable: reply.error.retryable, details: reply.error.details }));
        };
        const onError = (event: ErrorEvent) => {
          if (settled) return;
          finish(false);
          reject(new TrellisError('internal', `The code sandbox failed to start: ${event.message || 'unknown error'}`));
        };
        const onAbort = () => {
          if (settled) return;
          finish(false);
          reject(new TrellisError('cancelled', 'The code step was cancelled.'));
        };
        const timer = setTimeout(() => {
          if (settled) return;
          finish(false);
          reject(new TrellisError('sandbox_timeout', `Code ran longer than its ${job.timeoutMs} ms limit and was stopped.`));
        }, job.timeoutMs + HARD_STOP_GRACE_MS);
        worker.addEventListener('message', onMessage);
        worker.addEventListener('error', onError);
        signal?.addEventListener('abort', onAbort, { once: true });
        const message: SandboxJob = { id, request: job };
        worker.postMessage(message);
      });
    },
    dispose() {
      for (const worker of idle.splice(0)) worker.terminate();
    },
  };
}

function defaultWorker(): Worker {
  return new Worker(new URL('./sandboxWorker.ts', import.meta.url), { type: 'module', name: 'trellis-code-sandbox' });
}
