/**
 * What a review decision does in the app: the decision is stored (exactly once: a second one is
 * refused with ReviewAlreadyDecidedError, saying who decided and when) and, in the same
 * transaction, counted as evidence on the trust record of the step that produced the output
 * (storage/trustDecisions.ts; a rejection at a reduced tier demotes the step), then the run it paused goes
 * on, under its lease, in this tab. If another tab holds the lease (it is still executing the run,
 * or continuing it), this tab waits until it lets go and then continues the run if it still waits
 * for a decided review; a run that no longer waits (cancelled meanwhile) is left alone. Nothing
 * before the gate runs again, and the run goes on exactly once (see resumeRun).
 */
import type { ReviewDecision, ReviewItem } from '../../engine/run/types';
import { decideWithEvidence } from '../../storage/trustDecisions';
import { db, runStore } from '../runtime/database';
import { useLiveRun } from '../runs/liveRun';
import { PAUSED_ONLY, continueWhenFree, resumeLocalRun, type Launch, type RunOutcome } from '../runs/runController';

export interface DecisionOutcome {
  /** The item with its decision. */
  item: ReviewItem;
  /**
   * The resume. Its `done` never rejects: it resolves with the run record where it ended (done,
   * or paused at the next review), 'not-resumable' when the run no longer waits, or 'aborted'
   * when the browser has no Web Locks and another tab holds the run.
   */
  launch: Omit<Launch, 'done'> & { done: Promise<RunOutcome | 'aborted'> };
}

export async function decideAndResume(reviewId: string, decision: ReviewDecision): Promise<DecisionOutcome> {
  const item = await decideWithEvidence(db, runStore, reviewId, decision);
  const show = useLiveRun.getState().runId === item.runId;
  const launch = resumeLocalRun(item.runId, { show, only: PAUSED_ONLY });
  const done = launch.done
    .then((outcome) => (outcome === 'busy' ? continueWhenFree(item.runId, { show }) : outcome))
    .catch(() => 'not-resumable' as const);
  return { item, launch: { ...launch, done } };
}
