/** Engine benchmarks (Node): compile time, per-step overhead, checkpoints in Dexie vs memory. */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { compile } from '../src/engine/compile';
import { createMemoryRunStore } from '../src/engine/run/memoryStore';
import { startRun } from '../src/engine/run/executor';
import type { RunStore } from '../src/engine/run/types';
import { TrellisDB } from '../src/storage/db';
import { createDexieRunStore } from '../src/storage/runStore';
import { offlineServices } from '../src/engine/testing/services';
import { createNullRunStore } from './nullStore';
import { chainFlow, realisticFlow } from './flows';
import type { FlowDoc } from '../src/engine/flow/schema';
import { medianMs, result, type BenchResult } from './lib';

export async function engineBenchmarks(notes: string[]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  const small = realisticFlow(1_000);
  const large = realisticFlow(10_000);
  for (const flow of [small, large]) {
    const errors = compile(flow).diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new Error(`benchmark flow does not compile: ${errors[0]?.message}`);
  }
  // Cold: a document just loaded or imported (fresh objects, nothing cached).
  const fresh = (flow: FlowDoc) => () => JSON.parse(JSON.stringify(flow)) as FlowDoc;
  const compileSmall = await medianMs((flow: FlowDoc) => compile(flow), 200, fresh(small));
  const compileLarge = await medianMs((flow: FlowDoc) => compile(flow), 40, fresh(large));
  results.push(result('compile 1,000 nodes (cold: freshly loaded document)', compileSmall, 'ms', 5));
  results.push(result('compile 10,000 nodes (cold: freshly loaded document)', compileLarge, 'ms', 50));
  const huge = realisticFlow(20_000);
  const compileHuge = await medianMs((flow: FlowDoc) => compile(flow), 20, fresh(huge));
  // Linear growth: cost per node stays flat as flows grow. Larger flows leave the CPU caches and
  // make the garbage collector work harder, so some rise is physics; quadratic work would be 10x.
  const perNode = (ms: number, n: number) => ms / n;
  results.push(result('compile cost per node, 10,000 vs 1,000 nodes (1 = linear; quadratic = 10)', perNode(compileLarge, 10_000) / perNode(compileSmall, 1_000), 'x', 1.5));
  notes.push(`compile per node: ${((compileSmall * 1000) / 1_000).toFixed(2)} us at 1k, ${((compileLarge * 1000) / 10_000).toFixed(2)} us at 10k, ${((compileHuge * 1000) / 20_000).toFixed(2)} us at 20k nodes (small flows fit the CPU caches).`);
  // Warm: the editor recompiling after one node's config changed (unchanged configs are cached).
  let edits = 0;
  const edited = () => {
    const nodes = large.nodes.slice();
    const k = 1 + (edits++ % (nodes.length - 1));
    const node = nodes[k] as FlowDoc['nodes'][number];
    nodes[k] = { ...node, label: `${node.label}*`, config: { ...node.config } };
    return { ...large, nodes };
  };
  const recompile = await medianMs((flow: FlowDoc) => compile(flow), 20, edited);
  results.push(result('recompile 10,000 nodes after a one-node edit', recompile, 'ms', 50));

  const chain = chainFlow(1_000);
  const steps = chain.nodes.length;
  const runOnce = async (store: RunStore) => {
    const handle = await startRun(chain, { text: 'hello' }, { store, services: offlineServices() });
    const run = await handle.done;
    if (run.status !== 'succeeded') throw new Error(`benchmark run ${run.status}: ${run.error?.message}`);
  };
  // Marginal cost of a step: a 1,000-step run minus a 10-step run, per extra step, so per-run
  // setup (compiling, hashing the flow version) is not spread over the steps.
  const short = chainFlow(10);
  const runFlow = async (flow: FlowDoc, store: RunStore) => {
    const run = await (await startRun(flow, { text: 'hello' }, { store, services: offlineServices() })).done;
    if (run.status !== 'succeeded') throw new Error(`benchmark run ${run.status}: ${run.error?.message}`);
  };
  const noIoLong = await medianMs(() => runFlow(chain, createNullRunStore()), 30);
  const noIoShort = await medianMs(() => runFlow(short, createNullRunStore()), 30);
  results.push(result('engine overhead per deterministic step (no I/O)', ((noIoLong - noIoShort) * 1000) / (steps - short.nodes.length), 'us', 20));

  const memory = await medianMs(() => runOnce(createMemoryRunStore()), 15);
  let n = 0;
  const dexie = await medianMs(async () => {
    const db = new TrellisDB({ name: `bench-${n++}`, indexedDB, IDBKeyRange });
    await runOnce(createDexieRunStore(db));
    db.close();
  }, 15);
  notes.push(
    `1,000-step run in Node: ${memory.toFixed(1)} ms with the in-memory store, ${dexie.toFixed(1)} ms with Dexie on fake-indexeddb ` +
      `(${(dexie / memory).toFixed(2)}x; fake-indexeddb is a JavaScript imitation, so the budgeted ratio is measured in Chromium below).`,
  );
  return results;
}
