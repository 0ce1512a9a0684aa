/**
 * The official `openai` SDK, loaded on first use so it stays out of the app's entry bundle
 * (most sessions start on the demo model). Its error classes are read from the loaded module.
 */
import type * as OpenAISdk from 'openai';
import { TrellisError } from '../util/errors';

export type OpenAIModule = typeof OpenAISdk;

let loading: Promise<OpenAIModule> | undefined;
let loaded: OpenAIModule | undefined;

export function loadOpenAISdk(): Promise<OpenAIModule> {
  loading ??= import('openai').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw new TrellisError('network', `Could not load the OpenAI client library: ${error instanceof Error ? error.message : String(error)}. Check your connection and reload the page.`, { retryable: true });
    },
  );
  return loading;
}

/** The SDK module once loaded (errors can only come from calls made after loading). */
export function loadedOpenAISdk(): OpenAIModule | undefined {
  return loaded;
}
