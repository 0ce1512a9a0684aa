/** Words for a lineage chain (engine/trace/lineage.ts) on the run detail page. */
import type { Lineage, LineageCheck, LineageNode, LineageReview, LineageTarget } from '../../engine/trace/lineage';
import { reviewReasonText } from '../../engine/trust';
import { decisionText } from './reviewText';

/** What was traced, for the view's heading: `output “message”`. */
export function targetText(target: LineageTarget, lineage: Lineage | null): string {
  if (target.type === 'run-output') return `output “${target.name}”`;
  const root = lineage?.nodes[0];
  const where = root ? `${root.label}${root.visits > 1 ? `, ${attemptText(root.visit)}` : ''}` : 'a step';
  return target.type === 'review' ? `the review decision at ${where}` : `the outputs of ${where}`;
}

export function attemptText(visit: number): string {
  return `attempt ${visit + 1}`;
}

/** A node's attempt, when its step ran more than once: "attempt 2 of 3". */
export function nodeAttemptText(node: Pick<LineageNode, 'visit' | 'visits'>): string | null {
  return node.visits > 1 ? `${attemptText(node.visit)} of ${node.visits}` : null;
}

/** Prompt versions and check hashes are long; 8 characters tell them apart at a glance. */
export function shortHash(hash: string): string {
  return hash.length > 8 ? hash.slice(0, 8) : hash;
}

/**
 * Where a node's outputs went, one phrase per port pair and step (attempts merged):
 * `out → research of Compose message (attempts 1, 2)`, `out → feedback of Compose message (attempt 2, revise loop)`.
 */
export function fedTexts(node: LineageNode, lineage: Lineage): string[] {
  const byId = new Map(lineage.nodes.map((n) => [n.stepId, n]));
  const groups = new Map<string, { text: string; visits: number[]; many: boolean; feedback: boolean }>();
  for (const link of node.fed) {
    const to = byId.get(link.to);
    if (!to) continue;
    const text = `${link.fromPort} → ${link.toPort} of ${to.label}`;
    const key = `${text}\n${link.feedback}`;
    const group = groups.get(key) ?? { text, visits: [], many: to.visits > 1, feedback: link.feedback };
    group.visits.push(to.visit);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ text, visits, many, feedback }) => {
    const notes: string[] = [];
    if (many) notes.push(`${visits.length === 1 ? 'attempt' : 'attempts'} ${[...visits].sort((a, b) => a - b).map((v) => v + 1).join(', ')}`);
    if (feedback) notes.push('revise loop');
    return notes.length > 0 ? `${text} (${notes.join(', ')})` : text;
  });
}

export function checkText(check: LineageCheck): string {
  const outcome = check.status === 'pass' ? 'passed' : check.status === 'fail' ? 'failed' : check.status === 'error' ? 'could not check' : 'skipped';
  return `${check.validator} ${outcome}${check.label ? `: ${check.label}` : ''}`;
}

/** A gate's review: the decision, or that it waits, or why no person was asked. */
export function lineageReviewText(review: LineageReview): string {
  if (review.decision) return decisionText(review.decision);
  if (review.reviewed) return 'Waiting for a person to decide.';
  return `${reviewReasonText(review.reason)}.`;
}
