/**
 * Browser benchmarks, run in headless Chromium by bench/browser.ts: the engine and storage as
 * the app uses them (real IndexedDB, zod without eval as under the app's CSP).
 */
import '../../src/app/bootstrap';
import { startRun } from '../../src/engine/run/executor';
import { createMemoryRunStore } from '../../src/engine/run/memoryStore';
import type { RunStore } from '../../src/engine/run/types';
import { offlineServices } from '../../src/engine/testing/services';
import { TrellisDB } from '../../src/storage/db';
import { createDexieRunStore } from '../../src/storage/runStore';
import { chainFlow } from '../flows';

async function median(fn: () => Promise<void>, runs: number, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

async function checkpointBench(): Promise<{ memoryMs: number; dexieMs: number; steps: number }> {
  const flow = chainFlow(1_000);
  const runOnce = async (store: RunStore) => {
    const handle = await startRun(flow, { text: 'hello' }, { store, services: offlineServices() });
    const run = await handle.done;
    if (run.status !== 'succeeded') throw new Error(`run ${run.status}: ${run.error?.message}`);
  };
  const memoryMs = await median(() => runOnce(createMemoryRunStore()), 15);
  // The app opens its database once, at start; so does this measurement. Opening (and creating
  // every table of) a fresh database per run measured the schema, not the checkpoints.
  const name = 'bench-checkpoints';
  await TrellisDB.delete(name);
  const db = new TrellisDB({ name });
  await db.open();
  try {
    const dexieMs = await median(() => runOnce(createDexieRunStore(db)), 15);
    return { memoryMs, dexieMs, steps: flow.nodes.length };
  } finally {
    db.close();
    await TrellisDB.delete(name);
  }
}

const benches = { checkpoints: checkpointBench };
(window as unknown as { trellisBench: typeof benches }).trellisBench = benches;
document.getElementById('state')!.textContent = 'ready';

