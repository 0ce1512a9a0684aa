import { describe, expect, it } from 'vitest';
import { supportTriageFlow } from '../../engine/templates/supportTriage';
import { clonePayload, copyPayload, parsePayload, serializePayload } from './clipboard';

describe('clipboard', () => {
  it('copies the selected nodes with only the edges between them', () => {
    const doc = supportTriageFlow();
    const payload = copyPayload(doc, ['ticket', 'normalize', 'draft']);
    expect(payload?.nodes.map((n) => n.id)).toEqual(['ticket', 'normalize', 'draft']);
    expect(payload?.edges.every((e) => ['ticket', 'normalize', 'draft'].includes(e.source) && ['ticket', 'normalize', 'draft'].includes(e.target))).toBe(true);
    expect(payload?.edges.length).toBeGreaterThan(0);
    expect(copyPayload(doc, [])).toBeNull();
  });

  it('round-trips through text and rejects anything else', () => {
    const payload = copyPayload(supportTriageFlow(), ['ticket'])!;
    expect(parsePayload(serializePayload(payload))).toEqual(payload);
    expect(parsePayload('hello')).toBeNull();
    expect(parsePayload('{"format":"trellis.clipboard","nodes":[]}')).toBeNull();
    expect(parsePayload('{"format":"trellis.clipboard",')).toBeNull();
  });

  it('pastes with new ids, unique labels, moved positions and remapped edges', () => {
    const doc = supportTriageFlow();
    const payload = copyPayload(doc, ['ticket', 'normalize'])!;
    const { nodes, edges } = clonePayload(payload, doc, { x: 40, y: 40 });
    expect(nodes.map((n) => n.label)).toEqual(['Ticket 2', 'Normalise text 2']);
    for (const node of nodes) expect(doc.nodes.some((n) => n.id === node.id)).toBe(false);
    expect(nodes[0]?.position).toEqual({ x: 40, y: 200 });
    expect(edges).toHaveLength(1);
    expect(edges[0]?.source).toBe(nodes[0]?.id);
    expect(edges[0]?.target).toBe(nodes[1]?.id);
    // Configs are copies, not shared objects.
    expect(nodes[0]?.config).toEqual(payload.nodes[0]?.config);
    expect(nodes[0]?.config).not.toBe(payload.nodes[0]?.config);
  });
});
