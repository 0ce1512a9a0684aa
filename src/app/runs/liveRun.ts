/**
 * The run the editor is showing: each node's latest status and streamed text, fed by the run's
 * event stream. The canvas reads it to paint node statuses; the run panel reads it for details.
 */
import { create } from 'zustand';
import type { RunEvent, RunRecord, StepRecord } from '../../engine/run/types';
import type { ErrorInfo } from '../../engine/util/errors';

export type NodeRunStatus = 'queued' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'skipped';

export interface NodeRunState {
  status: NodeRunStatus;
  /** Text streamed so far by the current attempt (agent output). */
  text: string;
  attempt: number;
  error?: ErrorInfo;
  record?: StepRecord;
}

export interface LiveRunState {
  runId: string | null;
  flowId: string | null;
  /** The final record, once the run has finished. */
  run: RunRecord | null;
  active: boolean;
  byNode: Record<string, NodeRunState>;
  /** Starts showing a run of `flowId`: every node in `nodeIds` is queued. */
  begin(runId: string, flowId: string, nodeIds: string[]): void;
  /** Shows a finished (or loaded) run from its records. */
  show(run: RunRecord, steps: StepRecord[]): void;
  apply(event: RunEvent): void;
  clear(): void;
}

export const useLiveRun = create<LiveRunState>()((set, get) => ({
  runId: null,
  flowId: null,
  run: null,
  active: false,
  byNode: {},
  begin(runId, flowId, nodeIds) {
    const byNode: Record<string, NodeRunState> = {};
    for (const id of nodeIds) byNode[id] = { status: 'queued', text: '', attempt: 0 };
    set({ runId, flowId, run: null, active: true, byNode });
  },
  show(run, steps) {
    const byNode: Record<string, NodeRunState> = {};
    for (const record of steps) {
      if (record.visit !== (run.state.visits[record.stepIndex] ?? 0)) continue;
      byNode[record.nodeId] = { status: record.status, text: '', attempt: record.attempts.length, record, ...(record.error ? { error: record.error } : {}) };
    }
    set({ runId: run.id, flowId: run.flowId, run, active: run.status === 'running', byNode });
  },
  apply(event) {
    if (event.runId !== get().runId) return;
    const byNode = get().byNode;
    switch (event.type) {
      case 'step.started':
        set({ byNode: { ...byNode, [event.nodeId]: { status: 'running', text: '', attempt: event.attempt } } });
        return;
      case 'step.delta': {
        const current = byNode[event.nodeId];
        set({ byNode: { ...byNode, [event.nodeId]: { status: 'running', text: (current?.text ?? '') + event.text, attempt: current?.attempt ?? 1 } } });
        return;
      }
      case 'step.retrying':
        set({ byNode: { ...byNode, [event.nodeId]: { status: 'retrying', text: '', attempt: event.attempt, error: event.error } } });
        return;
      case 'step.finished':
      case 'step.failed':
      case 'step.skipped': {
        const record = event.record;
        set({ byNode: { ...byNode, [record.nodeId]: { status: record.status, text: byNode[record.nodeId]?.text ?? '', attempt: record.attempts.length, record, ...(record.error ? { error: record.error } : {}) } } });
        return;
      }
      case 'run.finished':
        set({ run: event.run, active: false });
        return;
      default:
        return;
    }
  },
  clear() {
    set({ runId: null, flowId: null, run: null, active: false, byNode: {} });
  },
}));

/** One node's run state (undefined when no run is shown). */
export function useNodeRunState(nodeId: string): NodeRunState | undefined {
  return useLiveRun((state) => state.byNode[nodeId]);
}
