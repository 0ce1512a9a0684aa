/**
 * The audit log as a file: `{ format: "trellis.audit", version: 1, headHash, count, entries }`,
 * entries oldest first, one per line (a 100,000-entry log stays readable and diffs line by line).
 * The head hash is the last entry's hash: anyone holding it (noted down, sent elsewhere) can tell
 * whether a file is the log it was, and the file verifies offline, with nothing but itself.
 */
import { isPlainObject } from '../util/json';
import { EMPTY_HEAD, GENESIS_HASH, type AuditEntry, type AuditHead, type VerifyFailure, type VerifyProgress, type VerifyResult } from './types';
import { verifyChain } from './verify';

export const AUDIT_FORMAT = 'trellis.audit';
export const AUDIT_FILE_VERSION = 1;

export interface AuditFile {
  format: typeof AUDIT_FORMAT;
  version: typeof AUDIT_FILE_VERSION;
  headHash: string;
  count: number;
  entries: AuditEntry[];
}

/**
 * The file text of `entries` (oldest first). `head` is where the log ends as recorded apart from
 * the entries (the database's head); by default the last entry. A file written from a damaged
 * log carries the recorded head, so it fails verification just as the log does.
 */
export function auditFileText(entries: readonly AuditEntry[], head: AuditHead = entries.length > 0 ? headOf(entries) : EMPTY_HEAD): string {
  const lines = entries.map((entry) => JSON.stringify(entry));
  const top = `{"format":${JSON.stringify(AUDIT_FORMAT)},"version":${AUDIT_FILE_VERSION},"headHash":${JSON.stringify(head.hash)},"count":${head.seq + 1},"entries":[`;
  return lines.length === 0 ? `${top}]}\n` : `${top}\n${lines.join(',\n')}\n]}\n`;
}

function headOf(entries: readonly AuditEntry[]): AuditHead {
  const last = entries[entries.length - 1] as AuditEntry;
  return { seq: last.seq, hash: last.hash };
}

const notALog = (reason: string): VerifyFailure => ({ ok: false, index: -1, seq: -1, problem: 'not_a_log', reason });

export interface VerifyFileOptions extends VerifyProgress {
  /** A head hash known from elsewhere (noted when the log was exported); the file must end there. */
  expectedHeadHash?: string;
}

/**
 * Verifies an exported log: the file's shape, then the whole chain against the file's head hash
 * and count (so entries cut from the end are found too), then against `expectedHeadHash`.
 */
export async function verifyAuditFile(text: string, options: VerifyFileOptions = {}): Promise<VerifyResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return notALog(`The file is not JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!isPlainObject(parsed) || parsed.format !== AUDIT_FORMAT) return notALog(`The file is not a Trellis audit log (its "format" is not "${AUDIT_FORMAT}").`);
  if (parsed.version !== AUDIT_FILE_VERSION) return notALog(`The file is an audit log of version ${JSON.stringify(parsed.version)}; this version of Trellis reads version ${AUDIT_FILE_VERSION}.`);
  const { headHash, count, entries } = parsed;
  if (typeof headHash !== 'string' || !/^[0-9a-f]{64}$/.test(headHash)) return notALog('The file has no head hash (a SHA-256 hash in "headHash").');
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return notALog('The file has no entry count ("count").');
  if (!Array.isArray(entries)) return notALog('The file has no list of entries ("entries").');
  if (count === 0 && headHash !== GENESIS_HASH) return notALog('The file says it holds no entries, but its head hash is not that of an empty log.');
  const result = await verifyChain(entries, { head: { seq: count - 1, hash: headHash }, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  if (result.ok && options.expectedHeadHash !== undefined && options.expectedHeadHash.trim().toLowerCase() !== result.headHash) {
    return {
      ok: false,
      index: entries.length - 1,
      seq: count - 1,
      problem: 'head_mismatch',
      reason: `the file's chain is intact but ends at another head (${result.headHash.slice(0, 12)}…, not the expected ${options.expectedHeadHash.trim().slice(0, 12)}…).`,
    };
  }
  return result;
}

/** One sentence for a verification result, as the Audit page and reports say it. */
export function describeVerification(result: VerifyResult): string {
  if (result.ok) return `Intact: ${result.count.toLocaleString('en-US')} ${result.count === 1 ? 'entry' : 'entries'}, head ${result.headHash}`;
  if (result.problem === 'not_a_log') return result.reason;
  if (result.problem === 'deleted') return `${result.reason.charAt(0).toUpperCase()}${result.reason.slice(1)}`;
  return `Entry #${result.seq} does not match: ${result.reason}`;
}
