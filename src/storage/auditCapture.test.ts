/**
 * What the audit trail records from committed writes (auditCapture.ts): tier changes with who
 * made them, review decisions, named versions, settings changes, and that an API key was set or
 * removed, never the key itself. Aborted transactions and run checkpoints record nothing.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../engine/audit';
import { flowVersionHash } from '../engine/flow/hash';
import { makeFlowVersion, makeReviewItem, makeRun, makeStep } from '../engine/run/storeFixtures';
import { newTrustRecord, promote, recordExecution, setTierByHand, withFingerprint } from '../engine/trust';
import { captureAudit } from './auditCapture';
import { createAuditLog } from './auditLog';
import { createSnapshot } from './flowsRepo';
import { createDexieRunStore } from './runStore';
import { createMemorySessionKeyStore } from './sessionKeys';
import { maskKey, removeProvider, saveProvider, saveReviewerName, setDefaultProvider, type ProviderInput } from './settingsRepo';
import { testDatabases } from './testDatabases';
import { injectQuotaErrors } from './testSupport';
import { decideWithEvidence } from './trustDecisions';
import { updateTrust } from './trustStore';

const open = testDatabases('audit-capture');

const KEY = 'sk-proj-AuditZqxwTESTSECRETvalueQJ';

function setup() {
  const db = open();
  const log = createAuditLog(db, { lock: null, delayMs: 0 });
  captureAudit(db, log);
  const entries = async (): Promise<AuditEntry[]> => {
    await log.flush();
    return db.audit.orderBy(':id').toArray();
  };
  return { db, log, entries };
}

const summary = (entries: AuditEntry[]) => entries.map((e) => [e.type, e.data.change ?? e.data.action, e.actor ?? null]);

describe('audit capture', () => {
  it('settings: providers added, changed and removed, the default, the name; API keys set, replaced and removed, never their value', async () => {
    const { db, entries } = setup();
    const sessions = createMemorySessionKeyStore();
    await saveReviewerName(db, 'Ada Admin');
    const input: ProviderInput = { kind: 'openai-compatible', label: 'Local', baseURL: 'http://user:pw@localhost:11434/v1?token=abc', defaultModel: 'llama3.2', keyStorage: 'device', apiKey: KEY };
    const saved = await saveProvider(db, sessions, input);
    const id = saved.config.id;
    // Saving again unchanged (the key kept) records nothing new.
    await saveProvider(db, sessions, { ...input, id, apiKey: undefined });
    await saveProvider(db, sessions, { ...input, id, label: 'Local box', apiKey: `${KEY}2` });
    await setDefaultProvider(db, id);
    await removeProvider(db, sessions, id);
    await saveReviewerName(db, '');
    await db.secrets.put({ id: 'traceHeader:authorization', value: `Bearer ${KEY}`, updatedAt: 1 });
    const list = await entries();
    expect(summary(list)).toEqual([
      ['settings.changed', 'reviewer_name', 'Ada Admin'],
      ['settings.changed', 'provider_added', 'Ada Admin'],
      ['api_key.changed', 'set', 'Ada Admin'],
      ['settings.changed', 'provider_changed', 'Ada Admin'],
      ['api_key.changed', 'replaced', 'Ada Admin'],
      ['settings.changed', 'default_provider', 'Ada Admin'],
      ['settings.changed', 'provider_removed', 'Ada Admin'],
      ['api_key.changed', 'removed', 'Ada Admin'],
      // It was the default: the demo model is again.
      ['settings.changed', 'default_provider', 'Ada Admin'],
      ['settings.changed', 'reviewer_name', null],
      ['settings.changed', 'secret_set', null],
    ]);
    expect(list[10]?.subject).toEqual({ secret: 'traceHeader:authorization' });
    expect(list[1]).toMatchObject({ subject: { setting: `provider:${id}` }, data: { provider: id, label: 'Local', kind: 'openai-compatible', model: 'llama3.2', endpoint: 'http://localhost:11434/v1', keyStorage: 'device' } });
    expect(list[2]).toMatchObject({ subject: { provider: id }, data: { change: 'set' } });
    expect(list[8]?.data).toEqual({ change: 'default_provider', provider: 'demo' });
    expect(list[9]?.data).toEqual({ change: 'reviewer_name', name: null });
    // The key appears nowhere: not whole, not masked, not its end; nor the URL's password or token.
    const text = JSON.stringify(list);
    for (const secret of [KEY, `${KEY}2`, maskKey(KEY), KEY.slice(-4), 'pw@', 'token=abc']) expect(text).not.toContain(secret);
  });

  it('trust: tier changes with who made them (created, set by hand, demoted, reset by a configuration change), not executions, decisions or refused promotions', async () => {
    const { db, entries } = setup();
    const key = 'flow-1/draft';
    await updateTrust(db, key, () => newTrustRecord('flow-1', 'draft', 'fp-1', 'seed', 1));
    await updateTrust(db, key, (r) => setTierByHand(r!, { tier: 0.5, by: 'Grace', at: 2, reason: 'Known good' }));
    await db.reviews.put(makeReviewItem('r1', 2, 0, { trustKey: key, fingerprint: 'fp-1' }));
    await decideWithEvidence(db, createDexieRunStore(db), 'r1:2:0', { action: 'reject', reason: 'Wrong refund window', by: 'Ada', at: 3 });
    await expect(updateTrust(db, key, (r) => promote(r!, { by: 'Ada', at: 4 }))).rejects.toThrow();
    await updateTrust(db, key, (r) => recordExecution(r!, { reviewed: true, at: 5 }));
    await updateTrust(db, key, (r) => withFingerprint(r!, 'fp-2', 6));
    const list = await entries();
    expect(summary(list)).toEqual([
      ['trust.changed', 'created', null],
      ['trust.changed', 'set_by_hand', 'Grace'],
      ['review.decided', 'reject', 'Ada'],
      ['trust.changed', 'demoted', null],
      ['trust.changed', 'reset_fingerprint', null],
    ]);
    expect(list[4]?.data).toMatchObject({ fingerprint: 'fp-2', to: 1 });
    expect(list[1]).toMatchObject({ subject: { trustKey: key, flowId: 'flow-1', nodeId: 'draft' }, data: { from: 1, to: 0.5, reason: 'Known good' } });
    expect(list[2]).toMatchObject({ at: 3, subject: { reviewId: 'r1:2:0', runId: 'r1' }, data: { action: 'reject', reason: 'Wrong refund window' } });
    expect(list[3]?.data).toMatchObject({ from: 0.5, to: 1 });
    expect(list[3]?.data.reason).toContain('Ada rejected an output');
  });

  it('review decisions are recorded once, with an edit as the hash of the edited output; comments and pending items are not decisions', async () => {
    const { db, entries } = setup();
    const store = createDexieRunStore(db);
    await db.reviews.bulkPut([makeReviewItem('r1', 2), makeReviewItem('r2', 2)]);
    await decideWithEvidence(db, store, 'r1:2:0', { action: 'edit', editedOutput: { text: 'Better' }, by: 'Ada', at: 5 });
    await store.addReviewComment('r1:2:0', { by: 'Grace', at: 6, text: 'Agreed' });
    await expect(decideWithEvidence(db, store, 'r1:2:0', { action: 'approve', by: 'Grace', at: 7 })).rejects.toThrow();
    await store.decideReview('r2:2:0', { action: 'approve', by: 'Grace', at: 8 });
    const list = await entries();
    expect(summary(list)).toEqual([
      ['review.decided', 'edit', 'Ada'],
      ['review.decided', 'approve', 'Grace'],
    ]);
    expect(list[0]?.data.editedOutputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(list)).not.toContain('Better');
  });

  it('named versions of a flow are recorded with their content hash and the person', async () => {
    const { db, entries } = setup();
    await saveReviewerName(db, 'Ada');
    const doc = makeFlowVersion('h1').flow;
    await createSnapshot(db, doc, 'Before the prompt change', 'snap-1', 42);
    const list = (await entries()).filter((e) => e.type === 'flow.version_saved');
    expect(list).toEqual([
      expect.objectContaining({ at: 42, actor: 'Ada', subject: { flowId: doc.id, snapshotId: 'snap-1' }, data: { name: 'Before the prompt change', flowName: doc.name, versionHash: await flowVersionHash(doc) } }),
    ]);
  });

  it('an aborted transaction records nothing; run checkpoints (runs, steps, pending review items) record nothing', async () => {
    const { db, entries } = setup();
    const quota = injectQuotaErrors(db);
    quota.failNext();
    await expect(saveReviewerName(db, 'Nobody')).rejects.toThrow();
    const store = createDexieRunStore(db);
    void store.saveFlowVersion(makeFlowVersion('h1'));
    void store.createRun(makeRun('r1', { flowVersion: 'h1' }));
    void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 0)], run: { status: 'paused' }, review: makeReviewItem('r1', 1) });
    await store.flush();
    await db.transaction('rw', db.settings, async () => {
      await db.settings.put({ key: 'reviewerName', value: 'Rolled back' });
      throw new Error('changed my mind');
    }).catch(() => undefined);
    expect(await entries()).toEqual([]);
  });
});
