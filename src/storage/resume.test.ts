/**
 * Resume through IndexedDB (fake-indexeddb in Node): a run whose tab went away after a number of
 * checkpoints is resumed by a fresh database connection (as after a reload), finishes with the
 * same outputs, and runs no completed step again.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import '../engine/testing/kinds';
import { resetTestKinds } from '../engine/testing/kinds';
import { flowOf } from '../engine/testing/flows';
import { offlineServices } from '../engine/testing/services';
import { resumeRun, startRun } from '../engine/run/executor';
import type { RunEvent, RunStore } from '../engine/run/types';
import { TrellisError } from '../engine/util/errors';
import { TrellisDB } from './db';
import { createDexieRunStore } from './runStore';

const flow = flowOf(
  [
    ['topic', 't_source', { input: 'topic' }],
    ['research', 't_costly', { append: ' +facts' }],
    ['compose', 't_costly', { inputs: ['in'], optional: ['feedback'], append: ' +draft' }],
    ['validate', 't_branch', { untilVisit: 1 }],
    ['out', 't_sink'],
  ],
  ['topic.out -> research.in', 'research.out -> compose.in', 'compose.out -> validate.in', { from: 'validate.no', to: 'compose.feedback', loop: 2 }, 'validate.yes -> out.value'],
);

const names: string[] = [];
const open = (name: string) => new TrellisDB({ name, indexedDB, IDBKeyRange });
afterEach(async () => {
  for (const name of names.splice(0)) await open(name).delete();
});

/** Passes the first `limit` checkpoints to the store, then loses every write: the tab is gone. */
function dyingAfter(store: RunStore, limit: number): RunStore {
  let passed = 0;
  const gone = () => Promise.reject(new TrellisError('internal', 'the tab is gone'));
  return { ...store, checkpoint: (c) => (passed++ < limit ? store.checkpoint(c) : gone()), flush: () => (passed <= limit ? store.flush() : gone()) };
}

describe('resume through IndexedDB', () => {
  it('resumes from every checkpoint boundary with a fresh connection, running no completed step again', async () => {
    names.push('reference');
    const reference = createDexieRunStore(open('reference'));
    const expected = await (await startRun(flow, { topic: 'tides' }, { store: reference, services: offlineServices() })).done;
    expect(expected.outputs).toEqual({ result: 'tides +facts +draft (revision 1)' });
    const total = reference.stats().writes - 2; // minus the flow version and the new run
    expect(total).toBeGreaterThan(8);

    for (let limit = 0; limit < total; limit++) {
      resetTestKinds();
      const name = `resume-${limit}`;
      names.push(name);
      const first = open(name);
      await (await startRun(flow, { topic: 'tides' }, { store: dyingAfter(createDexieRunStore(first), limit), services: offlineServices(), runId: 'r' })).done;
      first.close();

      const second = open(name);
      const store = createDexieRunStore(second);
      const before = (await store.loadRun('r'))?.steps.filter((s) => s.status === 'succeeded' || s.status === 'skipped') ?? [];
      const events: RunEvent[] = [];
      const run = await (await resumeRun('r', { store, services: offlineServices(), onEvent: (e) => events.push(e) })).done;
      expect(run.status, `after ${limit} checkpoints`).toBe('succeeded');
      expect(run.outputs).toEqual(expected.outputs);
      const again = events.flatMap((e) => (e.type === 'step.started' && before.some((s) => s.stepIndex === e.stepIndex && s.visit === e.visit) ? [e.nodeId] : []));
      expect(again, `after ${limit} checkpoints`).toEqual([]);
      second.close();
    }
  });
});
