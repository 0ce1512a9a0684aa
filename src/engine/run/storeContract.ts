/**
 * The RunStore contract as a test suite, run against every implementation:
 * `runStoreContract('memory', factory)` in memoryStore.test.ts, and the Dexie store in
 * src/storage/runStore.test.ts. See memoryStore.ts for the semantics it pins down.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { TrellisError } from '../util/errors';
import { compareSteps } from './memoryStore';
import { reviewStoreContract } from './reviewStoreContract';
import { makeFlowVersion, makeRun, makeStep } from './storeFixtures';
import type { Checkpoint, RunRecord, RunStore, StepRecord } from './types';

export interface StoreUnderTest {
  store: RunStore;
  dispose?: () => Promise<void> | void;
}

export type StoreFactory = () => Promise<StoreUnderTest>;

export interface ContractOptions {
  /**
   * The store copies checkpoint records when called (the memory store). The Dexie store takes
   * ownership instead: IndexedDB serialises them when the batch commits.
   */
  copiesCheckpoints: boolean;
}

export function runStoreContract(label: string, factory: StoreFactory, options: ContractOptions): void {
  describe(`RunStore contract: ${label}`, () => {
    const disposers: Array<() => Promise<void> | void> = [];
    const open = async () => {
      const made = await factory();
      if (made.dispose) disposers.push(made.dispose);
      return made.store;
    };
    afterEach(async () => {
      for (const dispose of disposers.splice(0)) await dispose();
    });

    reviewStoreContract(open);

    it('creates and loads a run; unknown runs load as undefined', async () => {
      const store = await open();
      const run = makeRun('r1', { error: { code: 'internal', message: 'x', retryable: false } });
      await store.createRun(run);
      expect(await store.loadRun('r1')).toEqual({ run, steps: [] });
      expect(await store.loadRun('nope')).toBeUndefined();
    });

    it('refuses to create a run whose id is taken, and keeps the stored one', async () => {
      const store = await open();
      await store.createRun(makeRun('r1', { flowName: 'first' }));
      await expect(store.createRun(makeRun('r1', { flowName: 'second' }))).rejects.toThrow(/already exists/);
      expect((await store.loadRun('r1'))?.run.flowName).toBe('first');
    });

    it('writes a checkpoint\'s steps and merges its run patch; undefined removes a field', async () => {
      const store = await open();
      await store.createRun(makeRun('r1', { error: { code: 'server', message: 'boom', retryable: true }, failedStep: 2 }));
      await store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 0)], run: { outputs: { a: 1 } } });
      await store.checkpoint({ runId: 'r1', steps: [], run: { status: 'succeeded', error: undefined, failedStep: undefined, finishedAt: 9 } });
      const loaded = await store.loadRun('r1');
      expect(loaded?.run).toEqual(makeRun('r1', { outputs: { a: 1 }, status: 'succeeded', finishedAt: 9 }));
      expect(loaded?.run).not.toHaveProperty('error');
      expect(loaded?.steps).toEqual([makeStep('r1', 0)]);
    });

    it('applies un-awaited checkpoints in call order and settles them in call order', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      const settledOrder: number[] = [];
      const pending = Array.from({ length: 50 }, (_, i) =>
        store
          .checkpoint({ runId: 'r1', steps: [makeStep('r1', 0, 0, { logs: [`write ${i}`] })], run: { outputs: { last: i } } })
          .then(() => settledOrder.push(i)),
      );
      await store.flush();
      expect(settledOrder).toEqual(Array.from({ length: 50 }, (_, i) => i));
      await Promise.all(pending);
      const loaded = await store.loadRun('r1');
      expect(loaded?.run.outputs).toEqual({ last: 49 });
      expect(loaded?.steps.map((s) => s.logs)).toEqual([['write 49']]);
    });

    it('flush resolves only after every earlier checkpoint has resolved', async () => {
      const store = await open();
      await store.flush();
      await store.createRun(makeRun('r1'));
      let resolved = 0;
      for (let i = 0; i < 20; i++) void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', i)] }).then(() => resolved++);
      await store.flush();
      expect(resolved).toBe(20);
    });

    it('reads see every write issued before them (read-your-writes)', async () => {
      const store = await open();
      void store.saveFlowVersion(makeFlowVersion('h1'));
      void store.createRun(makeRun('r1'));
      void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 0)], run: { status: 'succeeded' } });
      expect((await store.loadRun('r1'))?.run.status).toBe('succeeded');
      expect((await store.loadFlowVersion('h1'))?.hash).toBe('h1');
    });

    it('lists steps by stepIndex, then visit', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      const order: Array<[number, number]> = [[3, 0], [1, 10], [1, 2], [0, 0], [1, 0], [12, 1], [2, 0]];
      for (const [index, visit] of order) void store.checkpoint({ runId: 'r1', steps: [makeStep('r1', index, visit)] });
      await store.createRun(makeRun('r2'));
      await store.checkpoint({ runId: 'r2', steps: [makeStep('r2', 0)] });
      const steps = (await store.loadRun('r1'))?.steps ?? [];
      expect(steps.map((s) => [s.stepIndex, s.visit])).toEqual([[0, 0], [1, 0], [1, 2], [1, 10], [2, 0], [3, 0], [12, 1]]);
    });

    it('stores copies: later mutation of new runs, checkpoints (where copied) or loaded results changes nothing stored', async () => {
      const store = await open();
      const run = makeRun('r1');
      const created = store.createRun(run);
      run.inputs.topic = 'changed';
      await created;
      const step = makeStep('r1', 0);
      const patch = { outputs: { list: [1] } };
      const saved = store.checkpoint({ runId: 'r1', steps: [step], run: patch });
      if (options.copiesCheckpoints) {
        step.outputs = { text: 'mutated' };
        patch.outputs.list.push(2);
      }
      await saved;
      const loaded = await store.loadRun('r1');
      expect(loaded?.run.inputs.topic).toBe('tides');
      expect(loaded?.run.outputs).toEqual({ list: [1] });
      expect(loaded?.steps[0]?.outputs).toEqual({ text: 'output 0.0' });
      if (loaded) {
        loaded.run.status = 'failed';
        (loaded.steps[0] as StepRecord).status = 'failed';
      }
      const again = await store.loadRun('r1');
      expect(again?.run.status).toBe('running');
      expect(again?.steps[0]?.status).toBe('succeeded');
    });

    it('saves flow versions idempotently by hash (the first record stays)', async () => {
      const store = await open();
      expect(await store.loadFlowVersion('h1')).toBeUndefined();
      await store.saveFlowVersion(makeFlowVersion('h1', { createdAt: 1 }));
      await store.saveFlowVersion(makeFlowVersion('h1', { createdAt: 2 }));
      await Promise.all([store.saveFlowVersion(makeFlowVersion('h2')), store.saveFlowVersion(makeFlowVersion('h2'))]);
      expect(await store.loadFlowVersion('h1')).toEqual(makeFlowVersion('h1', { createdAt: 1 }));
      expect((await store.loadFlowVersion('h2'))?.hash).toBe('h2');
    });

    it('rejects a checkpoint for an unknown run alone; flush reports it once', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      const good1 = store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 0)] });
      const bad = store.checkpoint({ runId: 'ghost', steps: [makeStep('ghost', 0)], run: { status: 'failed' } });
      const good2 = store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 1)] });
      await expect(bad).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('ghost') });
      await Promise.all([good1, good2]);
      await expect(store.flush()).rejects.toBeInstanceOf(TrellisError);
      await store.flush();
      expect(await store.loadRun('ghost')).toBeUndefined();
      expect((await store.loadRun('r1'))?.steps).toHaveLength(2);
    });

    it('rejects, with a clear error, a step of another run or a value that cannot be stored', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      await expect(store.checkpoint({ runId: 'r1', steps: [makeStep('r2', 0)] })).rejects.toThrow(/step 0 of run "r2"/);
      const unstorable = makeStep('r1', 1, 0, { outputs: { fn: () => 1 } as unknown as Record<string, unknown> });
      await expect(store.checkpoint({ runId: 'r1', steps: [unstorable] })).rejects.toThrow(/cannot be stored/);
      await expect(store.flush()).rejects.toThrow();
      expect((await store.loadRun('r1'))?.steps).toEqual([]);
    });

    it('matches a sequential model for random checkpoint sequences (property)', async () => {
      const step = fc.record({ index: fc.nat(4), visit: fc.nat(2), status: fc.constantFrom('running', 'succeeded', 'failed') as fc.Arbitrary<StepRecord['status']> });
      const op = fc.record({
        runId: fc.constantFrom('a', 'b', 'ghost'),
        steps: fc.array(step, { maxLength: 3 }),
        patch: fc.option(fc.record({ status: fc.constantFrom('running', 'succeeded', 'failed') as fc.Arbitrary<RunRecord['status']>, outputs: fc.dictionary(fc.constantFrom('x', 'y'), fc.integer()) }, { requiredKeys: [] }), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
          const { store, dispose } = await factory();
          const model = new Map<string, { run: RunRecord; steps: Map<string, StepRecord> }>();
          for (const id of ['a', 'b']) {
            void store.createRun(makeRun(id));
            model.set(id, { run: makeRun(id), steps: new Map() });
          }
          const outcomes = ops.map((o) => {
            const checkpoint: Checkpoint = { runId: o.runId, steps: o.steps.map((s) => makeStep(o.runId, s.index, s.visit, { status: s.status })) };
            if (o.patch) checkpoint.run = o.patch;
            const entry = model.get(o.runId);
            if (entry) {
              for (const s of checkpoint.steps) entry.steps.set(s.id, s);
              entry.run = { ...entry.run, ...o.patch };
            }
            return store.checkpoint(checkpoint).then(() => true, () => false);
          });
          expect(await Promise.all(outcomes)).toEqual(ops.map((o) => o.runId !== 'ghost'));
          for (const [id, entry] of model) {
            expect(await store.loadRun(id)).toEqual({ run: entry.run, steps: [...entry.steps.values()].sort(compareSteps) });
          }
          await dispose?.();
        }),
        { numRuns: 25 },
      );
    });
  });
}
