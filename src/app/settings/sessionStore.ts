/**
 * The app's store of session-only API keys: this tab's sessionStorage (see
 * src/storage/sessionKeys.ts for why), or memory where sessionStorage is unavailable
 * (some privacy modes throw on access).
 */
import { createMemorySessionKeyStore, createStorageSessionKeyStore, type SessionKeyStore } from '../../storage/sessionKeys';

function create(): SessionKeyStore {
  try {
    const storage = window.sessionStorage;
    const probe = 'trellis.sessionKey.__probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return createStorageSessionKeyStore(storage);
  } catch {
    return createMemorySessionKeyStore();
  }
}

export const sessionKeys: SessionKeyStore = create();

/** Bumped on every change, for hooks that re-read key status (useSyncExternalStore). */
let version = 0;
sessionKeys.subscribe(() => {
  version += 1;
});
export const sessionKeysVersion = (): number => version;
