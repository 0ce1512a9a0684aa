/**
 * Copy and paste of nodes: the selected nodes and the edges between them, as JSON text (so it
 * travels through the system clipboard between tabs), pasted with new ids and offset positions.
 */
import { z } from 'zod';
import { newId } from '../../engine/flow/create';
import { flowEdgeSchema, flowNodeSchema, type FlowDoc, type FlowEdge, type FlowNode } from '../../engine/flow/schema';
import { uniqueLabel } from './labels';

export const CLIPBOARD_FORMAT = 'trellis.clipboard';

const payloadSchema = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  nodes: z.array(flowNodeSchema).min(1).max(20_000),
  edges: z.array(flowEdgeSchema).max(50_000),
});

export type ClipboardPayload = z.infer<typeof payloadSchema>;

/** The selected nodes and the edges whose both ends are selected; null when nothing is selected. */
export function copyPayload(doc: FlowDoc, nodeIds: Iterable<string>): ClipboardPayload | null {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { format: CLIPBOARD_FORMAT, nodes, edges };
}

export function serializePayload(payload: ClipboardPayload): string {
  return JSON.stringify(payload);
}

/** The payload in clipboard text, or null when the text is something else. */
export function parsePayload(text: string): ClipboardPayload | null {
  if (!text.includes(CLIPBOARD_FORMAT)) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Copies of the payload's nodes and edges for `doc`: new ids, unique labels, moved by `offset`. */
export function clonePayload(payload: ClipboardPayload, doc: FlowDoc, offset: { x: number; y: number }): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const idMap = new Map<string, string>();
  const labels = doc.nodes.map((n) => n.label);
  const nodes = payload.nodes.map((node) => {
    const id = newId('node');
    idMap.set(node.id, id);
    const label = node.label ? uniqueLabel(node.label, labels) : node.label;
    labels.push(label);
    return { ...node, id, label, position: { x: Math.round(node.position.x + offset.x), y: Math.round(node.position.y + offset.y) }, config: structuredClone(node.config) };
  });
  const edges: FlowEdge[] = [];
  for (const edge of payload.edges) {
    const source = idMap.get(edge.source);
    const target = idMap.get(edge.target);
    if (!source || !target) continue;
    edges.push({ ...edge, id: newId('edge'), source, target, ...(edge.loop ? { loop: { ...edge.loop } } : {}) });
  }
  return { nodes, edges };
}
