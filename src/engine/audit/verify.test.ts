import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../flow/canonical';
import { chainDrafts, entryText, hashEntry, sha256Text } from './hash';
import { EMPTY_HEAD, GENESIS_HASH, type AuditDraft, type AuditEntry, type VerifyResult } from './types';
import { VERIFY_BATCH, verifyChain, verifyChainBatches } from './verify';

const TYPES = ['run.started', 'step.finished', 'review.decided', 'trust.changed'] as const;

function drafts(count: number): AuditDraft[] {
  return Array.from({ length: count }, (_, i) => ({
    at: 1_700_000_000_000 + i * 1000,
    type: TYPES[i % TYPES.length] as AuditDraft['type'],
    ...(i % 4 === 2 ? { actor: 'Ada Reviewer' } : {}),
    subject: { runId: `run_${Math.floor(i / 5)}`, stepId: `run_${Math.floor(i / 5)}:${i % 5}:0` },
    data: { status: 'succeeded', n: i, nested: { kind: 'template', ok: i % 2 === 0 } },
  }));
}

const chain = (count: number) => chainDrafts(EMPTY_HEAD, drafts(count));
const headOf = (entries: AuditEntry[]) => ({ seq: (entries.at(-1) as AuditEntry).seq, hash: (entries.at(-1) as AuditEntry).hash });
const failed = (result: VerifyResult) => {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
};

describe('audit chain', () => {
  it('chains drafts: seq from 0, each prevHash the previous hash, each hash over canonical JSON of the rest', async () => {
    const entries = await chain(3);
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
    const { hash, ...rest } = entries[1] as AuditEntry;
    expect(hash).toBe(await sha256Text(canonicalJson(rest)));
    expect(entryText(entries[1] as AuditEntry)).toBe(canonicalJson(rest));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // Key order does not matter; an absent actor is left out.
    const reordered = Object.fromEntries(Object.entries(entries[1] as AuditEntry).reverse()) as unknown as AuditEntry;
    expect(await hashEntry(reordered)).toBe(hash);
    expect('actor' in (entries[0] as AuditEntry)).toBe(false);
    expect(entries[2]?.actor).toBe('Ada Reviewer');
  });

  it('continues from a head', async () => {
    const first = await chain(3);
    const more = await chainDrafts(headOf(first), drafts(2));
    expect(more.map((e) => e.seq)).toEqual([3, 4]);
    expect(more[0]?.prevHash).toBe(first[2]?.hash);
    expect(await verifyChain([...first, ...more])).toEqual({ ok: true, count: 5, headHash: more[1]?.hash });
  });

  it('an intact chain verifies, with its count and head hash, reporting progress', async () => {
    const entries = await chain(5000);
    const progress: number[] = [];
    const result = await verifyChain(entries, { head: headOf(entries), onProgress: (done) => progress.push(done) });
    expect(result).toEqual({ ok: true, count: 5000, headHash: entries[4999]?.hash });
    expect(progress).toEqual(Array.from({ length: Math.ceil(5000 / VERIFY_BATCH) }, (_, i) => Math.min(5000, (i + 1) * VERIFY_BATCH)));
    const coarse: number[] = [];
    await verifyChain(entries, { batchSize: 2000, onProgress: (done) => coarse.push(done) });
    expect(coarse).toEqual([2000, 4000, 5000]);
    expect(await verifyChain([])).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
    expect(await verifyChain([], { head: EMPTY_HEAD })).toMatchObject({ ok: true });
  });
});

describe('tampering with any single entry of a 50-entry chain is found at that entry', async () => {
  const N = 50;
  const entries = await chain(N);
  const head = headOf(entries);
  const positions = Array.from({ length: N }, (_, i) => i);

  it.each(positions)('altering entry #%i (content, not re-hashed) is reported there as altered', async (p) => {
    const tampered = entries.map((e) => structuredClone(e));
    (tampered[p] as AuditEntry).data = { ...(tampered[p] as AuditEntry).data, status: 'failed' };
    const result = failed(await verifyChain(tampered, { head }));
    expect(result).toMatchObject({ index: p, seq: p, problem: 'altered' });
    expect(result.reason).toMatch(/^its content was altered \(its recorded hash is [0-9a-f]{12}…, its content hashes to [0-9a-f]{12}…\)\.$/);
  });

  it.each(positions)('altering entry #%i and re-hashing it breaks the link of the entry after it (or the head)', async (p) => {
    const tampered = entries.map((e) => structuredClone(e));
    const forged = { ...(tampered[p] as AuditEntry), actor: 'Mallory' };
    forged.hash = await hashEntry(forged);
    tampered[p] = forged;
    const result = failed(await verifyChain(tampered, { head }));
    if (p < N - 1) {
      expect(result).toMatchObject({ index: p + 1, seq: p + 1, problem: 'broken_link' });
      expect(result.reason).toContain(`#${p} was replaced`);
    } else {
      expect(result).toMatchObject({ index: p, seq: p, problem: 'head_mismatch' });
    }
  });

  it.each(positions)('deleting entry #%i is reported as entry #%i missing', async (p) => {
    const tampered = entries.filter((_, i) => i !== p);
    const result = failed(await verifyChain(tampered, { head }));
    expect(result).toMatchObject({ index: p, seq: p, problem: 'deleted' });
    expect(result.reason).toMatch(new RegExp(`^entry #${p} is missing`));
  });

  it.each(positions)('moving entry #%i elsewhere is reported as reordered where the order first breaks', async (p) => {
    const to = (p + 7) % N;
    const tampered = [...entries];
    const [moved] = tampered.splice(p, 1);
    tampered.splice(to, 0, moved as AuditEntry);
    const result = failed(await verifyChain(tampered, { head }));
    const first = Math.min(p, to);
    expect(result).toMatchObject({ index: first, problem: 'reordered' });
    expect(result.seq).toBe((tampered[first] as AuditEntry).seq);
  });

  it.each(positions.slice(0, N - 1))('swapping entries #%i and the next is reported as reordered at #%i', async (p) => {
    const tampered = [...entries];
    [tampered[p], tampered[p + 1]] = [tampered[p + 1] as AuditEntry, tampered[p] as AuditEntry];
    expect(failed(await verifyChain(tampered, { head }))).toMatchObject({ index: p, seq: p + 1, problem: 'reordered' });
  });

  it('deleting the last entry goes unnoticed without the head, and is found with it', async () => {
    const cut = entries.slice(0, N - 1);
    expect(await verifyChain(cut)).toMatchObject({ ok: true, count: N - 1 });
    expect(failed(await verifyChain(cut, { head }))).toMatchObject({ index: N - 1, seq: N - 1, problem: 'deleted' });
  });

  it('an inserted entry (well hashed, linked to its predecessor) is found where the sequence repeats', async () => {
    const forged = { ...(entries[10] as AuditEntry), data: { forged: true } };
    forged.hash = await hashEntry(forged);
    const tampered = [...entries.slice(0, 10), forged, ...entries.slice(10)];
    expect(failed(await verifyChain(tampered, { head }))).toMatchObject({ index: 11, seq: 10, problem: 'reordered' });
  });

  it('an entry whose prevHash was changed (and re-hashed) is a broken link', async () => {
    const tampered = [...entries];
    const relinked = { ...(entries[0] as AuditEntry), prevHash: 'f'.repeat(64) };
    relinked.hash = await hashEntry(relinked);
    tampered[0] = relinked;
    const result = failed(await verifyChain(tampered, { head }));
    expect(result).toMatchObject({ index: 0, seq: 0, problem: 'broken_link' });
    expect(result.reason).toContain('the start of the log');
  });

  it('a wrong head hash is a head mismatch; a head before the end is too', async () => {
    expect(failed(await verifyChain(entries, { head: { ...head, hash: 'a'.repeat(64) } }))).toMatchObject({ seq: N - 1, problem: 'head_mismatch' });
    expect(failed(await verifyChain(entries, { head: { seq: N - 3, hash: head.hash } }))).toMatchObject({ problem: 'head_mismatch' });
  });

  it('something that is not an entry is malformed, after the entries before it were checked', async () => {
    const tampered: unknown[] = [...entries];
    tampered[7] = { ...(entries[7] as AuditEntry), hash: 'not a hash' };
    expect(failed(await verifyChain(tampered))).toMatchObject({ index: 7, seq: 7, problem: 'malformed' });
    tampered[3] = 'text';
    expect(failed(await verifyChain(tampered))).toMatchObject({ index: 3, seq: 3, problem: 'malformed', reason: 'this is not an audit entry: it is not an object.' });
  });

  it('verifies the same from batches (as the database is read), and finds the same problems', async () => {
    async function* pages(list: readonly AuditEntry[], size: number) {
      for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
    }
    expect(await verifyChainBatches(pages(entries, 7), { head })).toEqual({ ok: true, count: N, headHash: head.hash });
    const altered = entries.map((e, i) => (i === 23 ? { ...e, at: e.at + 1 } : e));
    expect(failed(await verifyChainBatches(pages(altered, 7), { head }))).toMatchObject({ index: 23, seq: 23, problem: 'altered' });
    const deleted = entries.filter((_, i) => i !== 30);
    expect(failed(await verifyChainBatches(pages(deleted, 7), { head }))).toMatchObject({ index: 30, seq: 30, problem: 'deleted' });
    expect(failed(await verifyChainBatches(pages(entries.slice(0, 40), 7), { head }))).toMatchObject({ index: 40, seq: 40, problem: 'deleted' });
    const progress: Array<[number, number | undefined]> = [];
    await verifyChainBatches(pages(entries, 20), { head, total: N, onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([[20, 50], [40, 50], [50, 50]]);
  });
});
