/**
 * Leases (Web Locks) for runs and dataset runs: exactly one tab executes a given run or batch.
 * `tryLease` takes the lock only if it is free now; `awaitLease` waits until the owner is gone
 * (its tab closed or reloaded) and then takes it, so a watching tab can take over.
 */
export type LeaseKind = 'run' | 'batch';

export function leaseName(kind: LeaseKind, id: string): string {
  return kind === 'run' ? `trellis-run:${id}` : `trellis-batch:${id}`;
}

const hasLocks = (): boolean => typeof navigator !== 'undefined' && 'locks' in navigator;

/** Runs `work` holding the lease; resolves 'busy' at once when another holder has it. */
export function tryLease<T>(kind: LeaseKind, id: string, work: () => Promise<T>): Promise<T | 'busy'> {
  if (!hasLocks()) return work();
  return navigator.locks.request(leaseName(kind, id), { ifAvailable: true }, async (lock) => (lock ? work() : ('busy' as const)));
}

/**
 * Waits for the lease, then runs `work` holding it. Resolves 'aborted' when `signal` fires
 * before the lease was granted.
 */
export async function awaitLease<T>(kind: LeaseKind, id: string, signal: AbortSignal, work: () => Promise<T>): Promise<T | 'aborted'> {
  if (!hasLocks()) return 'aborted';
  try {
    return await navigator.locks.request(leaseName(kind, id), { signal }, async () => (signal.aborted ? ('aborted' as const) : work()));
  } catch (error) {
    if (signal.aborted) return 'aborted';
    throw error;
  }
}

/** Names of every lease held now, by any tab of this browser. */
export async function heldLeases(): Promise<Set<string>> {
  if (!hasLocks()) return new Set();
  const state = await navigator.locks.query();
  return new Set((state.held ?? []).map((lock) => lock.name).filter((name): name is string => typeof name === 'string'));
}

export async function isLeased(kind: LeaseKind, id: string): Promise<boolean> {
  return (await heldLeases()).has(leaseName(kind, id));
}
