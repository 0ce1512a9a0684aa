/**
 * Editing commands over the editor store. Each is one undo step. Toolbar buttons, keyboard
 * shortcuts, the palette and the canvas all call these, so they behave the same everywhere.
 */
import { newId } from '../../engine/flow/create';
import type { FlowEdge, FlowNode } from '../../engine/flow/schema';
import { getNodeKind } from '../../engine/nodes/registry';
import { clonePayload, copyPayload, type ClipboardPayload } from './clipboard';
import type { ConnectionRequest } from './connect';
import { uniqueLabel } from './labels';
import { useEditorStore } from './store';

const state = () => useEditorStore.getState();

export const DEFAULT_LOOP_ITERATIONS = 3;

/** Adds a node of `kind` with its default config at `position` and selects it. Returns its id. */
export function addNodeOfKind(kind: string, position: { x: number; y: number }): string | null {
  const def = getNodeKind(kind);
  const doc = state().doc;
  if (!def || !doc) return null;
  const node: FlowNode = {
    id: newId('node'),
    kind,
    label: uniqueLabel(def.title, doc.nodes.map((n) => n.label)),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    config: def.defaultConfig() as Record<string, unknown>,
  };
  state().addNodes([node]);
  state().select({ nodes: [node.id], edges: [] });
  return node.id;
}

/** Removes the selected nodes (with their edges) and edges. Returns what was removed. */
export function deleteSelection(): { nodes: number; edges: number } {
  const { selection, doc } = state();
  if (!doc || (selection.nodes.length === 0 && selection.edges.length === 0)) return { nodes: 0, edges: 0 };
  const nodes = new Set(selection.nodes);
  const edges = doc.edges.filter((e) => selection.edges.includes(e.id) || nodes.has(e.source) || nodes.has(e.target)).length;
  state().remove({ nodes: selection.nodes, edges: selection.edges });
  return { nodes: selection.nodes.length, edges };
}

export function selectAll(): void {
  const doc = state().doc;
  if (!doc) return;
  state().select({ nodes: doc.nodes.map((n) => n.id), edges: doc.edges.map((e) => e.id) });
}

export function clearSelection(): void {
  state().select({ nodes: [], edges: [] });
}

export function copySelection(): ClipboardPayload | null {
  const { doc, selection } = state();
  return doc ? copyPayload(doc, selection.nodes) : null;
}

/** Adds copies of the payload's nodes and edges, moved by `offset`, and selects them. */
export function pastePayload(payload: ClipboardPayload, offset: { x: number; y: number }): string[] {
  const doc = state().doc;
  if (!doc) return [];
  const { nodes, edges } = clonePayload(payload, doc, offset);
  state().addNodes(nodes, edges);
  state().select({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) });
  return nodes.map((n) => n.id);
}

/** Copies of the selected nodes next to them. */
export function duplicateSelection(): string[] {
  const payload = copySelection();
  return payload ? pastePayload(payload, { x: 40, y: 40 }) : [];
}

/** Adds the edge; `loop` marks it as a bounded revise loop. Returns its id. */
export function connect(request: ConnectionRequest, loop?: { maxIterations: number }): string {
  const edge: FlowEdge = { id: newId('edge'), ...request, ...(loop ? { loop } : {}) };
  state().addEdge(edge);
  return edge.id;
}

/** Marks an edge as a revise loop with at most `maxIterations` passes, or unmarks it (null). */
export function setEdgeLoop(edgeId: string, maxIterations: number | null): void {
  state().change((doc) => {
    let changed = false;
    const edges = doc.edges.map((edge) => {
      if (edge.id !== edgeId) return edge;
      if (maxIterations === null) {
        if (!edge.loop) return edge;
        changed = true;
        const { loop: _loop, ...rest } = edge;
        return rest;
      }
      if (edge.loop?.maxIterations === maxIterations) return edge;
      changed = true;
      return { ...edge, loop: { maxIterations } };
    });
    return changed ? { ...doc, edges } : doc;
  });
}

/** Moves nodes to new positions in one undo step. */
export function moveNodes(positions: Map<string, { x: number; y: number }>): void {
  if (positions.size === 0) return;
  state().change((doc) => {
    let changed = false;
    const nodes = doc.nodes.map((node) => {
      const position = positions.get(node.id);
      if (!position) return node;
      const x = Math.round(position.x);
      const y = Math.round(position.y);
      if (x === node.position.x && y === node.position.y) return node;
      changed = true;
      return { ...node, position: { x, y } };
    });
    return changed ? { ...doc, nodes } : doc;
  });
}

export function renameFlow(name: string): void {
  const trimmed = name.trim().slice(0, 200);
  if (!trimmed) return;
  state().change((doc) => (doc.name === trimmed ? doc : { ...doc, name: trimmed }));
}
