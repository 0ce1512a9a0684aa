/**
 * Schema upgrades. Every migration after version 1 needs an entry in `upgradeCases`: data written
 * with the previous version, checked after the upgrade. The coverage test fails when one is missing.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { makeFlowVersion, makeReviewItem, makeRun, makeStep } from '../engine/run/storeFixtures';
import { SCHEMA_VERSION, TrellisDB, migrations, type Migration } from './db';
import { createAuditLog } from './auditLog';
import { verifyStoredAudit } from './auditQueries';
import { createDexieRunStore } from './runStore';
import { upgradeFrom, type UpgradeCase } from './testSupport';

let counter = 0;
const fake = () => ({ name: `trellis-migrations-test-${++counter}`, indexedDB, IDBKeyRange });

/** Writes a run with steps, a flow version, a flow and a setting through version 1's shapes. */
async function seedV1(db: TrellisDB): Promise<void> {
  const store = createDexieRunStore(db);
  void store.saveFlowVersion(makeFlowVersion('h1'));
  void store.createRun(makeRun('r1', { flowVersion: 'h1' }));
  void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 0), makeStep('r1', 1)], run: { status: 'succeeded' } });
  await store.flush();
  await db.table('flows').put({ id: 'flow-1', name: 'Test flow', doc: makeFlowVersion('h1').flow, createdAt: 1, updatedAt: 2 });
  await db.table('settings').put({ key: 'reviewer', value: 'Ada' });
}

/** Keyed by the version upgraded to. */
const upgradeCases: Record<number, UpgradeCase> = {
  2: {
    async seed(db) {
      await seedV1(db);
      await db.table('runs').put(makeRun('r2', { flowVersion: 'h1', status: 'interrupted' }));
      await db.table('snapshots').put({ id: 's1', flowId: 'flow-1', name: 'First', doc: makeFlowVersion('h1').flow, createdAt: 3 });
    },
    async check(db) {
      // Version 1's data is all there, as it was.
      const store = createDexieRunStore(db);
      expect((await store.loadRun('r1'))?.steps.map((s) => s.id)).toEqual(['r1:0:0', 'r1:1:0']);
      expect((await store.loadRun('r1'))?.run).toEqual(makeRun('r1', { flowVersion: 'h1', status: 'succeeded' }));
      expect((await store.loadRun('r2'))?.run.status).toBe('interrupted');
      expect(await store.loadFlowVersion('h1')).toEqual(makeFlowVersion('h1'));
      expect(await db.settings.get('reviewer')).toEqual({ key: 'reviewer', value: 'Ada' });
      expect((await db.snapshots.get('s1'))?.name).toBe('First');
      expect(await db.runs.where('[status+createdAt]').between(['succeeded', 0], ['succeeded', Infinity]).count()).toBe(1);
      // The reviews table is new, empty and indexed for the queue; a paused run can be saved now.
      expect(await db.reviews.count()).toBe(0);
      expect(db.reviews.schema.indexes.map((i) => i.name)).toEqual(
        expect.arrayContaining(['runId', 'flowId', '[status+createdAt]', '[status+flowId+createdAt]', '[status+flowId+gateNodeId+createdAt]', '[status+reason.kind+createdAt]', '[status+flowId+reason.kind+createdAt]', '[flowId+subjectNodeId+createdAt]']),
      );
      await store.checkpoint({ runId: 'r2', steps: [makeStep('r2', 1, 0, { status: 'waiting_review', outputs: null })], run: { status: 'paused' }, review: makeReviewItem('r2', 1, 0, { reason: { kind: 'sampled', rate: 0.5, draw: 0.1, seed: 's' } }) });
      await store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 3) });
      const bySampled = await db.reviews.where('[status+reason.kind+createdAt]').between(['pending', 'sampled', 0], ['pending', 'sampled', Infinity]).toArray();
      expect(bySampled.map((r) => r.id)).toEqual(['r2:1:0']);
      const byGate = await db.reviews.where('[status+flowId+gateNodeId+createdAt]').between(['pending', 'flow-1', 'node-3', 0], ['pending', 'flow-1', 'node-3', Infinity]).toArray();
      expect(byGate.map((r) => r.id)).toEqual(['r1:3:0']);
      expect((await store.loadRun('r2'))?.run.status).toBe('paused');
      // Trust records and their event log are new and empty, with the indexes the Trust page uses.
      expect([await db.trust.count(), await db.trustEvents.count()]).toEqual([0, 0]);
      expect(db.trust.schema.indexes.map((i) => i.name)).toEqual(['flowId']);
      expect(db.trustEvents.schema.primKey.name).toBe('[key+seq]');
      expect(db.trustEvents.schema.indexes.map((i) => [i.name, i.unique ?? false])).toEqual([['[key+kind+seq]', false], ['reviewId', true]]);
    },
  },
  3: {
    async seed(db) {
      await seedV1(db);
      // Version 2's tables: a paused run's review item, a step's trust record and its events.
      const store = createDexieRunStore(db);
      await store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 3) });
      await db.table('trust').put({ key: 'flow-1/node-2', flowId: 'flow-1', nodeId: 'node-2', tier: 0.5, events: 1, executionEvents: 0 });
      await db.table('trustEvents').put({ key: 'flow-1/node-2', seq: 0, at: 1, kind: 'promoted', from: 1, to: 0.5, by: 'Ada' });
    },
    async check(db) {
      // Version 2's data is all there, as it was.
      const store = createDexieRunStore(db);
      expect((await store.loadRun('r1'))?.steps.map((s) => s.id)).toEqual(['r1:0:0', 'r1:1:0']);
      expect((await db.reviews.get('r1:3:0'))?.status).toBe('pending');
      expect((await db.trust.get('flow-1/node-2'))?.tier).toBe(0.5);
      expect(await db.trustEvents.where('[key+kind+seq]').between(['flow-1/node-2', 'promoted', 0], ['flow-1/node-2', 'promoted', Infinity]).count()).toBe(1);
      expect(await db.settings.get('reviewer')).toEqual({ key: 'reviewer', value: 'Ada' });
      // The audit trail is new and empty (nothing before was audited), keyed by seq, with the type
      // index the Audit page filters by; entries can be appended and verified.
      expect([await db.audit.count(), await db.auditHead.count()]).toEqual([0, 0]);
      expect(db.audit.schema.primKey.name).toBe('seq');
      expect(db.audit.schema.indexes.map((i) => i.name)).toEqual(['[type+seq]']);
      const log = createAuditLog(db, { lock: null });
      log.record({ at: 1, type: 'settings.changed', subject: { setting: 'reviewer' }, data: { change: 'set' } });
      await log.flush();
      expect(await verifyStoredAudit(db)).toMatchObject({ ok: true, count: 1 });
    },
  },
};

describe('schema migrations', () => {
  it('version 1 creates the first-cut tables and the indexes the runs list and run detail use', async () => {
    const db = new TrellisDB(fake());
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      expect.arrayContaining(['flowVersions', 'flows', 'runs', 'secrets', 'settings', 'stepLog']),
    );
    expect(db.runs.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['createdAt', '[flowId+createdAt]', '[status+createdAt]', '[flowId+status+createdAt]']),
    );
    expect(db.stepLog.schema.primKey.name).toBe('[runId+seq]');
    await db.delete();
  });

  it('every migration after version 1 has an upgrade case, and each passes', async () => {
    const needing = migrations.filter((m) => m.version > 1).map((m) => m.version);
    expect(Object.keys(upgradeCases).map(Number).sort((a, b) => a - b)).toEqual(needing);
    for (const version of needing) {
      const previous = Math.max(...migrations.filter((m) => m.version < version).map((m) => m.version));
      await upgradeFrom(previous, upgradeCases[version] as UpgradeCase, fake());
    }
  });

  it('data written at version 1 is all there after opening with the current version', async () => {
    await upgradeFrom(1, {
      seed: seedV1,
      async check(db) {
        expect(db.verno).toBe(SCHEMA_VERSION);
        const store = createDexieRunStore(db);
        const loaded = await store.loadRun('r1');
        expect(loaded?.run.status).toBe('succeeded');
        expect(loaded?.steps.map((s) => s.id)).toEqual(['r1:0:0', 'r1:1:0']);
        expect(await store.loadFlowVersion('h1')).toEqual(makeFlowVersion('h1'));
        expect(await db.settings.get('reviewer')).toEqual({ key: 'reviewer', value: 'Ada' });
        expect((await db.flows.get('flow-1'))?.name).toBe('Test flow');
      },
    }, fake());
  });

  it('the harness runs an upgrade function over the previous version\'s data (synthetic next version)', async () => {
    const next: Migration = {
      version: SCHEMA_VERSION + 1,
      description: 'Synthetic: tag every run, index runs by flow version, add a table.',
      stores: {
        runs: 'id, createdAt, [flowId+createdAt], [status+createdAt], [flowId+status+createdAt], flowVersion',
        synthetic: 'id, runId',
      },
      upgrade: (tx) => tx.table('runs').toCollection().modify((run: Record<string, unknown>) => {
        run.tags = [`flow:${String(run.flowId)}`];
      }),
    };
    await upgradeFrom(SCHEMA_VERSION, {
      seed: seedV1,
      async check(db) {
        expect(db.verno).toBe(SCHEMA_VERSION + 1);
        const runs = await db.table('runs').where('flowVersion').equals('h1').toArray();
        expect(runs).toEqual([{ ...makeRun('r1', { flowVersion: 'h1', status: 'succeeded' }), tags: ['flow:flow-1'] }]);
        expect(await db.table('synthetic').count()).toBe(0);
        expect((await createDexieRunStore(db).loadRun('r1'))?.steps).toHaveLength(2);
      },
    }, { ...fake(), migrations: [...migrations, next] });
  });

  it('refuses a migration list whose versions do not increase', () => {
    const bad: Migration[] = [...migrations, { version: 1, description: 'dup', stores: {} }];
    expect(() => new TrellisDB({ ...fake(), migrations: bad })).toThrow(/increasing versions/);
  });
});
