import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { supportTriageFlow } from '../../engine/templates/supportTriage';
import { layoutGraph, origin } from './layout';

describe('auto-layout graph', () => {
  it('describes nodes with their ports on fixed sides, and leaves loop edges out', () => {
    const doc = supportTriageFlow();
    const loops = doc.edges.filter((e) => e.loop).length;
    const graph = layoutGraph(doc, new Map([['ticket', { width: 300, height: 120 }]]));
    expect(graph.layoutOptions?.['elk.direction']).toBe('RIGHT');
    expect(graph.children).toHaveLength(doc.nodes.length);
    const ticket = graph.children?.find((c) => c.id === 'ticket');
    expect(ticket).toMatchObject({ width: 300, height: 120 });
    expect(ticket?.ports?.map((p) => p.layoutOptions?.['elk.port.side'])).toEqual(['EAST']);
    expect(loops).toBe(1);
    expect(graph.edges?.some((e) => e.id === 'revise')).toBe(false);
    expect(graph.edges).toHaveLength(doc.edges.length - loops);
  });

  it('lays a flow out left to right in plan order', async () => {
    const doc = supportTriageFlow();
    const result = await new ELK().layout(layoutGraph(doc, new Map()));
    const x = (id: string) => result.children?.find((c) => c.id === id)?.x ?? NaN;
    expect(x('ticket')).toBeLessThan(x('normalize'));
    expect(x('normalize')).toBeLessThan(x('classify'));
    expect(x('classify')).toBeLessThan(x('draft'));
    expect(x('draft')).toBeLessThan(x('review'));
    expect(origin(doc)).toEqual({ x: 0, y: 0 });
  });
});
