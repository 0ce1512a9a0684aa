/**
 * Dataset runs through IndexedDB (fake-indexeddb): every row runs once, concurrency is honoured,
 * a failing row does not stop the others, cancel stops starting rows, and a resume starts only
 * the rows without a run and resumes the interrupted ones.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { flowOf } from '../../engine/testing/flows';
import { offlineServices } from '../../engine/testing/services';
import { resumeRun, startRun } from '../../engine/run/executor';
import type { RunRecord } from '../../engine/run/types';
import { TrellisDB } from '../../storage/db';
import { createDexieRunStore } from '../../storage/runStore';
import { batchRunId, createBatch, getBatch, type StoredBatch } from '../../storage/batches';
import { executeBatch, type BatchDeps, type RowExecution } from './batchExecution';

const flow = flowOf(
  [
    ['in', 'input', { fields: [{ name: 'name', type: 'string', required: true }, { name: 'n', type: 'number', required: false }] }],
    ['greet', 'template', { template: 'Hello {{name}}' }],
    ['out', 'output', { name: 'greeting' }],
  ],
  ['in.name -> greet.name', 'greet.text -> out.value'],
);

const opened: TrellisDB[] = [];
let counter = 0;
function openDb(): TrellisDB {
  const db = new TrellisDB({ name: `batch-test-${counter++}`, indexedDB, IDBKeyRange });
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function batchOf(id: string, inputs: Record<string, unknown>[], concurrency = 3): StoredBatch {
  return {
    id,
    flowId: flow.id,
    flowName: flow.name,
    source: 'people.csv',
    mapping: { name: 'name' },
    concurrency,
    total: inputs.length,
    status: 'running',
    createdAt: 1,
    runIds: inputs.map(() => null),
    doc: flow,
    inputs,
    inputNames: ['name', 'n'],
  };
}

function deps(db: TrellisDB, watch: { active: number; max: number; started: string[] } = { active: 0, max: 0, started: [] }): BatchDeps {
  const store = createDexieRunStore(db);
  const services = offlineServices();
  const track = (make: () => Promise<{ done: Promise<RunRecord>; cancel(): void }>): RowExecution => {
    watch.active += 1;
    watch.max = Math.max(watch.max, watch.active);
    const handle = make();
    return {
      done: handle.then((h) => h.done).finally(() => (watch.active -= 1)),
      cancel: () => void handle.then((h) => h.cancel()),
    };
  };
  return {
    db,
    saveEveryMs: 5,
    start: (doc, inputs, runId, batchId) => {
      watch.started.push(runId);
      return track(() => startRun(doc, inputs, { store, services, runId, batchId }));
    },
    resume: (runId) => track(() => resumeRun(runId, { store, services })),
  };
}

describe('executeBatch', () => {
  it('runs every row once, at most `concurrency` at a time, and a bad row fails alone', async () => {
    const db = openDb();
    const inputs = Array.from({ length: 10 }, (_, i) => (i === 4 ? { n: 'x' } : { name: `P${i + 1}` }));
    await createBatch(db, batchOf('b1', inputs, 3));
    const watch = { active: 0, max: 0, started: [] as string[] };
    const status = await executeBatch('b1', deps(db, watch)).done;
    expect(status).toBe('failed');
    expect(watch.max).toBe(3);
    expect(watch.started).toEqual(inputs.map((_, i) => batchRunId('b1', i)));
    const batch = await getBatch(db, 'b1');
    expect(batch?.status).toBe('failed');
    expect(batch?.finishedAt).toBeGreaterThan(0);
    expect(batch?.runIds).toEqual(inputs.map((_, i) => batchRunId('b1', i)));
    const runs = await db.runs.bulkGet(batch?.runIds as string[]);
    expect(runs.map((r) => r?.status)).toEqual(inputs.map((_, i) => (i === 4 ? 'failed' : 'succeeded')));
    expect(runs[0]?.outputs).toEqual({ greeting: 'Hello P1' });
    expect(runs[0]?.batchId).toBe('b1');
    expect(runs[4]?.error?.message).toMatch(/"name" is required/);
  });

  it('ends succeeded when every row succeeded', async () => {
    const db = openDb();
    await createBatch(db, batchOf('b2', [{ name: 'A' }, { name: 'B' }]));
    expect(await executeBatch('b2', deps(db)).done).toBe('succeeded');
  });

  it('cancel stops starting rows; a resume on request runs the rest once', async () => {
    const db = openDb();
    const inputs = Array.from({ length: 8 }, (_, i) => ({ name: `P${i}` }));
    await createBatch(db, batchOf('b3', inputs, 2));
    const watch = { active: 0, max: 0, started: [] as string[] };
    const base = deps(db, watch);
    let handle: ReturnType<typeof executeBatch> | undefined = undefined;
    const cancelling: BatchDeps = {
      ...base,
      start: (...args) => {
        const execution = base.start(...args);
        if (watch.started.length === 3) handle?.cancel();
        return execution;
      },
    };
    handle = executeBatch('b3', cancelling);
    expect(await handle.done).toBe('cancelled');
    const startedBefore = watch.started.length;
    expect(startedBefore).toBeLessThan(8);
    expect((await getBatch(db, 'b3'))?.status).toBe('cancelled');

    const again = { active: 0, max: 0, started: [] as string[] };
    expect(await executeBatch('b3', deps(db, again), { resume: 'request' }).done).toBe('succeeded');
    expect(again.started).toEqual(inputs.map((_, i) => batchRunId('b3', i)).slice(startedBefore));
    const batch = await getBatch(db, 'b3');
    expect(batch?.resumes).toBe(1);
    const runs = await db.runs.bulkGet(inputs.map((_, i) => batchRunId('b3', i)));
    expect(runs.every((r) => r?.status === 'succeeded')).toBe(true);
  });

  it('after a reload, starts rows without a run and resumes interrupted runs, leaving finished ones', async () => {
    const db = openDb();
    const inputs = Array.from({ length: 5 }, (_, i) => ({ name: `P${i}` }));
    await createBatch(db, batchOf('b4', inputs, 2));
    const store = createDexieRunStore(db);
    // Row 1 finished and row 2 was in flight when the tab went away (its run record says running).
    await (await startRun(flow, inputs[0] as Record<string, unknown>, { store, services: offlineServices(), runId: batchRunId('b4', 0), batchId: 'b4' })).done;
    const row2 = await db.runs.get(batchRunId('b4', 0));
    await db.runs.put({ ...(row2 as RunRecord), id: batchRunId('b4', 1), status: 'running', outputs: {}, inputs: inputs[1] as Record<string, unknown> });

    const resumed: string[] = [];
    const started = { active: 0, max: 0, started: [] as string[] };
    const base = deps(db, started);
    const status = await executeBatch('b4', { ...base, resume: (id) => (resumed.push(id), base.resume(id)) }, { resume: 'reload' }).done;
    expect(status).toBe('succeeded');
    expect(resumed).toEqual([batchRunId('b4', 1)]);
    expect(started.started).toEqual([2, 3, 4].map((i) => batchRunId('b4', i)));
    const run2 = await db.runs.get(batchRunId('b4', 1));
    expect(run2?.resumes).toBe(1);
    expect(run2?.outputs).toEqual({ greeting: 'Hello P1' });
  });

  it('a reload resume leaves a batch alone that is no longer marked running', async () => {
    const db = openDb();
    await createBatch(db, { ...batchOf('b6', [{ name: 'A' }]), status: 'cancelled' });
    const watch = { active: 0, max: 0, started: [] as string[] };
    expect(await executeBatch('b6', deps(db, watch), { resume: 'reload' }).done).toBe('cancelled');
    expect(watch.started).toEqual([]);
    expect((await getBatch(db, 'b6'))?.resumes).toBeUndefined();
  });

  it('records a row whose run cannot be created, and goes on', async () => {
    const db = openDb();
    await createBatch(db, batchOf('b5', [{ name: 'A' }, { name: 'B' }]));
    const base = deps(db);
    const status = await executeBatch('b5', {
      ...base,
      start: (doc, inputs, runId, batchId) => (runId.endsWith('_r1') ? { done: Promise.reject(new Error('disk full')), cancel() {} } : base.start(doc, inputs, runId, batchId)),
    }).done;
    expect(status).toBe('failed');
    const batch = await getBatch(db, 'b5');
    expect(batch?.rowErrors?.[0]?.message).toBe('disk full');
    expect((await db.runs.get(batchRunId('b5', 1)))?.status).toBe('succeeded');
  });
});
