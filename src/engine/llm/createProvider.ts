/** A provider from its settings: the scripted demo model, or the OpenAI adapter. */
import { createOpenAIProvider, type OpenAIProviderOptions } from './openaiProvider';
import { createScriptedProvider } from './scripted';
import type { ChatProvider, ProviderConfig } from './types';

export function createProvider(config: ProviderConfig, apiKey: string | undefined, options: OpenAIProviderOptions = {}): ChatProvider {
  if (config.kind === 'scripted') return createScriptedProvider({ id: config.id, label: config.label });
  return createOpenAIProvider(config, apiKey, options);
}
