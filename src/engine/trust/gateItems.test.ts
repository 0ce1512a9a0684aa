/**
 * The executor keeps a trust policy's verdict with the output: the review item and the gate's
 * step record carry the trust key and the configuration fingerprint, so a decision taken later
 * counts for the configuration that produced the output.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import '../testing/kinds';
import { resetTestKinds } from '../testing/kinds';
import { flowOf } from '../testing/flows';
import { offlineServices } from '../testing/services';
import { startRun } from '../run/executor';
import { createMemoryRunStore } from '../run/memoryStore';
import { memoryTrustStore, subjectFingerprint, trustPolicy } from './gatePolicy';
import { gateFingerprints } from './flowFingerprints';
import { setTierByHand } from './record';

beforeEach(() => resetTestKinds());

const flow = flowOf(
  [
    ['in', 't_source', { value: 'topic' }],
    ['draft', 't_costly', { inputs: ['in'], append: ' +draft' }],
    ['gate', 'review_gate', {}],
    ['out', 't_sink'],
  ],
  ['in.out -> draft.in', 'draft.out -> gate.in', 'gate.approved -> out.value'],
);

describe('trust fields on review items and gate records', () => {
  it('a reviewed output keeps the verdict trust key and fingerprint on its item and step', async () => {
    const store = createMemoryRunStore();
    const trust = memoryTrustStore();
    const run = await (await startRun(flow, {}, { store, services: offlineServices(), runId: 'r1', reviewPolicy: trustPolicy(trust, { newSeed: () => 's' }) })).done;
    expect(run.status).toBe('paused');
    const record = trust.records.get('test-flow/draft');
    expect(record?.executions).toBe(1);
    const item = await store.loadReview('r1:2:0');
    expect(item).toMatchObject({ trustKey: 'test-flow/draft', fingerprint: record?.fingerprint, reason: { kind: 'full' } });
    const gate = store.snapshot().steps.find((s) => s.nodeId === 'gate');
    expect(gate?.review).toMatchObject({ reviewed: true, trustKey: 'test-flow/draft', fingerprint: record?.fingerprint, itemId: 'r1:2:0' });
    // The fingerprint is the subject step's, computed from its resolved config (as the flow's
    // fingerprints are, for resets on save), not from the config as written.
    expect(record?.fingerprint).toBe(gateFingerprints(flow).get('test-flow/draft')?.fingerprint);
    expect(record?.fingerprint).not.toBe(subjectFingerprint({ subjectKind: 't_costly', subjectConfig: { inputs: ['in'], append: ' +draft' } }));
  });

  it('the flow fingerprints follow changes that matter, and only those', () => {
    const before = gateFingerprints(flow).get('test-flow/draft')?.fingerprint;
    const moved = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'draft' ? { ...n, label: 'Renamed', position: { x: 5, y: 5 } } : n)) };
    expect(gateFingerprints(moved).get('test-flow/draft')?.fingerprint).toBe(before);
    const changed = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'draft' ? { ...n, config: { ...n.config, append: ' +other' } } : n)) };
    expect(gateFingerprints(changed).get('test-flow/draft')?.fingerprint).not.toBe(before);
    expect([...gateFingerprints(flow).keys()]).toEqual(['test-flow/draft']);
  });

  it('an output nobody saw records its reason and trust fields on the gate step', async () => {
    const store = createMemoryRunStore();
    const trust = memoryTrustStore();
    const policy = trustPolicy(trust, { newSeed: () => 's' });
    await (await startRun(flow, {}, { store, services: offlineServices(), runId: 'r0', reviewPolicy: policy })).done;
    const key = 'test-flow/draft';
    trust.records.set(key, setTierByHand(trust.records.get(key)!, { tier: 0, by: 'Lead', at: 1, reason: 'test' }));
    const run = await (await startRun(flow, {}, { store, services: offlineServices(), runId: 'r1', reviewPolicy: policy })).done;
    expect(run.status).toBe('succeeded');
    const gate = store.snapshot().steps.find((s) => s.runId === 'r1' && s.nodeId === 'gate');
    expect(gate?.review).toMatchObject({ reviewed: false, reason: { kind: 'skipped', rate: 0, seed: 's' }, trustKey: key, fingerprint: trust.records.get(key)?.fingerprint });
    expect(await store.loadReview('r1:2:0')).toBeUndefined();
  });
});
