/**
 * A decision refused because the item was already decided (in another tab, or by someone else on
 * this device): who decided, when and how, read from the store's 'conflict' error, and the words
 * the reviewer is told.
 */
import type { ReviewAction } from '../../engine/run/types';

export interface PriorDecision {
  by: string;
  at: number;
  action?: ReviewAction;
}

/** The decision already stored, when `error` is the store refusing a second one; else undefined. */
export function priorDecisionOf(error: unknown): PriorDecision | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { code, details } = error as { code?: unknown; details?: unknown };
  if (code !== 'conflict' || details === null || typeof details !== 'object') return undefined;
  const { decidedBy, decidedAt, action } = details as Record<string, unknown>;
  if (typeof decidedBy !== 'string' || typeof decidedAt !== 'number') return undefined;
  return { by: decidedBy, at: decidedAt, ...(action === 'approve' || action === 'reject' || action === 'edit' ? { action } : {}) };
}

const PAST: Record<ReviewAction, string> = { approve: 'approved', reject: 'rejected', edit: 'edited and approved' };
const time = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** `refused`: the reviewer's own decision was turned down (else the item was decided while they looked at it). */
export function alreadyDecidedText(prior: PriorDecision, refused = true): string {
  const text = `Already decided by ${prior.by} at ${time.format(prior.at)}${prior.action ? ` (${PAST[prior.action]})` : ''}.`;
  return refused ? `${text} Only one decision is kept, so yours was not stored.` : text;
}

export function errorText(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
