/**
 * Reading the audit trail: pages of entries for the Audit page (newest first, optionally of one
 * type), verification of the stored chain against its head row (read page by page, so 100,000
 * entries never sit in memory at once), and the export file.
 */
import { Dexie } from 'dexie';
import { auditFileText, verifyChainBatches, type AuditEntry, type AuditHead, type VerifyResult } from '../engine/audit';
import type { TrellisDB } from './db';
import { readAuditHead } from './auditLog';

/** Entries read per page when verifying or exporting. */
export const AUDIT_PAGE = 2000;

export interface AuditFilter {
  type?: string;
}

function newestFirst(db: TrellisDB, filter: AuditFilter) {
  return filter.type ? db.audit.where('[type+seq]').between([filter.type, Dexie.minKey], [filter.type, Dexie.maxKey]).reverse() : db.audit.orderBy(':id').reverse();
}

/**
 * The page's reads run in explicit transactions, which Dexie's live-query cache leaves alone: after
 * a verification the page shows what is stored, even a change made outside the app.
 */
function fresh<T>(db: TrellisDB, read: () => Promise<T>): Promise<T> {
  return db.transaction('r', db.audit, read);
}

export function countAudit(db: TrellisDB, filter: AuditFilter = {}): Promise<number> {
  return fresh(db, () => (filter.type ? db.audit.where('[type+seq]').between([filter.type, Dexie.minKey], [filter.type, Dexie.maxKey]).count() : db.audit.count()));
}

/** Entries newest first, from `offset`, at most `limit`. */
export function listAudit(db: TrellisDB, query: AuditFilter & { offset: number; limit: number }): Promise<AuditEntry[]> {
  return fresh(db, () => newestFirst(db, query).offset(query.offset).limit(query.limit).toArray());
}

/** One entry, or undefined. */
export function readAuditEntry(db: TrellisDB, seq: number): Promise<AuditEntry | undefined> {
  return fresh(db, () => db.audit.get(seq));
}

/** Where entry `seq` (or the nearest one before it, when it is missing) stands in the newest-first list. */
export async function auditIndexOf(db: TrellisDB, seq: number, filter: AuditFilter = {}): Promise<number> {
  if (filter.type) return db.audit.where('[type+seq]').between([filter.type, seq], [filter.type, Dexie.maxKey], false).count();
  return db.audit.where(':id').above(seq).count();
}

/** The head row, or undefined when there is none. */
export async function storedHead(db: TrellisDB): Promise<AuditHead | undefined> {
  const row = await db.auditHead.get('head');
  return row ? { seq: row.seq, hash: row.hash } : undefined;
}

/** Entries up to `lastSeq`, oldest first, a page at a time (each page its own read). */
export async function* auditPages(db: TrellisDB, lastSeq: number, size = AUDIT_PAGE): AsyncGenerator<AuditEntry[]> {
  let from = 0;
  while (from <= lastSeq) {
    const page = await db.audit.where(':id').between(from, lastSeq, true, true).limit(size).toArray();
    if (page.length === 0) return;
    yield page;
    from = (page[page.length - 1] as AuditEntry).seq + 1;
  }
}

/**
 * Verifies the stored chain up to the head row (entries appended meanwhile are left for the next
 * verification). Without a head row the chain is verified as far as it goes, and a non-empty log
 * is then reported: the record of where it ends is gone.
 */
export async function verifyStoredAudit(db: TrellisDB, options: { onProgress?: (done: number, total: number | undefined) => void } = {}): Promise<VerifyResult> {
  const head = await storedHead(db);
  const last = head?.seq ?? ((await db.audit.orderBy(':id').lastKey()) as number | undefined) ?? -1;
  const result = await verifyChainBatches(auditPages(db, last), { total: last + 1, ...(head ? { head } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  if (result.ok && !head && result.count > 0) {
    return { ok: false, index: result.count - 1, seq: last, problem: 'head_mismatch', reason: 'the record of where the log ends is missing, so entries after it may have been removed.' };
  }
  return result;
}

/** The export file of the stored log, up to its head (see auditFileText). */
export async function exportStoredAudit(db: TrellisDB): Promise<{ text: string; count: number; headHash: string }> {
  const head = await readAuditHead(db);
  const entries: AuditEntry[] = [];
  for await (const page of auditPages(db, head.seq)) entries.push(...page);
  return { text: auditFileText(entries, head), count: head.seq + 1, headHash: head.hash };
}
