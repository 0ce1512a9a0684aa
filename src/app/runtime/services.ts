/**
 * The services steps use in the browser: model providers (the scripted demo model until a real
 * provider is configured), fetch for HTTP, the worker-hosted code sandbox, and prices.
 */
import { createScriptedProvider } from '../../engine/llm/scripted';
import { createModelResolver } from '../../engine/llm/resolver';
import { costOf } from '../../engine/llm/pricing';
import type { ChatProvider } from '../../engine/llm/types';
import type { StepServices } from '../../engine/run/context';
import { createFetchHttpPort } from '../../engine/run/fetchHttp';
import { createWorkerSandbox } from './workerSandbox';

let sandbox: ReturnType<typeof createWorkerSandbox> | undefined;

/** The demo model streams in small pauses so its output is visibly streamed, as a real model's is. */
export const demoProvider: ChatProvider = createScriptedProvider({ chunkDelayMs: 40 });

export function browserServices(providers: ChatProvider[] = [demoProvider]): StepServices {
  sandbox ??= createWorkerSandbox();
  return {
    models: createModelResolver(providers),
    http: createFetchHttpPort(),
    sandbox,
    costOf,
  };
}
