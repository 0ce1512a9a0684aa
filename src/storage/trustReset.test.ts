/**
 * Saving a flow resets the trust of the steps whose configuration changed, in the save's
 * transaction, keeping the old record as history; saves that change nothing that matters (a
 * label, a position, another step) reset nothing; a refused save (a conflict) resets nothing.
 */
import { describe, expect, it } from 'vitest';
import type { FlowDoc } from '../engine/flow/schema';
import { flowOf } from '../engine/testing/flows';
import { gateFingerprints, newTrustRecord, setTierByHand, type TrustRecord } from '../engine/trust';
import { createFlow, forceSaveFlow, replaceFlow, saveFlow } from './flowsRepo';
import { testDatabases } from './testDatabases';
import { createDexieTrustStore, loadTierChanges } from './trustStore';

const open = testDatabases('trust-reset');

const KEY = 'triage/draft';

function triage(change: { instructions?: string; model?: string; label?: string; x?: number } = {}): FlowDoc {
  const doc = flowOf(
    [
      ['in', 'input', { fields: [{ name: 'ticket', type: 'string', required: true }] }],
      ['draft', 'agent', { role: 'Support agent', goal: 'Reply', instructions: change.instructions ?? 'Reply to: {{ticket}}', ...(change.model ? { model: change.model } : {}) }],
      ['gate', 'review_gate', {}],
      ['out', 'output', { name: 'reply' }],
    ],
    ['in.ticket -> draft.ticket', 'draft.out -> gate.in', 'gate.approved -> out.value'],
  );
  const nodes = doc.nodes.map((n) => (n.id === 'draft' ? { ...n, label: change.label ?? n.label, position: { x: change.x ?? n.position.x, y: 0 } } : n));
  return { ...doc, id: 'triage', nodes };
}

async function setup() {
  const db = open();
  const doc = triage();
  await createFlow(db, doc, 0);
  const trust = createDexieTrustStore(db);
  const fingerprint = gateFingerprints(doc).get(KEY)?.fingerprint as string;
  await trust.update(KEY, () => setTierByHand(newTrustRecord('triage', 'draft', fingerprint, 'seed', 1), { tier: 0.2, by: 'Lead', at: 2, reason: 'pilot' }));
  return { db, trust, fingerprint, record: async () => (await trust.load(KEY)) as TrustRecord };
}

describe('trust resets on flow saves', () => {
  it('a changed prompt puts the step back to full review at once, the old record kept', async () => {
    const { db, record, fingerprint } = await setup();
    expect(await saveFlow(db, triage({ label: 'Drafter', x: 99 }), 1, 10)).toMatchObject({ ok: true });
    expect((await record()).tier).toBe(0.2);

    expect(await saveFlow(db, triage({ instructions: 'Reply briefly to: {{ticket}}' }), 2, 20)).toMatchObject({ ok: true });
    const after = await record();
    expect(after).toMatchObject({ tier: 1, previous: [{ fingerprint, tier: 0.2, endedAt: 20 }] });
    expect(after.fingerprint).not.toBe(fingerprint);
    expect((await loadTierChanges(db, KEY)).map((e) => e.kind)).toEqual(['created', 'set_by_hand', 'reset_fingerprint']);
  });

  it('a refused save resets nothing; forced saves and replacing imports reset', async () => {
    const { db, record } = await setup();
    expect(await saveFlow(db, triage({ model: 'gpt-other' }), 7, 10)).toMatchObject({ ok: false });
    expect((await record()).tier).toBe(0.2);
    await forceSaveFlow(db, triage({ model: 'gpt-other' }), 11);
    expect((await record()).previous).toHaveLength(1);
    await replaceFlow(db, triage({ model: 'gpt-third' }), 12);
    expect((await record()).previous.map((p) => p.endedAt)).toEqual([11, 12]);
  });

  it('a flow-wide default model counts for steps without their own', async () => {
    const { db, record } = await setup();
    await saveFlow(db, { ...triage(), settings: { concurrency: 4, model: 'gpt-new-default' } }, 1, 10);
    expect((await record()).previous).toHaveLength(1);
  });
});
