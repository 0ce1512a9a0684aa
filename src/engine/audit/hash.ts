/**
 * SHA-256 for the audit trail, through Web Crypto (`crypto.subtle.digest`: browsers, workers and
 * Node 20+). An entry's hash is the digest of the canonical JSON (../flow/canonical.ts) of every
 * field but `hash`, so the same entry always hashes the same, whatever its key order.
 */
import { canonicalJson } from '../flow/canonical';
import type { AuditDraft, AuditEntry, AuditHead } from './types';

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number];
  return out;
}

/** Hex SHA-256 of the UTF-8 bytes of `text`. */
export async function sha256Text(text: string): Promise<string> {
  return hex(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Hex SHA-256 of a JSON value's canonical JSON (how a step's inputs and outputs are recorded). */
export function hashValue(value: unknown): Promise<string> {
  return sha256Text(canonicalJson(value));
}

/** The text an entry's hash is taken over: canonical JSON of the entry without `hash`. */
export function entryText(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
  const { hash: _hash, ...rest } = entry as AuditEntry;
  return canonicalJson(rest);
}

/** The hash an entry must carry. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'> | AuditEntry): Promise<string> {
  return sha256Text(entryText(entry));
}

/**
 * Chains drafts after `head`: seq, prevHash and hash, one after the other (each hash needs the
 * previous one). Drafts are copied; `actor` is left out when absent.
 */
export async function chainDrafts(head: AuditHead, drafts: readonly AuditDraft[]): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let prev = head;
  for (const draft of drafts) {
    const body: Omit<AuditEntry, 'hash'> = {
      seq: prev.seq + 1,
      at: draft.at,
      type: draft.type,
      ...(draft.actor !== undefined ? { actor: draft.actor } : {}),
      subject: { ...draft.subject },
      data: { ...draft.data },
      prevHash: prev.hash,
    };
    const entry: AuditEntry = { ...body, hash: await hashEntry(body) };
    entries.push(entry);
    prev = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}
