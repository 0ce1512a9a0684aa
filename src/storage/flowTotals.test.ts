import { describe, expect, it } from 'vitest';
import { makeReviewItem, makeRun, makeStep } from '../engine/run/storeFixtures';
import type { LlmCallRecord } from '../engine/nodes/types';
import { buildTrace } from '../engine/trace/spans';
import { flowRunTotals, flowTimeTotals, type FlowTimeTotals } from './flowTotals';
import { createDexieRunStore } from './runStore';
import { testDatabases } from './testDatabases';

const open = testDatabases('flow-totals');

function call(startedAt: number, latencyMs: number): LlmCallRecord {
  return { providerId: 'p', model: 'm', request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, response: { content: 'ok', toolCalls: [], finishReason: 'stop' }, inputTokens: 10, outputTokens: 5, costUsd: 0.001, latencyMs, ttftMs: 20, startedAt };
}

/** Run i of flow-1: one agent step with i+1 model calls of 100 ms; run 1 waited 5 s for a person and run 2 still waits. */
async function seed() {
  const db = open();
  const store = createDexieRunStore(db);
  for (let i = 0; i < 5; i++) {
    const id = `run-${i}`;
    const finished = i !== 2;
    await store.createRun(
      makeRun(id, {
        flowId: i < 4 ? 'flow-1' : 'flow-2',
        status: finished ? 'succeeded' : 'paused',
        createdAt: 1_000 + i,
        startedAt: 1_000,
        ...(finished ? { finishedAt: 11_000 } : {}),
        totals: { inputTokens: 10 * (i + 1), outputTokens: 5 * (i + 1), costUsd: 0.001 * (i + 1), llmCalls: i + 1 },
      }),
    );
    const calls = Array.from({ length: i + 1 }, (_, k) => call(2_000 + k * 100, 100));
    const steps = [makeStep(id, 0, 0, { kind: 'agent', category: 'agent', llmCalls: calls })];
    if (i === 1 || i === 2) {
      steps.push(makeStep(id, 1, 0, { kind: 'review_gate', category: 'human', status: i === 1 ? 'succeeded' : 'waiting_review', review: { reviewed: true, reason: { kind: 'full' }, itemId: `${id}:1:0` } }));
      const item = makeReviewItem(id, 1, 0, { createdAt: 3_000, ...(i === 1 ? { status: 'decided' as const, decision: { action: 'approve' as const, by: 'Ada', at: 8_000 } } : {}) });
      await store.checkpoint({ runId: id, steps, review: item });
    } else {
      await store.checkpoint({ runId: id, steps });
    }
  }
  await store.flush();
  return { db, store };
}

describe('flow totals', () => {
  it('adds up tokens, cost, calls and wall time from the run records', async () => {
    const { db } = await seed();
    const totals = await flowRunTotals(db, { flowId: 'flow-1' }, 21_000);
    expect(totals).toMatchObject({ runs: 4, open: 1, inputTokens: 100, outputTokens: 50, llmCalls: 10 });
    expect(totals.costUsd).toBeCloseTo(0.01, 9);
    expect(totals.wallMs).toBe(3 * 10_000 + 20_000);
    expect(await flowRunTotals(db, { flowId: 'flow-1', status: 'paused' }, 21_000)).toMatchObject({ runs: 1, open: 1, llmCalls: 3 });
    expect(await flowRunTotals(db, { flowId: 'nope' })).toMatchObject({ runs: 0, wallMs: 0 });
  });

  it('adds up model time and review waits from the runs’ traces, a batch at a time', async () => {
    const { db, store } = await seed();
    const progress: FlowTimeTotals[] = [];
    const totals = await flowTimeTotals(db, { flowId: 'flow-1' }, { now: 21_000, batchSize: 3, onProgress: (p) => progress.push(p) });
    // 1+2+3+4 calls of 100 ms; run 1 waited 3 s -> 8 s, run 2 waits since 3 s (now 21 s).
    expect(totals).toEqual({ counted: 4, total: 4, modelMs: 1_000, reviewWaitMs: 5_000 + 18_000 });
    expect(progress.map((p) => p.counted)).toEqual([3, 4]);
    // The same figures as each run's own trace.
    let modelMs = 0;
    for (let i = 0; i < 4; i++) {
      const loaded = (await store.loadRun(`run-${i}`))!;
      modelMs += buildTrace(loaded.run, loaded.steps, await store.loadRunReviews(`run-${i}`), 21_000).totals.modelMs;
    }
    expect(modelMs).toBe(totals.modelMs);
  });

  it('stops when its signal aborts', async () => {
    const { db } = await seed();
    const abort = new AbortController();
    const totals = await flowTimeTotals(db, { flowId: 'flow-1' }, { batchSize: 1, signal: abort.signal, onProgress: () => abort.abort() });
    expect(totals).toMatchObject({ counted: 1, total: 4 });
  });
});
