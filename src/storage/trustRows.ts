/**
 * How trust records are kept in IndexedDB (tables `trust` and `trustEvents`, see db.ts): a step's
 * record without its event history, and the history as one row per event. Converting between
 * the two is all this file does.
 */
import type { TrustEvent, TrustRecord } from '../engine/trust';

/** A step's trust record as stored: everything but the event history, plus two counters. */
export interface TrustRow extends Omit<TrustRecord, 'history' | 'trimmedExecutions'> {
  /** Events logged for this step so far; the next event's `seq`. */
  events: number;
  /** Execution events logged so far (over every fingerprint): what a chart's x axis counts. */
  executionEvents: number;
}

/** One event of a step's history. */
export interface TrustEventRow extends TrustEvent {
  key: string;
  /** 0, 1, 2, ... per step, in the order the events happened. */
  seq: number;
  /** On a decision event: the review item it counts (unique, so an item is counted once). */
  reviewId?: string;
}

/** The kinds of event that change a step's tier: its tier history. */
export const TIER_CHANGE_KINDS = ['created', 'promoted', 'demoted', 'set_by_hand', 'reset_fingerprint'] as const;

/** The record a stored row and (the retained part of) its events make. Events oldest first. */
export function recordOf(row: TrustRow, events: readonly TrustEventRow[]): TrustRecord {
  const { events: _events, executionEvents, ...rest } = row;
  const history = events.map(eventOf);
  const retained = history.filter((event) => event.kind === 'execution').length;
  return { ...rest, history, trimmedExecutions: Math.max(0, executionEvents - retained) };
}

/** The event without its storage fields. */
export function eventOf(row: TrustEventRow): TrustEvent {
  const { key: _key, seq: _seq, reviewId: _reviewId, ...event } = row;
  return event;
}

/**
 * The row to store for `record`, whose `history` holds only the events added since `previous`
 * was stored (see trustStore.ts), and those events as rows.
 */
export function rowsOf(record: TrustRecord, previous: TrustRow | undefined, tag: { reviewId?: string } = {}): { row: TrustRow; events: TrustEventRow[] } {
  const { history, trimmedExecutions: _trimmed, ...rest } = record;
  let seq = previous?.events ?? 0;
  const events = history.map((event): TrustEventRow => {
    const row: TrustEventRow = { ...event, key: record.key, seq: seq++ };
    if (tag.reviewId !== undefined && event.kind === 'decision') row.reviewId = tag.reviewId;
    return row;
  });
  const executions = history.filter((event) => event.kind === 'execution').length;
  return { row: { ...rest, events: seq, executionEvents: (previous?.executionEvents ?? 0) + executions }, events };
}
