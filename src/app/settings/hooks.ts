/**
 * Live views of settings for any page (they update when settings change in this tab or another):
 * the providers, their key status (masked only), and the reviewer's name.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { readKeyStatus, readReviewerName, type KeyStatus, type ProvidersState, type SettingsProblem } from '../../storage/settingsRepo';
import { db } from '../runtime/database';
import { readProvidersSafely } from './init';
import { sessionKeys, sessionKeysVersion } from './sessionStore';

/** Providers (demo first), the default, and damaged rows; undefined while loading. */
export function useProvidersState(): ProvidersState | undefined {
  return useLiveQuery(readProvidersSafely, []);
}

/** Each provider's key status, masked; re-read when keys change here or in storage. */
export function useKeyStatus(state: ProvidersState | undefined): Record<string, KeyStatus> | undefined {
  const version = useSyncExternalStore(sessionKeys.subscribe, sessionKeysVersion);
  return useLiveQuery(() => (state ? readKeyStatus(db, sessionKeys, state.providers) : undefined), [state, version]);
}

/** The reviewer's name from Settings ("Your name"); undefined when not set or still loading. */
export function useReviewerName(): string | undefined {
  return useLiveQuery(async () => (await readReviewerName(db)).name, []);
}

/** The reviewer's name with its loading state and any problem reading it. */
export function useReviewerNameState(): { loaded: boolean; name?: string; problem?: SettingsProblem } {
  const result = useLiveQuery(() => readReviewerName(db), []);
  return result ? { loaded: true, ...result } : { loaded: false };
}

/** Providers to choose from in flow and node settings: id, label, whether scripted, default model. */
export function useProviderChoices(): { id: string; label: string; scripted: boolean; defaultModel: string; isDefault: boolean }[] {
  const state = useProvidersState();
  if (!state) return [];
  return state.providers.map(({ config }) => ({
    id: config.id,
    label: config.label,
    scripted: config.kind === 'scripted',
    defaultModel: config.defaultModel,
    isDefault: config.id === state.defaultProviderId,
  }));
}
