/// <reference lib="webworker" />
/**
 * The code sandbox's worker: QuickJS runs here, off the page's thread, so long-running user code
 * never freezes the page, and the page can end it outright (terminate) when it overruns.
 */
import { createQuickJsSandbox } from '../../engine/sandbox/quickjs';
import { toErrorInfo } from '../../engine/util/errors';
import type { SandboxRequest } from '../../engine/run/ports';

export type SandboxJob = { id: number; request: Omit<SandboxRequest, 'signal'> };

const sandbox = createQuickJsSandbox();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<SandboxJob>) => {
  const { id, request } = event.data;
  try {
    const result = await sandbox.run(request);
    scope.postMessage({ id, ok: true, value: result.value, logs: result.logs });
  } catch (error) {
    scope.postMessage({ id, ok: false, error: toErrorInfo(error) });
  }
};
