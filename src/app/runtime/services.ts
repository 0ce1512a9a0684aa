/**
 * The services steps use in the browser: model providers from Settings (the scripted demo model
 * until a real provider is configured), fetch for HTTP, the worker-hosted code sandbox, prices.
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

/**
 * Where the configured providers come from. Settings replaces this at start-up with one that
 * reads the providers and their keys; the first provider returned is the default.
 */
let providerSource: () => Promise<{ providers: ChatProvider[]; defaults: Record<string, string> }> = async () => ({
  providers: [demoProvider],
  defaults: {},
});

export function setProviderSource(source: typeof providerSource): void {
  providerSource = source;
}

/** Services for a run, built from the providers configured now. */
export async function createServices(): Promise<StepServices> {
  sandbox ??= createWorkerSandbox();
  const { providers, defaults } = await providerSource();
  return {
    models: createModelResolver(providers.length > 0 ? providers : [demoProvider], defaults),
    http: createFetchHttpPort(),
    sandbox,
    costOf,
  };
}
