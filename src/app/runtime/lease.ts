/**
 * Exactly one tab executes a run at a time: the executing tab holds a Web Lock named after the
 * run for as long as the run is in its hands. Another tab that finds the run unfinished takes it
 * over only when it can get the lock, i.e. when the owner is gone.
 */
const lockName = (runId: string) => `trellis-run:${runId}`;

/**
 * Runs `work` while holding the run's lease. Resolves with its result, or with `null` at once
 * when another tab holds the lease.
 */
export function withRunLease<T>(runId: string, work: () => Promise<T>): Promise<T | null> {
  if (!('locks' in navigator)) return work();
  return navigator.locks.request(lockName(runId), { ifAvailable: true }, async (lock) => (lock ? work() : null));
}

/** True when some tab (maybe this one) holds the run's lease. */
export async function isRunLeased(runId: string): Promise<boolean> {
  if (!('locks' in navigator)) return false;
  const state = await navigator.locks.query();
  return (state.held ?? []).some((lock) => lock.name === lockName(runId));
}
