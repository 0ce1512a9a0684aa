import { describe, expect, it } from 'vitest';
import { realisticFlow } from '../../../../bench/flows';
import { supportTriageFlow } from '../../../engine/templates/supportTriage';
import { createDeriver } from './derive';

const none = new Set<string>();

describe('canvas derivation', () => {
  it('reuses every object a change did not touch', () => {
    const derive = createDeriver();
    const doc = realisticFlow(200);
    const first = derive.nodes(doc, none, new Map());
    const firstEdges = derive.edges(doc, none);
    // Move one node: one node object changes, its data (what the component renders) does not.
    const moved = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'n5' ? { ...n, position: { x: 1, y: 2 } } : n)) };
    const second = derive.nodes(moved, none, new Map());
    const changed = second.filter((n, i) => n !== first[i]).map((n) => n.id);
    expect(changed).toEqual(['n5']);
    expect(second[5]?.data).toBe(first[5]?.data);
    expect(second[5]?.position).toEqual({ x: 1, y: 2 });
    // The very same edges array: React Flow does not rebuild its lookups during a drag.
    expect(derive.edges(moved, none)).toBe(firstEdges);
    // A changed label changes the aria labels of that node's edges only.
    const relabelled = { ...moved, nodes: moved.nodes.map((n) => (n.id === 'n5' ? { ...n, label: 'Renamed' } : n)) };
    const third = derive.edges(relabelled, none);
    expect(third).not.toBe(firstEdges);
    const touched = third.filter((e, i) => e !== firstEdges[i]);
    expect(touched.length).toBeGreaterThan(0);
    expect(touched.every((e) => e.source === 'n5' || e.target === 'n5')).toBe(true);
  });

  it('reflects selection and measured sizes on the affected nodes only', () => {
    const derive = createDeriver();
    const doc = supportTriageFlow();
    const first = derive.nodes(doc, none, new Map());
    const size = { width: 204, height: 90 };
    const second = derive.nodes(doc, new Set(['classify']), new Map([['ticket', size]]));
    expect(second.filter((n, i) => n !== first[i]).map((n) => n.id).sort()).toEqual(['classify', 'ticket']);
    expect(second.find((n) => n.id === 'classify')?.selected).toBe(true);
    expect(second.find((n) => n.id === 'ticket')?.measured).toBe(size);
  });

  it('maps edges to handles by port and marks loops', () => {
    const derive = createDeriver();
    const doc = supportTriageFlow();
    doc.edges = [...doc.edges, { id: 'loop', source: 'draft', sourcePort: 'out', target: 'draft', targetPort: 'feedback', loop: { maxIterations: 4 } }];
    const edges = derive.edges(doc, new Set(['loop']));
    const loop = edges.find((e) => e.id === 'loop');
    expect(loop).toMatchObject({ source: 'draft', sourceHandle: 'out', targetHandle: 'feedback', selected: true, data: { maxIterations: 4 } });
    expect(loop?.ariaLabel).toBe('Revise loop (at most 4 times) from Draft reply out to Draft reply feedback');
    expect(edges.find((e) => e.id === 'revise')?.ariaLabel).toBe('Revise loop (at most 2 times) from Review reply rejected to Draft reply feedback');
    const nodes = derive.nodes(doc, none, new Map());
    expect(nodes.find((n) => n.id === 'draft')?.data.loopSource).toBe(true);
    expect(nodes.find((n) => n.id === 'review')?.data.loopSource).toBe(true);
  });

  it('keeps edges to ports the node no longer declares, as extra (missing) ports', () => {
    const derive = createDeriver();
    const doc = supportTriageFlow();
    const node = doc.nodes.find((n) => n.kind === 'template')!;
    const renamed = { ...doc, nodes: doc.nodes.map((n) => (n === node ? { ...n, config: { template: '{{other}}' } } : n)) };
    const view = derive.nodes(renamed, none, new Map()).find((n) => n.id === node.id);
    expect(view?.data.extraInputs).toEqual(['ticket']);
  });
});
