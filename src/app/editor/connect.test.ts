import { describe, expect, it } from 'vitest';
import { createEmptyFlow } from '../../engine/flow/create';
import type { FlowDoc } from '../../engine/flow/schema';
import { checkConnection, findPath } from './connect';

function flow(): FlowDoc {
  const doc = createEmptyFlow('Connections', 'f');
  doc.nodes = [
    { id: 'in', kind: 'input', label: 'Input', position: { x: 0, y: 0 }, config: { fields: [{ name: 'text', type: 'string', required: true }] } },
    { id: 'merge', kind: 'merge', label: 'Merge', position: { x: 0, y: 0 }, config: { mode: 'first', inputs: ['a', 'b'] } },
    { id: 'tpl', kind: 'template', label: 'Draft', position: { x: 0, y: 0 }, config: { template: '{{text}}' } },
    { id: 'bad', kind: 'template', label: 'Broken', position: { x: 0, y: 0 }, config: { template: 42 } },
  ];
  doc.edges = [
    { id: 'e1', source: 'in', sourcePort: 'text', target: 'merge', targetPort: 'a' },
    { id: 'e2', source: 'merge', sourcePort: 'out', target: 'tpl', targetPort: 'text' },
  ];
  return doc;
}

describe('checkConnection', () => {
  it('accepts a free input from an earlier step', () => {
    const doc = flow();
    doc.edges = doc.edges.slice(0, 1);
    expect(checkConnection(doc, { source: 'merge', sourcePort: 'out', target: 'tpl', targetPort: 'text' })).toEqual({ ok: true });
  });

  it('refuses a second connection into one input, pointing to Merge', () => {
    const result = checkConnection(flow(), { source: 'in', sourcePort: 'text', target: 'tpl', targetPort: 'text' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain('Input "text" of "Draft" already has a connection (from "Merge")');
      expect(result.reason).toContain('use a Merge node');
      expect(result.fix).toBeUndefined();
    }
  });

  it('refuses a cycle, naming it, and offers a revise loop', () => {
    const result = checkConnection(flow(), { source: 'tpl', sourcePort: 'text', target: 'merge', targetPort: 'b' });
    expect(result).toMatchObject({ ok: false, fix: 'loop' });
    if (!result.ok) expect(result.reason).toContain('("Merge" → "Draft" → "Merge")');
  });

  it('does not offer a second loop from a node that already starts one', () => {
    const doc = flow();
    doc.nodes[1] = { ...doc.nodes[1]!, config: { mode: 'first', inputs: ['a', 'b', 'c'] } };
    doc.edges.push({ id: 'loop', source: 'tpl', sourcePort: 'text', target: 'merge', targetPort: 'b', loop: { maxIterations: 2 } });
    const result = checkConnection(doc, { source: 'tpl', sourcePort: 'text', target: 'merge', targetPort: 'c' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fix).toBeUndefined();
      expect(result.reason).toContain('"Draft" already starts a revise loop');
    }
  });

  it('refuses self-connections, unknown ports and nodes with invalid configs', () => {
    const doc = flow();
    expect(checkConnection(doc, { source: 'tpl', sourcePort: 'text', target: 'tpl', targetPort: 'text' })).toMatchObject({ ok: false, reason: expect.stringContaining('cannot connect to itself') });
    expect(checkConnection(doc, { source: 'in', sourcePort: 'nope', target: 'merge', targetPort: 'b' })).toMatchObject({ ok: false, reason: expect.stringContaining('has no output "nope" (its outputs: text)') });
    expect(checkConnection(doc, { source: 'in', sourcePort: 'text', target: 'merge', targetPort: 'zzz' })).toMatchObject({ ok: false, reason: expect.stringContaining('has no input "zzz" (its inputs: a, b)') });
    expect(checkConnection(doc, { source: 'in', sourcePort: 'text', target: 'bad', targetPort: 'text' })).toMatchObject({ ok: false, reason: expect.stringContaining('"Broken" has an invalid configuration') });
  });

  it('lets a loop source connect its exhausted output onwards', () => {
    const doc = flow();
    doc.nodes.push({ id: 'out', kind: 'output', label: 'Out', position: { x: 0, y: 0 }, config: { name: 'r' } });
    doc.edges.push({ id: 'loop', source: 'tpl', sourcePort: 'text', target: 'merge', targetPort: 'b', loop: { maxIterations: 3 } });
    expect(checkConnection(doc, { source: 'tpl', sourcePort: 'exhausted', target: 'out', targetPort: 'value' })).toEqual({ ok: true });
  });

  it('finds paths over ordinary edges only', () => {
    const doc = flow();
    expect(findPath(doc.edges, 'in', 'tpl')).toEqual(['in', 'merge', 'tpl']);
    expect(findPath(doc.edges, 'tpl', 'in')).toBeNull();
    expect(findPath([...doc.edges, { id: 'l', source: 'tpl', sourcePort: 'text', target: 'in', targetPort: 'x', loop: { maxIterations: 1 } }], 'tpl', 'in')).toBeNull();
  });
});
