/**
 * API keys the person chose to keep for this session only.
 *
 * In the browser they live in `sessionStorage`: the browser keeps it per tab, it survives a
 * reload (so a run interrupted by a reload can resume with its key) and it is cleared when the
 * tab is closed; it is never written to IndexedDB or to disk by Trellis. A new tab or window
 * starts without these keys and asks for them again. Memory alone would lose the key on every
 * reload, which breaks resuming runs, so sessionStorage is the better fit for "this session".
 *
 * The store is small and synchronous; the app subscribes to re-read key status after a change.
 */
export interface SessionKeyStore {
  get(id: string): string | undefined;
  set(id: string, value: string): void;
  delete(id: string): void;
  /** Called after every set or delete in this tab. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

const PREFIX = 'trellis.sessionKey.';

function withListeners(base: Omit<SessionKeyStore, 'subscribe'>): SessionKeyStore {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  return {
    get: (id) => base.get(id),
    set(id, value) {
      base.set(id, value);
      notify();
    },
    delete(id) {
      base.delete(id);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Keys in memory only: tests, and browsers where sessionStorage is unavailable. */
export function createMemorySessionKeyStore(): SessionKeyStore {
  const keys = new Map<string, string>();
  return withListeners({
    get: (id) => keys.get(id),
    set: (id, value) => void keys.set(id, value),
    delete: (id) => void keys.delete(id),
  });
}

/** Keys in the given Storage (the tab's sessionStorage in the app). */
export function createStorageSessionKeyStore(storage: Storage): SessionKeyStore {
  return withListeners({
    get: (id) => storage.getItem(PREFIX + id) ?? undefined,
    set: (id, value) => storage.setItem(PREFIX + id, value),
    delete: (id) => storage.removeItem(PREFIX + id),
  });
}
