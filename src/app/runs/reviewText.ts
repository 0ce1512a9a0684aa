/** Review facts in words, for run views: why an output was (or was not) reviewed, and the decision. */
import { reviewReasonText } from '../../engine/trust';
import type { ReviewDecision, StepReview } from '../../engine/run/types';

export function decisionText(decision: ReviewDecision): string {
  const what = decision.action === 'approve' ? 'Approved' : decision.action === 'edit' ? 'Edited and approved' : 'Rejected';
  return `${what} by ${decision.by}${decision.reason ? `: ${decision.reason}` : '.'}`;
}

/** One line on a gate step's review. */
export function stepReviewText(review: StepReview, waiting: boolean): string {
  const why = reviewReasonText(review.reason);
  if (waiting) return `Waiting for a person to approve, edit or reject this output. ${why}.`;
  if (review.decision) return decisionText(review.decision);
  return review.reviewed ? `Reviewed. ${why}.` : `${why}.`;
}
