/**
 * Decisions as evidence: stored and counted in one transaction (both or neither), exactly once,
 * against the configuration that produced the output; a step without a trust record still gets
 * its decision; the JSONL export of a step's reviewed examples.
 */
import { describe, expect, it } from 'vitest';
import { makeReviewItem } from '../engine/run/storeFixtures';
import { ReviewAlreadyDecidedError } from '../engine/run/reviewRecords';
import type { ReviewItem } from '../engine/run/types';
import { newTrustRecord, setTierByHand, type TrustRecord } from '../engine/trust';
import { createDexieRunStore } from './runStore';
import { testDatabases } from './testDatabases';
import { injectQuotaErrors } from './testSupport';
import { countDecision, decideWithEvidence } from './trustDecisions';
import { exampleOf, reviewedExamplesJsonl, toJsonl } from './trustExport';
import type { Verdict } from '../engine/validation/verdict';
import { createDexieTrustStore } from './trustStore';

const open = testDatabases('trust-decisions');

const KEY = 'flow-1/node-1';

async function setup(items: ReviewItem[], options: { record?: boolean; quota?: boolean } = {}) {
  const db = open();
  const quota = options.quota ? injectQuotaErrors(db) : undefined;
  await db.reviews.bulkPut(items);
  const trust = createDexieTrustStore(db);
  if (options.record !== false) await trust.update(KEY, () => newTrustRecord('flow-1', 'node-1', 'fp-now', 'seed', 1));
  return { db, store: createDexieRunStore(db), trust, quota };
}

const item = (n: number, overrides: Partial<ReviewItem> = {}) => makeReviewItem(`r${n}`, 2, 0, { trustKey: KEY, fingerprint: 'fp-now', ...overrides });
const load = async (trust: ReturnType<typeof createDexieTrustStore>) => (await trust.load(KEY)) as TrustRecord;

describe('decisions counted as evidence', () => {
  it('stores the decision and its evidence together, exactly once', async () => {
    const { db, store, trust } = await setup([item(1), item(2)]);
    const decided = await decideWithEvidence(db, store, 'r1:2:0', { action: 'edit', editedOutput: { text: 'better' }, by: 'Ada', at: 10 });
    expect(decided).toMatchObject({ status: 'decided', decision: { action: 'edit', by: 'Ada' } });
    expect((await load(trust)).evidence).toEqual({ reviewed: 1, approvedAsIs: 0, edited: 1, rejected: 0 });

    await expect(decideWithEvidence(db, store, 'r1:2:0', { action: 'approve', by: 'Grace', at: 11 })).rejects.toBeInstanceOf(ReviewAlreadyDecidedError);
    expect(await countDecision(db, decided)).toBe(false);
    expect((await load(trust)).evidence.reviewed).toBe(1);
    expect((await db.trustEvents.where('reviewId').equals('r1:2:0').toArray()).map((e) => e.kind)).toEqual(['decision']);

    // Two decisions racing on one item: one stored, one counted.
    const results = await Promise.allSettled([
      decideWithEvidence(db, store, 'r2:2:0', { action: 'approve', by: 'Ada', at: 12 }),
      decideWithEvidence(db, store, 'r2:2:0', { action: 'reject', reason: 'no', by: 'Grace', at: 12 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await load(trust)).evidence.reviewed).toBe(2);
  });

  it('neither is stored when the transaction fails', async () => {
    const { db, store, trust, quota } = await setup([item(1)], { quota: true });
    quota?.failNext();
    await expect(decideWithEvidence(db, store, 'r1:2:0', { action: 'approve', by: 'Ada', at: 10 })).rejects.toThrow();
    expect((await db.reviews.get('r1:2:0'))?.status).toBe('pending');
    expect((await load(trust)).evidence.reviewed).toBe(0);
    await decideWithEvidence(db, store, 'r1:2:0', { action: 'approve', by: 'Ada', at: 11 });
    expect((await load(trust)).evidence.reviewed).toBe(1);
  });

  it('a rejection at a reduced tier demotes the step with the decision', async () => {
    const { db, store, trust } = await setup([item(1)]);
    await trust.update(KEY, (current) => setTierByHand(current as TrustRecord, { tier: 0.2, by: 'Lead', at: 5, reason: 'pilot' }));
    await decideWithEvidence(db, store, 'r1:2:0', { action: 'reject', reason: 'Wrong.', by: 'Grace', at: 10 });
    const record = await load(trust);
    expect(record.tier).toBe(1);
    expect(record.history.at(-1)).toMatchObject({ kind: 'demoted', from: 0.2, to: 1 });
  });

  it('an output of an earlier configuration is recorded, not counted; a step without a record is left alone', async () => {
    const old = await setup([item(1, { fingerprint: 'fp-old' })]);
    await decideWithEvidence(old.db, old.store, 'r1:2:0', { action: 'reject', reason: 'x', by: 'Ada', at: 10 });
    expect((await load(old.trust)).evidence.reviewed).toBe(0);
    expect((await load(old.trust)).history.at(-1)).toMatchObject({ kind: 'decision', counted: false });

    const none = await setup([item(1, {})], { record: false });
    expect(await decideWithEvidence(none.db, none.store, 'r1:2:0', { action: 'approve', by: 'Ada', at: 10 })).toMatchObject({ status: 'decided' });
    expect(await none.db.trust.count()).toBe(0);
  });

  it('items created before trust keys count for the step feeding their gate', async () => {
    const { trustKey: _k, fingerprint: _f, ...legacy } = item(1);
    const { db, store, trust } = await setup([legacy]);
    await decideWithEvidence(db, store, 'r1:2:0', { action: 'approve', by: 'Ada', at: 10 });
    expect((await load(trust)).evidence.approvedAsIs).toBe(1);
  });
});

describe('reviewed examples as JSONL', () => {
  it('one line per decided item of the step, oldest first, with the documented fields', async () => {
    const items = [
      item(1, { createdAt: 30, input: { ticket: 'A' }, output: 'Reply A' }),
      item(2, { createdAt: 10, input: { ticket: 'B' }, output: 'Reply B' }),
      item(3, { createdAt: 20 }),
      item(4, { createdAt: 5, subjectNodeId: 'other', trustKey: 'flow-1/other' }),
    ];
    const { db, store } = await setup(items);
    await decideWithEvidence(db, store, 'r1:2:0', { action: 'approve', by: 'Ada', at: Date.UTC(2026, 0, 2) });
    await decideWithEvidence(db, store, 'r2:2:0', { action: 'edit', editedOutput: 'Reply B, fixed', by: 'Grace', at: Date.UTC(2026, 0, 1) });
    await decideWithEvidence(db, store, 'r4:2:0', { action: 'approve', by: 'Ada', at: 1 });
    const { text, count } = await reviewedExamplesJsonl(db, 'flow-1', 'node-1');
    expect(count).toBe(2);
    expect(text).toBe(
      '{"input":{"ticket":"B"},"output":"Reply B","decision":"edited","editedOutput":"Reply B, fixed","reason":null,"reviewer":"Grace","decidedAt":"2026-01-01T00:00:00.000Z","runId":"r2","checks":[]}\n' +
        '{"input":{"ticket":"A"},"output":"Reply A","decision":"approved","editedOutput":null,"reason":null,"reviewer":"Ada","decidedAt":"2026-01-02T00:00:00.000Z","runId":"r1","checks":[]}\n',
    );
    expect(text.trimEnd().split('\n').map((line) => Object.keys(JSON.parse(line) as object))).toEqual([
      ['input', 'output', 'decision', 'editedOutput', 'reason', 'reviewer', 'decidedAt', 'runId', 'checks'],
      ['input', 'output', 'decision', 'editedOutput', 'reason', 'reviewer', 'decidedAt', 'runId', 'checks'],
    ]);
  });

  it('a rejection carries its reason; pending items make no line; no items make empty text', () => {
    const rejected = exampleOf({ ...item(1), status: 'decided', decision: { action: 'reject', reason: 'Too long.', by: 'Ada', at: 0 } });
    expect(rejected).toMatchObject({ decision: 'rejected', reason: 'Too long.', editedOutput: null, decidedAt: '1970-01-01T00:00:00.000Z' });
    expect(exampleOf(item(2))).toBeNull();
    expect(toJsonl([])).toBe('');
  });

  it('an example keeps where each validator stood when the person decided: its latest verdict', () => {
    const verdict = (layer: Verdict['layer'], status: Verdict['status'], attempt: number, score: number | null): Verdict => ({
      layer, validator: layer === 'judge' ? 'Quality judge' : 'Facts', version: 'v', nodeId: layer, kind: layer, stepIndex: 1, visit: attempt - 1, attempt,
      status, score, threshold: layer === 'judge' ? 7 : 1, label: null, explanation: '', findings: [], latencyMs: 1, inputTokens: 0, outputTokens: 0, costUsd: null, at: attempt,
    });
    const verdicts = [verdict('judge', 'pass', 1, 8), verdict('grounding', 'fail', 1, 0.5), verdict('judge', 'pass', 2, 9), verdict('grounding', 'pass', 2, 1), verdict('human', 'fail', 2, null)];
    const example = exampleOf({ ...item(1), verdicts, status: 'decided', decision: { action: 'reject', reason: 'Wrong tone.', by: 'Ada', at: 0 } });
    expect(example?.checks).toEqual([
      { layer: 'judge', validator: 'Quality judge', status: 'pass', score: 9, threshold: 7 },
      { layer: 'grounding', validator: 'Facts', status: 'pass', score: 1, threshold: 1 },
    ]);
  });
});
