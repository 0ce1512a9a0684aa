/** The Trust page's reads: rows named after their flow and step as they are now, and one step's detail. */
import { describe, expect, it } from 'vitest';
import { flowOf } from '../engine/testing/flows';
import { newTrustRecord, recordExecution, setTierByHand, type TrustRecord } from '../engine/trust';
import { createFlow } from './flowsRepo';
import { trustDetail, trustFlows, trustOverview } from './trustQueries';
import { testDatabases } from './testDatabases';
import { createDexieTrustStore } from './trustStore';

const open = testDatabases('trust-queries');

describe('trust queries', () => {
  it('lists steps by flow name and step label, with names from the flows library', async () => {
    const db = open();
    const doc = flowOf([['draft', 't_source'], ['check', 't_source']], []);
    await createFlow(db, { ...doc, id: 'f1', name: 'Zeta flow', nodes: doc.nodes.map((n) => ({ ...n, label: n.id === 'draft' ? 'Draft reply' : 'Check facts' })) }, 0);
    const trust = createDexieTrustStore(db);
    for (const [flowId, nodeId] of [['f1', 'draft'], ['f1', 'check'], ['f0', 'gone']] as const) {
      await trust.update(`${flowId}/${nodeId}`, () => recordExecution(newTrustRecord(flowId, nodeId, 'fp', 's', 1), { reviewed: true, at: 2 }));
    }
    await trust.update('f1/draft', (r) => setTierByHand(r as TrustRecord, { tier: 0.5, by: 'Lead', at: 3, reason: 'pilot' }));

    const rows = await trustOverview(db);
    expect(rows.map((r) => [r.flowName, r.stepLabel, r.inFlow, r.row.tier])).toEqual([
      ['f0', 'gone', false, 1],
      ['Zeta flow', 'Check facts', true, 1],
      ['Zeta flow', 'Draft reply', true, 0.5],
    ]);
    expect((await trustOverview(db, 'f1')).map((r) => r.row.key)).toEqual(['f1/check', 'f1/draft']);
    expect(await trustFlows(db)).toEqual([{ id: 'f0', name: 'f0' }, { id: 'f1', name: 'Zeta flow' }]);

    const detail = await trustDetail(db, 'f1/draft');
    expect(detail).toMatchObject({ flowName: 'Zeta flow', stepLabel: 'Draft reply', stepKind: 't_source', inFlow: true, record: { tier: 0.5, executions: 1 } });
    expect(detail?.record.history.map((e) => e.kind)).toEqual(['created', 'execution', 'set_by_hand']);
    expect(detail?.tierChanges.map((e) => e.kind)).toEqual(['created', 'set_by_hand']);
    expect(await trustDetail(db, 'f1/none')).toBeUndefined();
  });
});
