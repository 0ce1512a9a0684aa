/**
 * The run the editor is showing: each node's latest status and streamed text, fed by the run's
 * event stream. The canvas reads it to paint node statuses; the run panel reads it for details.
 */
import { create } from 'zustand';
import type { RunEvent, RunRecord, StepRecord } from '../../engine/run/types';
import type { ErrorInfo } from '../../engine/util/errors';

export type NodeRunStatus = 'queued' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'skipped' | 'waiting_review';

export interface NodeRunState {
  status: NodeRunStatus;
  /** Text streamed so far by the current attempt (agent output). */
  text: string;
  attempt: number;
  error?: ErrorInfo;
  record?: StepRecord;
  /** While retrying: when the next attempt starts (ms since the epoch). */
  retryAt?: number;
}

export interface LiveRunState {
  runId: string | null;
  flowId: string | null;
  /** The final record, once the run has finished (or paused for review). */
  run: RunRecord | null;
  active: boolean;
  byNode: Record<string, NodeRunState>;
  /** This tab took the run over after a reload (or after the tab running it closed). */
  resumed: boolean;
  /** Another tab executes the run; this one shows its checkpoints as they are saved. */
  watching: boolean;
  /** Starts showing a run of `flowId`: every node in `nodeIds` is queued. */
  begin(runId: string, flowId: string, nodeIds: string[]): void;
  /**
   * Shows a finished (or loaded) run from its records. Nodes in `queuedNodeIds` that have no
   * record yet are shown queued (a run that goes on).
   */
  show(run: RunRecord, steps: StepRecord[], queuedNodeIds?: string[]): void;
  /** Sets how the run is being followed (resumed here, watched from another tab). */
  setFollow(follow: { resumed?: boolean; watching?: boolean }): void;
  apply(event: RunEvent): void;
  clear(): void;
}

export const useLiveRun = create<LiveRunState>()((set, get) => ({
  runId: null,
  flowId: null,
  run: null,
  active: false,
  byNode: {},
  resumed: false,
  watching: false,
  begin(runId, flowId, nodeIds) {
    const byNode: Record<string, NodeRunState> = {};
    for (const id of nodeIds) byNode[id] = { status: 'queued', text: '', attempt: 0 };
    set({ runId, flowId, run: null, active: true, byNode, resumed: false, watching: false });
  },
  show(run, steps, queuedNodeIds = []) {
    const byNode: Record<string, NodeRunState> = {};
    for (const id of queuedNodeIds) byNode[id] = { status: 'queued', text: '', attempt: 0 };
    for (const record of steps) {
      if (record.visit !== (run.state.visits[record.stepIndex] ?? 0)) continue;
      byNode[record.nodeId] = { status: record.status, text: '', attempt: record.attempts.length, record, ...(record.error ? { error: record.error } : {}) };
    }
    const same = get().runId === run.id;
    set({ runId: run.id, flowId: run.flowId, run, active: run.status === 'running', byNode, ...(same ? {} : { resumed: false, watching: false }) });
  },
  setFollow(follow) {
    set(follow);
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
        set({ byNode: { ...byNode, [event.nodeId]: { status: 'retrying', text: '', attempt: event.attempt, error: event.error, retryAt: event.at + event.delayMs } } });
        return;
      case 'review.requested':
      case 'step.finished':
      case 'step.failed':
      case 'step.skipped': {
        const record = event.record;
        set({ byNode: { ...byNode, [record.nodeId]: { status: record.status, text: byNode[record.nodeId]?.text ?? '', attempt: record.attempts.length, record, ...(record.error ? { error: record.error } : {}) } } });
        return;
      }
      case 'run.paused':
      case 'run.finished':
        set({ run: event.run, active: false });
        return;
      default:
        return;
    }
  },
  clear() {
    set({ runId: null, flowId: null, run: null, active: false, byNode: {}, resumed: false, watching: false });
  },
}));

/** One node's run state (undefined when no run is shown). */
export function useNodeRunState(nodeId: string): NodeRunState | undefined {
  return useLiveRun((state) => state.byNode[nodeId]);
}
