/**
 * Runs a flow from the page and mirrors the run's event stream into React state: each step's
 * status, streamed text and result. On load it shows the flow's latest run from the database,
 * and takes over a run a reload interrupted (when no other tab holds it).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlowDoc } from '../../engine/flow/schema';
import { resumeRun, startRun, type RunHandle } from '../../engine/run/executor';
import type { RunEvent, RunRecord, StepRecord } from '../../engine/run/types';
import { toErrorInfo, type ErrorInfo } from '../../engine/util/errors';
import { listRuns } from '../../storage/runQueries';
import { db, runStore } from './database';
import { isRunLeased, withRunLease } from './lease';
import { createServices } from './services';

export type StepView =
  | { kind: 'live'; status: 'running' | 'retrying'; text: string; attempt: number; error?: ErrorInfo }
  | { kind: 'record'; status: StepRecord['status']; record: StepRecord };

export interface RunView {
  run: RunRecord | null;
  /** Latest state of each step, by plan index. */
  steps: Record<number, StepView>;
  active: boolean;
  /** Set when this page took over a run that a reload or closed tab interrupted. */
  resumed: boolean;
  error: string | null;
}

const EMPTY: RunView = { run: null, steps: {}, active: false, resumed: false, error: null };

function fromRecords(run: RunRecord, records: StepRecord[]): RunView {
  const steps: Record<number, StepView> = {};
  for (const record of records) {
    const visit = run.state.visits[record.stepIndex] ?? 0;
    if (record.visit === visit) steps[record.stepIndex] = { kind: 'record', status: record.status, record };
  }
  return { run, steps, active: false, resumed: false, error: null };
}

export function useFlowRun(flow: FlowDoc) {
  const [view, setView] = useState<RunView>(EMPTY);
  const handle = useRef<RunHandle | null>(null);

  const onEvent = useCallback((event: RunEvent) => {
    setView((current) => reduce(current, event));
  }, []);

  const execute = useCallback(
    async (runId: string, begin: () => Promise<RunHandle>, resumed: boolean) => {
      setView((current) => ({ ...current, active: true, resumed, error: null }));
      const outcome = await withRunLease(runId, async () => {
        const started = await begin();
        handle.current = started;
        return started.done;
      }).catch((error: unknown) => {
        setView((current) => ({ ...current, active: false, error: toErrorInfo(error).message }));
        return undefined;
      });
      handle.current = null;
      if (outcome === null) setView((current) => ({ ...current, active: false, error: 'Another tab is running this flow right now.' }));
    },
    [],
  );

  const run = useCallback(
    (inputs: Record<string, unknown>) => {
      const runId = `run_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
      setView({ ...EMPTY, active: true });
      void execute(runId, async () => startRun(flow, inputs, { store: runStore, services: await createServices(), onEvent, runId }), false);
    },
    [flow, execute, onEvent],
  );

  const cancel = useCallback(() => handle.current?.cancel(), []);

  useEffect(() => {
    let stale = false;
    void (async () => {
      const [latest] = await listRuns(db, { flowId: flow.id, limit: 1 });
      if (!latest || stale) return;
      const loaded = await runStore.loadRun(latest.id);
      if (!loaded || stale) return;
      setView(fromRecords(loaded.run, loaded.steps));
      if (loaded.run.status === 'running' && !(await isRunLeased(latest.id)) && !stale) {
        void execute(latest.id, async () => resumeRun(latest.id, { store: runStore, services: await createServices(), onEvent }), true);
      }
    })();
    return () => {
      stale = true;
    };
  }, [flow.id, execute, onEvent]);

  return { view, run, cancel };
}

function reduce(view: RunView, event: RunEvent): RunView {
  switch (event.type) {
    case 'run.started':
      return view;
    case 'step.started':
      return { ...view, steps: { ...view.steps, [event.stepIndex]: { kind: 'live', status: 'running', text: '', attempt: event.attempt } } };
    case 'step.delta': {
      const current = view.steps[event.stepIndex];
      const live = current?.kind === 'live' ? current : null;
      return { ...view, steps: { ...view.steps, [event.stepIndex]: { kind: 'live', status: 'running', text: (live?.text ?? '') + event.text, attempt: live?.attempt ?? 1 } } };
    }
    case 'step.retrying':
      return { ...view, steps: { ...view.steps, [event.stepIndex]: { kind: 'live', status: 'retrying', text: '', attempt: event.attempt, error: event.error } } };
    case 'step.finished':
    case 'step.failed':
    case 'step.skipped':
      return { ...view, steps: { ...view.steps, [event.record.stepIndex]: { kind: 'record', status: event.record.status, record: event.record } } };
    case 'loop.iterated':
    case 'loop.exhausted':
      return view;
    case 'run.finished':
      return { ...view, run: event.run, active: false };
  }
}
