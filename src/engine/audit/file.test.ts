import { describe, expect, it } from 'vitest';
import { auditFileText, describeVerification, verifyAuditFile } from './file';
import { chainDrafts } from './hash';
import { EMPTY_HEAD, GENESIS_HASH, type AuditDraft, type AuditEntry } from './types';
import { VERIFY_BATCH } from './verify';

const drafts: AuditDraft[] = Array.from({ length: 20 }, (_, i) => ({
  at: 1_700_000_000_000 + i,
  type: i % 2 ? 'step.finished' : 'run.started',
  subject: { runId: `run_${i}` },
  data: { i },
}));

describe('audit log files', () => {
  it('an exported log has the format, version, head hash and count, one entry a line, and verifies', async () => {
    const entries = await chainDrafts(EMPTY_HEAD, drafts);
    const text = auditFileText(entries);
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(['format', 'version', 'headHash', 'count', 'entries']);
    expect(file).toMatchObject({ format: 'trellis.audit', version: 1, headHash: entries[19]?.hash, count: 20 });
    expect(file.entries).toEqual(entries);
    expect(text.split('\n')).toHaveLength(20 + 3);
    const result = await verifyAuditFile(text);
    expect(result).toEqual({ ok: true, count: 20, headHash: entries[19]?.hash });
    expect(describeVerification(result)).toBe(`Intact: 20 entries, head ${entries[19]?.hash}`);
    expect(await verifyAuditFile(text, { expectedHeadHash: entries[19]?.hash.toUpperCase() })).toMatchObject({ ok: true });
  });

  it('an empty log exports and verifies', async () => {
    const text = auditFileText([]);
    expect(JSON.parse(text)).toEqual({ format: 'trellis.audit', version: 1, headHash: GENESIS_HASH, count: 0, entries: [] });
    expect(await verifyAuditFile(text)).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('a tampered file is reported at the entry that was changed', async () => {
    const entries = await chainDrafts(EMPTY_HEAD, drafts);
    const text = auditFileText(entries).replace('"data":{"i":7}', '"data":{"i":70}');
    const result = await verifyAuditFile(text);
    expect(result).toMatchObject({ ok: false, index: 7, seq: 7, problem: 'altered' });
    expect(describeVerification(result)).toMatch(/^Entry #7 does not match: its content was altered/);
  });

  it('a file cut short, with its head left alone, is reported as entries missing from the end', async () => {
    const entries = await chainDrafts(EMPTY_HEAD, drafts);
    const text = auditFileText(entries.slice(0, 17), { seq: 19, hash: (entries[19] as AuditEntry).hash });
    const result = await verifyAuditFile(text);
    expect(result).toMatchObject({ ok: false, index: 17, seq: 17, problem: 'deleted' });
    expect(describeVerification(result)).toBe("Entries #17 to #19 are missing from the end: the log's head is #19, but it ends at #16.");
  });

  it('a wrong head hash in the file, or a head other than the one expected, is a head mismatch', async () => {
    const entries = await chainDrafts(EMPTY_HEAD, drafts);
    const wrong = auditFileText(entries, { seq: 19, hash: 'b'.repeat(64) });
    expect(await verifyAuditFile(wrong)).toMatchObject({ ok: false, seq: 19, problem: 'head_mismatch' });
    const text = auditFileText(entries);
    const other = await verifyAuditFile(text, { expectedHeadHash: (entries[18] as AuditEntry).hash });
    expect(other).toMatchObject({ ok: false, seq: 19, problem: 'head_mismatch' });
    if (!other.ok) expect(other.reason).toContain('intact but ends at another head');
  });

  it('a file that is not an audit log says why', async () => {
    const entries = await chainDrafts(EMPTY_HEAD, drafts);
    const good = JSON.parse(auditFileText(entries)) as Record<string, unknown>;
    const cases: Array<[string, RegExp]> = [
      ['{"format":', /not JSON/],
      ['[]', /not a Trellis audit log/],
      [JSON.stringify({ ...good, format: 'trellis.flow' }), /not a Trellis audit log/],
      [JSON.stringify({ ...good, version: 2 }), /version 2; this version of Trellis reads version 1/],
      [JSON.stringify({ ...good, headHash: 'x' }), /no head hash/],
      [JSON.stringify({ ...good, count: -1 }), /no entry count/],
      [JSON.stringify({ ...good, entries: {} }), /no list of entries/],
      [JSON.stringify({ ...good, count: 0, entries: [] }), /holds no entries, but its head hash/],
    ];
    for (const [text, reason] of cases) {
      const result = await verifyAuditFile(text);
      expect(result).toMatchObject({ ok: false, index: -1, problem: 'not_a_log' });
      if (!result.ok) expect(result.reason).toMatch(reason);
    }
  });

  it('reports progress while verifying a large file', async () => {
    const many = await chainDrafts(EMPTY_HEAD, Array.from({ length: 3000 }, (_, i) => ({ ...drafts[0], at: i }) as AuditDraft));
    const seen: Array<[number, number | undefined]> = [];
    await verifyAuditFile(auditFileText(many), { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([3000, 3000]);
    expect(seen.length).toBe(Math.ceil(3000 / VERIFY_BATCH));
    expect(seen.every(([done], i) => i === 0 || done > (seen[i - 1] as [number, number])[0])).toBe(true);
  });
});
