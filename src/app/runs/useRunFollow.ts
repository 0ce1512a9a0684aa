/**
 * Keeps the live-run store on the right run for a flow: on opening, the flow's latest run is
 * shown; a run a reload interrupted is resumed here from its checkpoints ("Resumed after
 * reload") when no other tab holds it; a run another tab executes is watched through its
 * checkpoints, and taken over if that tab goes away. A run paused for review goes on here once a
 * review it waits for is decided (in this tab or another, now or while it was closed), under the
 * run's lease, so only one tab continues it; a tab that did not get the lease watches.
 */
import { useEffect } from 'react';
import { liveQuery } from 'dexie';
import type { FlowDoc } from '../../engine/flow/schema';
import { db, runStore } from '../runtime/database';
import { useLiveRun } from './liveRun';
import { hasDecidedWait, loadRunWithSteps, latestPanelRun } from './queries';
import { PAUSED_ONLY, isLocalRun, nodeIdsOf, resumeLocalRun, takeOverWhenFree } from './runController';

/** Shows (and if need be resumes or watches) the latest run of `doc`'s flow. */
export function useRunFollow(doc: FlowDoc): void {
  const flowId = doc.id;
  useEffect(() => {
    let stale = false;
    void (async () => {
      const live = useLiveRun.getState();
      if (live.flowId === flowId && live.runId && (isLocalRun(live.runId) || live.watching)) return;
      const latest = await latestPanelRun(flowId);
      if (stale) return;
      if (!latest) {
        if (useLiveRun.getState().flowId !== flowId || !useLiveRun.getState().active) useLiveRun.getState().clear();
        return;
      }
      if (isLocalRun(latest.id)) return;
      const loaded = await runStore.loadRun(latest.id);
      if (stale || !loaded) return;
      useLiveRun.getState().show(loaded.run, loaded.steps);
      if (loaded.run.status !== 'running') return;
      const launch = resumeLocalRun(latest.id, { show: true, resumed: true });
      if (!(await launch.started) && !stale && useLiveRun.getState().runId === latest.id) {
        const current = await db.runs.get(latest.id);
        if (current?.status === 'running' && !isLocalRun(latest.id)) useLiveRun.getState().setFollow({ watching: true });
      }
    })();
    return () => {
      stale = true;
    };
  }, [flowId]);

  const watching = useLiveRun((state) => state.watching);
  const runId = useLiveRun((state) => state.runId);
  const paused = useLiveRun((state) => state.run?.status === 'paused' && state.flowId === flowId);
  useEffect(() => {
    if (!paused || !runId) return;
    const subscription = liveQuery(async () => {
      const run = await db.runs.get(runId);
      return run ? { status: run.status, decided: await hasDecidedWait(db, run) } : null;
    }).subscribe({
      next: (state) => {
        if (!state || useLiveRun.getState().runId !== runId || isLocalRun(runId)) return;
        if (state.status === 'running') useLiveRun.getState().setFollow({ watching: true });
        else if (state.status === 'paused' && state.decided) void resumeLocalRun(runId, { show: true, only: PAUSED_ONLY }).done.catch(() => undefined);
      },
    });
    return () => subscription.unsubscribe();
  }, [paused, runId]);

  useEffect(() => {
    if (!watching || !runId) return;
    const abort = new AbortController();
    let nodeIds: string[] = [];
    const subscription = liveQuery(() => loadRunWithSteps(db, runId)).subscribe({
      next: (loaded) => {
        const live = useLiveRun.getState();
        if (!loaded || live.runId !== runId || !live.watching) return;
        live.show(loaded.run, loaded.steps, loaded.run.status === 'running' ? nodeIds : []);
        if (loaded.run.status !== 'running') live.setFollow({ watching: false });
        else live.setFollow({ watching: true });
      },
    });
    void runStore.loadRun(runId).then(async (loaded) => {
      const version = loaded ? await runStore.loadFlowVersion(loaded.run.flowVersion) : undefined;
      if (version) nodeIds = nodeIdsOf(version.flow);
    });
    // When the tab running it goes away, take it over.
    void takeOverWhenFree(runId, abort.signal, { show: true }).catch(() => undefined);
    return () => {
      abort.abort();
      subscription.unsubscribe();
    };
  }, [watching, runId]);
}
