/**
 * At start-up: point the run services at the configured providers (the default first, each with
 * its key, read fresh for every run), and keep the header's provider badge current as settings
 * change in this tab or another. A damaged settings row never breaks the app: it is skipped, the
 * demo model stands in, and the person is told once (details in Settings).
 */
import { liveQuery } from 'dexie';
import { createProvider } from '../../engine/llm/createProvider';
import type { ChatProvider, ChatRequest, ProviderConfig } from '../../engine/llm/types';
import { TrellisError } from '../../engine/util/errors';
import { DEMO_PROVIDER, getApiKey, providersForRuns, readProviders, type ProvidersState } from '../../storage/settingsRepo';
import { db } from '../runtime/database';
import { navigate } from '../router';
import { demoProvider, setProviderSource } from '../runtime/services';
import { useDefaultProviderStore, type ProviderSummary } from '../shell/defaultProvider';
import { toast } from '../ui/toasts';
import { sessionKeys } from './sessionStore';

const DEMO_ONLY: ProvidersState = {
  providers: [{ config: DEMO_PROVIDER, keyStorage: 'none', createdAt: 0, updatedAt: 0 }],
  defaultProviderId: DEMO_PROVIDER.id,
  problems: [],
};

/** Settings as stored, or the demo model alone when the database cannot be read at all. */
export async function readProvidersSafely(): Promise<ProvidersState> {
  try {
    return await readProviders(db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...DEMO_ONLY, problems: [{ key: '(database)', message: `Settings could not be read from browser storage (${reason}); the demo model is used until this is fixed.` }] };
  }
}

/** A provider whose settings cannot be used: every call explains why instead of failing obscurely. */
function brokenProvider(config: ProviderConfig, error: unknown): ChatProvider {
  const fail = (): never => {
    throw error instanceof TrellisError ? error : new TrellisError('config', `Provider "${config.label}" cannot be used: ${String(error)}`);
  };
  return { id: config.id, label: config.label, scripted: false, chat: async (_request: ChatRequest) => fail(), listModels: async () => fail() };
}

export async function buildProviders(): Promise<{ providers: ChatProvider[]; defaults: Record<string, string> }> {
  const state = await readProvidersSafely();
  const configs = providersForRuns(state);
  const providers = await Promise.all(
    configs.map(async (config): Promise<ChatProvider> => {
      if (config.kind === 'scripted') return demoProvider;
      const stored = state.providers.find((p) => p.config.id === config.id);
      try {
        const key = stored ? await getApiKey(db, sessionKeys, stored) : undefined;
        return createProvider(config, key);
      } catch (error) {
        return brokenProvider(config, error);
      }
    }),
  );
  return { providers, defaults: Object.fromEntries(configs.map((c) => [c.id, c.defaultModel])) };
}

export function summaryOf(state: ProvidersState): ProviderSummary {
  const config = state.providers.find((p) => p.config.id === state.defaultProviderId)?.config ?? DEMO_PROVIDER;
  if (config.kind === 'scripted') return { label: config.label, scripted: true };
  return { label: config.label, scripted: false, model: config.defaultModel };
}

let started = false;

export function initSettings(): void {
  if (started) return;
  started = true;
  setProviderSource(buildProviders);
  let told = false;
  liveQuery(readProvidersSafely).subscribe({
    next(state) {
      useDefaultProviderStore.getState().set(summaryOf(state));
      if (state.problems.length > 0 && !told) {
        told = true;
        toast('Some settings could not be read, so the demo model stands in where they were used.', {
          kind: 'error',
          durationMs: 12_000,
          action: { label: 'Show in Settings', run: () => navigate({ page: 'settings' }) },
        });
      }
    },
    error() {
      useDefaultProviderStore.getState().set(summaryOf(DEMO_ONLY));
    },
  });
}
