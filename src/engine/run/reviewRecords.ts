/**
 * Review items as the stores keep them: checking a decision or comment before it is stored, the
 * one-decision rule, and the errors both stores (memory and Dexie) raise, so they behave the same.
 */
import { TrellisError } from '../util/errors';
import type { Checkpoint, ReviewComment, ReviewDecision, ReviewItem, RunRecord } from './types';

const ACTIONS = new Set(['approve', 'reject', 'edit']);
const MAX_NAME = 200;
const MAX_TEXT = 20_000;

/** Deciding an item that already has a decision. Carries who decided it, and when. */
export class ReviewAlreadyDecidedError extends TrellisError {
  readonly reviewId: string;
  readonly decidedBy: string;
  readonly decidedAt: number;
  readonly decision: ReviewDecision;

  constructor(reviewId: string, decision: ReviewDecision) {
    super('conflict', `This output was already ${pastTense(decision.action)} by ${decision.by} at ${new Date(decision.at).toISOString()}; only one decision is kept, so yours was not stored.`, {
      details: { reviewId, decidedBy: decision.by, decidedAt: decision.at, action: decision.action },
    });
    this.name = 'ReviewAlreadyDecidedError';
    this.reviewId = reviewId;
    this.decidedBy = decision.by;
    this.decidedAt = decision.at;
    this.decision = decision;
  }
}

/** Deciding an item whose run ended (cancelled, or failed elsewhere) while it waited. */
export class ReviewWithdrawnError extends TrellisError {
  readonly reviewId: string;

  constructor(item: ReviewItem) {
    super('conflict', `This output no longer waits for review: its run ended${item.withdrawnAt === undefined ? '' : ` at ${new Date(item.withdrawnAt).toISOString()}`} before a decision. Resume the run to review it again.`, {
      details: { reviewId: item.id, runId: item.runId },
    });
    this.name = 'ReviewWithdrawnError';
    this.reviewId = item.id;
  }
}

/** Run statuses that end a run: its pending review items are withdrawn with it. */
export const ENDED_STATUSES: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

/** The item withdrawn at `at` if it still waited; else unchanged. */
export function withdrawn(item: ReviewItem, at: number): ReviewItem {
  return item.status === 'pending' ? { ...item, status: 'withdrawn', withdrawnAt: at } : item;
}

function pastTense(action: ReviewDecision['action']): string {
  return action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'edited and approved';
}

export function reviewNotFound(id: string): TrellisError {
  return new TrellisError('not_found', `There is no review item "${id}".`);
}

function checkName(by: unknown, what: string): string {
  if (typeof by !== 'string' || by.trim() === '') throw new TrellisError('input', `${what} needs the reviewer's name.`);
  if (by.length > MAX_NAME) throw new TrellisError('input', `${what}: the reviewer's name is longer than ${MAX_NAME} characters.`);
  return by.trim();
}

function checkTime(at: unknown, what: string): number {
  if (typeof at !== 'number' || !Number.isFinite(at)) throw new TrellisError('input', `${what} needs a time (ms since the epoch).`);
  return at;
}

/** A valid copy of a decision, or an 'input' TrellisError saying what is wrong with it. */
export function checkDecision(decision: ReviewDecision): ReviewDecision {
  const what = 'A review decision';
  if (!ACTIONS.has(decision.action)) throw new TrellisError('input', `${what} must approve, reject or edit; "${String(decision.action)}" is none of them.`);
  const checked: ReviewDecision = { action: decision.action, by: checkName(decision.by, what), at: checkTime(decision.at, what) };
  if (decision.reason !== undefined) {
    if (typeof decision.reason !== 'string' || decision.reason.length > MAX_TEXT) throw new TrellisError('input', `${what}: the reason must be text of at most ${MAX_TEXT} characters.`);
    if (decision.reason.trim() !== '') checked.reason = decision.reason.trim();
  }
  if (decision.action === 'reject' && checked.reason === undefined) throw new TrellisError('input', 'A rejection needs a reason: say what is wrong, so the output can be revised.');
  if (decision.action === 'edit') {
    if (decision.editedOutput === undefined) throw new TrellisError('input', 'An edit needs the edited output.');
    checked.editedOutput = decision.editedOutput;
  } else if (decision.editedOutput !== undefined) {
    throw new TrellisError('input', `Only an edit carries an edited output; this decision ${decision.action}s.`);
  }
  return checked;
}

export function checkComment(comment: ReviewComment): ReviewComment {
  const what = 'A comment';
  if (typeof comment.text !== 'string' || comment.text.trim() === '') throw new TrellisError('input', `${what} needs some text.`);
  if (comment.text.length > MAX_TEXT) throw new TrellisError('input', `${what} is longer than ${MAX_TEXT} characters.`);
  return { by: checkName(comment.by, what), at: checkTime(comment.at, what), text: comment.text.trim() };
}

/** The item with `decision` stored; refuses a second decision. `decision` must be checked. */
export function withDecision(item: ReviewItem, decision: ReviewDecision): ReviewItem {
  if (item.decision) throw new ReviewAlreadyDecidedError(item.id, item.decision);
  if (item.status === 'withdrawn') throw new ReviewWithdrawnError(item);
  return { ...item, status: 'decided', decision };
}

export function withComment(item: ReviewItem, comment: ReviewComment): ReviewItem {
  return { ...item, comments: [...item.comments, comment] };
}

/** Orders a run's review items by step, then visit. */
export function compareReviews(a: ReviewItem, b: ReviewItem): number {
  return a.stepIndex - b.stepIndex || a.visit - b.visit;
}

/** True when the stored run has every value the checkpoint expects. */
export function meetsExpectation(run: RunRecord, expect: Checkpoint['expect']): boolean {
  if (!expect) return true;
  return Object.entries(expect).every(([key, value]) => (run as unknown as Record<string, unknown>)[key] === value);
}

export function conflictError(runId: string, expect: NonNullable<Checkpoint['expect']>, run: RunRecord): TrellisError {
  const wanted = Object.entries(expect).map(([key, value]) => `${key} ${JSON.stringify(value)}`).join(', ');
  return new TrellisError('conflict', `Run "${runId}" changed in the meantime (expected ${wanted}; it is ${run.status} after ${run.resumes} resumes), so this write was not applied.`, {
    details: { runId, expected: expect, status: run.status, resumes: run.resumes },
  });
}

/** Conflicts are answers to a conditional write, not lost writes: flush does not report them. */
export function isConflict(error: unknown): boolean {
  return error instanceof TrellisError && error.code === 'conflict';
}
