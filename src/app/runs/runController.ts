/**
 * Runs in this tab: starts and resumes runs under their lease (one tab executes a run at a time),
 * every one with the trust policy at its review gates (trust/runtime.ts),
 * keeps their handles for Cancel, and passes every event on to the live-run store (which the
 * canvas and the run panel read) and to subscribers. Runs go on when the page that started them
 * is left (they belong to the tab, not to a component).
 *
 * Cancel works from any tab: a run held by another tab is asked over a BroadcastChannel; a run
 * nobody holds (its tab is gone) is marked cancelled under its lease.
 */
import { create } from 'zustand';
import { compile } from '../../engine/compile';
import type { FlowDoc } from '../../engine/flow/schema';
import { resumeRun, startRun, type RunHandle } from '../../engine/run/executor';
import type { RunEvent, RunRecord, RunStatus } from '../../engine/run/types';
import { db, runStore } from '../runtime/database';
import { createServices } from '../runtime/services';
import { reviewPolicyFor, reviewPolicyForRun } from '../trust/runtime';
import { awaitLease, isLeased, tryLease } from './lease';
import { useLiveRun } from './liveRun';
import { hasDecidedWait } from './queries';
import { onChannelMessage, postChannelMessage } from './channel';

export type RunOutcome = RunRecord | 'busy' | 'not-resumable';

export interface Launch {
  runId: string;
  /** True once the run executes here; false when another tab holds it or there is nothing to resume. */
  started: Promise<boolean>;
  /** The final record, 'busy' (another tab holds the run) or 'not-resumable'. Rejects when the run could not start. */
  done: Promise<RunOutcome>;
}

const handles = new Map<string, RunHandle>();
/**
 * Runs this tab has claimed (starting, resuming or executing here), with how many launches hold
 * each claim: a second resume of a run already going on here ends 'busy' without releasing it.
 */
const claims = new Map<string, number>();
/** Cancels asked for while a claimed run was still starting. */
const pendingCancels = new Set<string>();
const listeners = new Set<(event: RunEvent) => void>();

/** Ids of the runs executing in this tab (for components). */
export const useLocalRuns = create<{ ids: ReadonlySet<string> }>()(() => ({ ids: new Set<string>() }));

function setLocal(runId: string, local: boolean): void {
  const ids = new Set(useLocalRuns.getState().ids);
  if (local) ids.add(runId);
  else ids.delete(runId);
  useLocalRuns.setState({ ids });
}

export function useIsLocalRun(runId: string | null | undefined): boolean {
  return useLocalRuns((state) => (runId ? state.ids.has(runId) : false));
}

/** True while this tab starts, resumes or executes the run. */
export function isLocalRun(runId: string): boolean {
  return claims.has(runId);
}

function claim(runId: string): void {
  claims.set(runId, (claims.get(runId) ?? 0) + 1);
  setLocal(runId, true);
}

function release(runId: string): void {
  const left = (claims.get(runId) ?? 1) - 1;
  if (left > 0) {
    claims.set(runId, left);
    return;
  }
  claims.delete(runId);
  pendingCancels.delete(runId);
  setLocal(runId, false);
}

export function subscribeRunEvents(listener: (event: RunEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: RunEvent): void {
  useLiveRun.getState().apply(event);
  for (const listener of listeners) listener(event);
}

export function newRunId(): string {
  return `run_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

export function nodeIdsOf(doc: FlowDoc): string[] {
  return compile(doc).plan.steps.map((step) => step.nodeId);
}

/** After a run shown in the live-run store ends, shows its saved records (steps never reached are cleared). */
async function showFinal(runId: string): Promise<void> {
  if (useLiveRun.getState().runId !== runId) return;
  const loaded = await runStore.loadRun(runId);
  if (loaded && useLiveRun.getState().runId === runId) useLiveRun.getState().show(loaded.run, loaded.steps);
}

async function execute(runId: string, begin: () => Promise<RunHandle>, show: boolean): Promise<RunRecord> {
  const handle = await begin();
  handles.set(runId, handle);
  if (pendingCancels.delete(runId)) handle.cancel();
  try {
    let run = await handle.done;
    // A review decided while the run was still going (other branches ran on) did not resume it:
    // it goes on now, still under this tab's lease.
    while (run.status === 'paused' && (await hasDecidedWait(db, run))) {
      const next = await resumeRun(runId, { store: runStore, services: await createServices(), onEvent: emit, reviewPolicy: await reviewPolicyForRun(runId) });
      handles.set(runId, next);
      run = await next.done;
    }
    return run;
  } finally {
    handles.delete(runId);
    if (show) await showFinal(runId).catch(() => undefined);
  }
}

function deferred(): { promise: Promise<boolean>; resolve: (value: boolean) => void } {
  let resolve!: (value: boolean) => void;
  const promise = new Promise<boolean>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Starts a run of `doc`. With `show`, the live-run store follows it (the canvas paints it).
 * Throws (through `done`) FlowNotRunnableError when the flow has errors.
 */
export function launchRun(doc: FlowDoc, inputs: Record<string, unknown>, options: { show?: boolean; runId?: string; batchId?: string } = {}): Launch {
  const runId = options.runId ?? newRunId();
  const show = options.show ?? false;
  const started = deferred();
  if (show) useLiveRun.getState().begin(runId, doc.id, nodeIdsOf(doc));
  claim(runId);
  const done = tryLease('run', runId, () =>
    execute(
      runId,
      async () => {
        const handle = await startRun(doc, inputs, {
          store: runStore,
          services: await createServices(),
          onEvent: emit,
          reviewPolicy: reviewPolicyFor(doc),
          runId,
          ...(options.batchId ? { batchId: options.batchId } : {}),
        });
        started.resolve(true);
        return handle;
      },
      show,
    ),
  ).finally(() => {
    release(runId);
    started.resolve(false);
  });
  return { runId, started: started.promise, done };
}

/** Statuses a run can be resumed from ('paused': it goes on if a review it waits for was decided). */
export const RESUMABLE: ReadonlySet<RunStatus> = new Set<RunStatus>(['running', 'interrupted', 'cancelled', 'failed', 'paused']);
/** After a review decision: only a run that still waits goes on (not one cancelled meanwhile). */
export const PAUSED_ONLY: ReadonlySet<RunStatus> = new Set<RunStatus>(['paused']);

/** The resume itself, holding the lease. */
async function resumeHeld(runId: string, show: boolean, resumed: boolean, started: (value: boolean) => void, only = RESUMABLE): Promise<RunOutcome> {
  const loaded = await runStore.loadRun(runId);
  // Taking over after a reload: only a run still marked running (not one cancelled a moment ago).
  const allowed = resumed ? loaded?.run.status === 'running' : !!loaded && only.has(loaded.run.status);
  if (!loaded || !allowed) {
    started(false);
    return 'not-resumable';
  }
  if (show) {
    const version = await runStore.loadFlowVersion(loaded.run.flowVersion);
    const nodeIds = version ? nodeIdsOf(version.flow) : [];
    useLiveRun.getState().show({ ...loaded.run, status: 'running' }, loaded.steps, nodeIds);
    useLiveRun.getState().setFollow({ resumed, watching: false });
  }
  return execute(
    runId,
    async () => {
      const handle = await resumeRun(runId, { store: runStore, services: await createServices(), onEvent: emit, reviewPolicy: await reviewPolicyForRun(runId) });
      started(true);
      return handle;
    },
    show,
  );
}

/**
 * Resumes a run from its checkpoints if no other tab holds it. `resumed` marks it, in the live
 * view, as taken over after a reload; `only` limits the statuses it resumes from (checked under
 * the lease), e.g. only paused runs after a review decision.
 */
export function resumeLocalRun(runId: string, options: { show?: boolean; resumed?: boolean; only?: ReadonlySet<RunStatus> } = {}): Launch {
  const started = deferred();
  claim(runId);
  const done = tryLease('run', runId, () => resumeHeld(runId, options.show ?? false, options.resumed ?? false, started.resolve, options.only)).finally(() => {
    release(runId);
    started.resolve(false);
  });
  return { runId, started: started.promise, done };
}

/**
 * Waits until the tab executing the run is gone, then resumes it here if it is still unfinished.
 * Resolves 'aborted' if `signal` fires first.
 */
export function takeOverWhenFree(runId: string, signal: AbortSignal, options: { show?: boolean } = {}): Promise<RunOutcome | 'aborted'> {
  return awaitLease('run', runId, signal, async () => {
    const loaded = await runStore.loadRun(runId);
    if (!loaded || loaded.run.status !== 'running') return 'not-resumable' as const;
    claim(runId);
    try {
      return await resumeHeld(runId, options.show ?? false, true, () => undefined);
    } finally {
      release(runId);
    }
  });
}

/**
 * Waits until no tab holds the run, then resumes it here if it still waits for review: how a
 * decision taken while another tab was finishing the run still makes it go on.
 */
export function continueWhenFree(runId: string, options: { show?: boolean } = {}): Promise<RunOutcome | 'aborted'> {
  return awaitLease('run', runId, new AbortController().signal, async () => {
    claim(runId);
    try {
      return await resumeHeld(runId, options.show ?? false, false, () => undefined, PAUSED_ONLY);
    } finally {
      release(runId);
    }
  });
}

/**
 * Cancels a run wherever it executes (this tab, another tab, or nowhere: its tab is gone, or it
 * waits for review). The cancel of a run nobody executes applies only if the run did not change
 * meanwhile (a conditional write), so it never overwrites a run that just went on.
 */
export async function cancelRun(runId: string): Promise<void> {
  const handle = handles.get(runId);
  if (handle) {
    handle.cancel();
    return;
  }
  if (claims.has(runId)) {
    pendingCancels.add(runId);
    return;
  }
  if (await isLeased('run', runId)) {
    postChannelMessage({ type: 'cancel-run', runId });
    return;
  }
  await tryLease('run', runId, async () => {
    const run = await db.runs.get(runId);
    if (!run || (run.status !== 'running' && run.status !== 'interrupted' && run.status !== 'paused')) return;
    const message = run.status === 'paused' ? 'The run was cancelled while it waited for review.' : 'The run was cancelled while it was interrupted (no tab was running it).';
    await runStore.checkpoint({
      runId,
      steps: [],
      run: { status: 'cancelled', finishedAt: Date.now(), waitingFor: undefined, error: { code: 'cancelled', message, retryable: false } },
      expect: { status: run.status, resumes: run.resumes },
    });
  });
}

onChannelMessage((message) => {
  if (message.type === 'cancel-run') handles.get(message.runId)?.cancel();
});
