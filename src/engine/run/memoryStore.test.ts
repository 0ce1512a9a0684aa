import { describe, expect, it } from 'vitest';
import { createMemoryRunStore } from './memoryStore';
import { runStoreContract } from './storeContract';
import { makeRun, makeStep } from './storeFixtures';

runStoreContract('memory', () => Promise.resolve({ store: createMemoryRunStore() }), { copiesCheckpoints: true });

describe('memory run store helpers', () => {
  it('snapshot() returns a deep copy of everything, steps in run/plan order', async () => {
    const store = createMemoryRunStore();
    await store.createRun(makeRun('b'));
    await store.createRun(makeRun('a'));
    await store.checkpoint({ runId: 'b', steps: [makeStep('b', 1), makeStep('b', 0)] });
    await store.checkpoint({ runId: 'a', steps: [makeStep('a', 0)], run: { status: 'succeeded' } });
    const snap = store.snapshot();
    expect(snap.checkpoints).toBe(2);
    expect(snap.steps.map((s) => s.id)).toEqual(['a:0:0', 'b:0:0', 'b:1:0']);
    snap.runs[0]!.status = 'failed';
    expect(store.snapshot().runs.map((r) => r.status)).toEqual(['running', 'succeeded']);
  });

  it('failWrites() rejects writes without applying them until cleared', async () => {
    const store = createMemoryRunStore();
    await store.createRun(makeRun('r1'));
    const full = new DOMException('full', 'QuotaExceededError');
    store.failWrites(full);
    await expect(store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 0)] })).rejects.toBe(full);
    await expect(store.flush()).rejects.toBe(full);
    store.failWrites(undefined);
    await store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 1)] });
    await store.flush();
    expect((await store.loadRun('r1'))?.steps.map((s) => s.stepIndex)).toEqual([1]);
  });
});
