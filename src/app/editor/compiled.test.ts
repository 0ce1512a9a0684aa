import { describe, expect, it } from 'vitest';
import { supportTriageFlow } from '../../engine/templates/supportTriage';
import { diagnosticsByNode, getCompiled } from './compiled';

describe('shared compile', () => {
  it('compiles once per document and reuses the result when only positions change', () => {
    const doc = supportTriageFlow();
    const first = getCompiled(doc);
    expect(getCompiled(doc)).toBe(first);
    const moved = { ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: 5, y: 5 } } : n)) };
    expect(getCompiled(moved)).toBe(first);
    const relabelled = { ...moved, nodes: moved.nodes.map((n, i) => (i === 0 ? { ...n, label: 'Other' } : n)) };
    expect(getCompiled(relabelled)).not.toBe(first);
    expect(getCompiled(relabelled).plan.steps[0]?.label).toBe('Other');
  });

  it("keeps a node's diagnostics list identical while its problems are unchanged", () => {
    const doc = supportTriageFlow();
    const broken = { ...doc, edges: doc.edges.filter((e) => e.target !== 'classify') };
    const first = diagnosticsByNode(getCompiled(broken)).get('classify');
    expect(first?.length).toBeGreaterThan(0);
    const again = { ...broken, nodes: broken.nodes.map((n) => (n.id === 'ticket' ? { ...n, label: 'Changed' } : n)) };
    expect(diagnosticsByNode(getCompiled(again)).get('classify')).toBe(first);
  });
});
