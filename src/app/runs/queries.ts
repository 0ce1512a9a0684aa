/**
 * Live reads of runs for the pages: a run with its steps, a flow version, whether leases are
 * held. Live queries re-run when another tab (or this one) saves a checkpoint, so every tab
 * watching a run sees it progress.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { FlowVersionRecord, RunRecord, StepRecord } from '../../engine/run/types';
import { foldStepLog, runLog } from '../../storage/runStore';
import { listRuns } from '../../storage/runQueries';
import type { TrellisDB } from '../../storage/db';
import { db } from '../runtime/database';
import { heldLeases, leaseName } from './lease';

export interface RunWithSteps {
  run: RunRecord;
  steps: StepRecord[];
}

export function loadRunWithSteps(database: TrellisDB, runId: string): Promise<RunWithSteps | null> {
  return database.transaction('r', database.runs, database.stepLog, async () => {
    const run = await database.runs.get(runId);
    if (!run) return null;
    return { run, steps: foldStepLog(await runLog(database, runId).toArray()) };
  });
}

/** The run and its steps, live; undefined while loading, null when there is no such run. */
export function useRunWithSteps(runId: string | null): RunWithSteps | null | undefined {
  return useLiveQuery(() => (runId ? loadRunWithSteps(db, runId) : Promise.resolve(null)), [runId]);
}

export function useFlowVersion(hash: string | undefined): FlowVersionRecord | null | undefined {
  return useLiveQuery(async () => (hash ? ((await db.flowVersions.get(hash)) ?? null) : null), [hash]);
}

/** True when a review gate the paused run waits at has been decided (the run can go on); live. */
export async function hasDecidedWait(database: TrellisDB, run: Pick<RunRecord, 'status' | 'waitingFor'>): Promise<boolean> {
  if (run.status !== 'paused' || !run.waitingFor?.length) return false;
  const items = await database.reviews.bulkGet(run.waitingFor.map((gate) => gate.reviewId));
  return items.some((item) => item?.status === 'decided');
}

export function useDecidedWait(run: Pick<RunRecord, 'status' | 'waitingFor'> | undefined): boolean {
  return useLiveQuery(() => (run ? hasDecidedWait(db, run) : Promise.resolve(false)), [run?.status, run?.waitingFor]) ?? false;
}

/** The newest run of a flow started from the run panel (dataset rows are left out). */
export async function latestPanelRun(flowId: string): Promise<RunRecord | undefined> {
  for (let offset = 0; offset < 200; offset += 50) {
    const page = await listRuns(db, { flowId, limit: 50, offset });
    const found = page.find((run) => run.batchId === undefined);
    if (found || page.length < 50) return found;
  }
  return undefined;
}

/**
 * The set of held lease names, refreshed every `everyMs` while `active` (Web Locks have no change
 * events). Undefined until the first answer.
 */
export function useHeldLeases(active: boolean, everyMs = 1000): Set<string> | undefined {
  const [held, setHeld] = useState<Set<string> | undefined>(undefined);
  useEffect(() => {
    let stale = false;
    const refresh = () =>
      void heldLeases().then((names) => {
        if (!stale) setHeld(names);
      });
    refresh();
    if (!active) return () => void (stale = true);
    const timer = setInterval(refresh, everyMs);
    return () => {
      stale = true;
      clearInterval(timer);
    };
  }, [active, everyMs]);
  return held;
}

export function isHeld(held: Set<string> | undefined, kind: 'run' | 'batch', id: string): boolean | undefined {
  return held ? held.has(leaseName(kind, id)) : undefined;
}
