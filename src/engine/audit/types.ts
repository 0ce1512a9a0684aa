/**
 * The audit trail's entries (DESIGN.md: "Everything is traceable ... in a log that shows if it was
 * tampered with"). The log is append-only and hash-chained: entry n holds the hash of entry n-1,
 * and its own hash covers everything in it, that link included. Changing, removing, inserting or
 * moving an entry breaks the chain at that entry (see verify.ts).
 *
 * Entries record facts and ids, not values: a step's inputs and outputs appear as SHA-256 hashes,
 * and a secret never appears at all (an API key entry says only that the key of a provider was set
 * or removed).
 */
import type { JsonValue } from '../util/json';

/** What an entry records. */
export const AUDIT_TYPES = [
  'run.started',
  'run.finished',
  'step.finished',
  'step.failed',
  'review.decided',
  'trust.changed',
  'flow.version_saved',
  'flow.imported',
  'settings.changed',
  'api_key.changed',
] as const;

export type AuditType = (typeof AUDIT_TYPES)[number];

/** An entry before it joins the chain. */
export interface AuditDraft {
  /** Epoch milliseconds of the fact recorded (not of the write). */
  at: number;
  type: AuditType;
  /** Who did it, when a person did (a reviewer's name); absent for what the system did. */
  actor?: string;
  /** Ids of what it is about: runId, stepId, nodeId, flowId, reviewId, trustKey, provider... */
  subject: Record<string, string>;
  /** The facts, as JSON data. Never a secret, never a step's input or output value. */
  data: Record<string, JsonValue>;
}

/** An entry of the chain. */
export interface AuditEntry extends Omit<AuditDraft, 'type'> {
  /** 0, 1, 2, ... with no gaps. */
  seq: number;
  /** An AuditType (a string, so logs written by a newer version still verify). */
  type: string;
  /** The hash of entry seq - 1; GENESIS_HASH for entry 0. */
  prevHash: string;
  /** Hex SHA-256 of the canonical JSON of every other field of this entry (see hashEntry). */
  hash: string;
}

/** Where the chain ends: its last entry's seq and hash (seq -1 and GENESIS_HASH when empty). */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** The prevHash of entry 0, and the head hash of an empty log. */
export const GENESIS_HASH = '0'.repeat(64);

export const EMPTY_HEAD: AuditHead = { seq: -1, hash: GENESIS_HASH };

/**
 * What a verification found wrong:
 * - altered: the entry's content does not match its own hash (it was changed);
 * - deleted: an entry is missing (a gap in the sequence, or the end falls short of the head);
 * - reordered: an entry is out of place (it appears before its predecessor, or twice);
 * - broken_link: the entry's prevHash is not the hash of the entry before it (that one was
 *   replaced with a re-hashed forgery, or an entry was inserted);
 * - head_mismatch: the chain does not end at the head it should (a head hash or count recorded
 *   apart from the entries);
 * - malformed: the entry is not an audit entry (missing or mistyped fields);
 * - not_a_log: a file that is not an audit log export at all.
 */
export type AuditProblem = 'altered' | 'deleted' | 'reordered' | 'broken_link' | 'head_mismatch' | 'malformed' | 'not_a_log';

export type VerifyResult =
  | { ok: true; count: number; headHash: string }
  | {
      ok: false;
      /** Position in the list verified where the problem shows (-1: the file as a whole). */
      index: number;
      /** The entry it is about: for a deletion, the missing entry's seq. */
      seq: number;
      problem: AuditProblem;
      /** What does not match, in words. */
      reason: string;
    };

export type VerifyFailure = Extract<VerifyResult, { ok: false }>;

export interface VerifyProgress {
  /** Called after each batch with how many entries were checked, and the total when known. */
  onProgress?: (done: number, total: number | undefined) => void;
}
