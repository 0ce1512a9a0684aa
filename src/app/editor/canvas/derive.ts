/**
 * The canvas's nodes and edges, derived from the document (the one source of truth), the
 * selection and the measured node sizes. Objects are reused while what they show is unchanged,
 * so React Flow and the memoised node components skip everything a change did not touch:
 * dragging one node rebuilds one node object, not a thousand.
 */
import type { Edge, Node } from '@xyflow/react';
import type { FlowDoc, FlowEdge, FlowNode } from '../../../engine/flow/schema';
import { getNodeKind } from '../../../engine/nodes/registry';
import { declaredPorts, portUse, undeclaredUse, type PortUse } from '../ports';

export interface FlowNodeData extends Record<string, unknown> {
  label: string;
  kind: string;
  config: Record<string, unknown>;
  /** The node starts a marked loop edge, so it also has an `exhausted` output. */
  loopSource: boolean;
  /** Ports edges use that the kind does not declare (drawn as missing). */
  extraInputs: string[];
  extraOutputs: string[];
}

export interface FlowEdgeData extends Record<string, unknown> {
  /** Set on a marked revise loop edge. */
  maxIterations: number | null;
  sourcePort: string;
  targetPort: string;
  /** The document's edge this view shows. */
  edge: FlowEdge;
}

export type CanvasNode = Node<FlowNodeData, 'flow'>;
export type CanvasEdge = Edge<FlowEdgeData, 'flow' | 'loop'>;
export interface Dimensions {
  width: number;
  height: number;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function kindTitle(kind: string): string {
  return getNodeKind(kind)?.title ?? kind;
}

export function createDeriver() {
  let nodeCache = new Map<string, CanvasNode>();
  let edgeCache = new Map<string, CanvasEdge>();
  let lastEdges: { edges: FlowEdge[]; selected: ReadonlySet<string>; labels: Map<string, string>; views: CanvasEdge[] } | null = null;
  let lastLabels: { nodes: FlowNode[]; map: Map<string, string> } | null = null;

  let lastUse: Map<string, PortUse> | null = null;

  function nodeData(node: FlowNode, previous: FlowNodeData | undefined, uses: Map<string, PortUse>, sameEdges: boolean): FlowNodeData {
    // Same edges and the same node content: nothing the component shows can have changed.
    if (previous && sameEdges && previous.config === node.config && previous.label === node.label && previous.kind === node.kind) return previous;
    const use = uses.get(node.id);
    const extra = undeclaredUse(declaredPorts(node.kind, node.config), use);
    const loopSource = use?.loopSource ?? false;
    if (
      previous &&
      previous.label === node.label &&
      previous.kind === node.kind &&
      previous.config === node.config &&
      previous.loopSource === loopSource &&
      sameList(previous.extraInputs, extra.inputs) &&
      sameList(previous.extraOutputs, extra.outputs)
    ) {
      return previous;
    }
    return { label: node.label, kind: node.kind, config: node.config, loopSource, extraInputs: extra.inputs, extraOutputs: extra.outputs };
  }

  return {
    nodes(doc: FlowDoc, selected: ReadonlySet<string>, measured: ReadonlyMap<string, Dimensions>): CanvasNode[] {
      const uses = portUse(doc.edges);
      const sameEdges = uses === lastUse;
      lastUse = uses;
      const next = new Map<string, CanvasNode>();
      const out: CanvasNode[] = [];
      for (const node of doc.nodes) {
        if (next.has(node.id)) continue; // a duplicate id is a diagnostic; draw the first
        const previous = nodeCache.get(node.id);
        const isSelected = selected.has(node.id);
        const size = measured.get(node.id);
        const data = nodeData(node, previous?.data, uses, sameEdges);
        let view: CanvasNode;
        if (previous && previous.data === data && previous.position === node.position && previous.selected === isSelected && previous.measured === size) {
          view = previous;
        } else {
          view = {
            id: node.id,
            type: 'flow',
            position: node.position,
            data,
            selected: isSelected,
            ariaLabel: `${node.label || node.id}, ${kindTitle(node.kind)}`,
            ...(size ? { measured: size } : {}),
          };
        }
        next.set(node.id, view);
        out.push(view);
      }
      nodeCache = next;
      return out;
    },

    /**
     * The edges. When neither the edges, the selection nor any node label changed (a node drag),
     * the previous array itself is returned: React Flow then skips rebuilding its connection
     * lookup, which otherwise costs every frame of a drag on a large flow.
     */
    edges(doc: FlowDoc, selected: ReadonlySet<string>): CanvasEdge[] {
      const labels = labelsOf(doc.nodes);
      if (lastEdges && lastEdges.edges === doc.edges && lastEdges.selected === selected && lastEdges.labels === labels) return lastEdges.views;
      const next = new Map<string, CanvasEdge>();
      const out: CanvasEdge[] = [];
      let changed = !lastEdges || lastEdges.views.length !== doc.edges.length;
      for (const edge of doc.edges) {
        if (next.has(edge.id)) continue;
        const previous = edgeCache.get(edge.id);
        const isSelected = selected.has(edge.id);
        const ariaLabel = edgeLabel(edge, labels);
        const view =
          previous && previous.data?.edge === edge && previous.selected === isSelected && previous.ariaLabel === ariaLabel ? previous : edgeView(edge, isSelected, ariaLabel);
        if (!changed && lastEdges?.views[out.length] !== view) changed = true;
        next.set(edge.id, view);
        out.push(view);
      }
      edgeCache = next;
      const views = changed || !lastEdges || out.length !== lastEdges.views.length ? out : lastEdges.views;
      lastEdges = { edges: doc.edges, selected, labels, views };
      return views;
    },
  };

  /** Node labels by id; the previous map is returned while no label changed. */
  function labelsOf(nodes: FlowNode[]): Map<string, string> {
    if (lastLabels && lastLabels.nodes === nodes) return lastLabels.map;
    const previous = lastLabels?.map;
    let same = !!previous && previous.size === nodes.length;
    if (same && previous) {
      for (const node of nodes) {
        if (previous.get(node.id) !== (node.label || node.id)) {
          same = false;
          break;
        }
      }
    }
    const map = same && previous ? previous : new Map(nodes.map((n) => [n.id, n.label || n.id]));
    lastLabels = { nodes, map };
    return map;
  }
}

function edgeLabel(edge: FlowEdge, labels: Map<string, string>): string {
  const from = labels.get(edge.source) ?? edge.source;
  const to = labels.get(edge.target) ?? edge.target;
  return `${edge.loop ? `Revise loop (at most ${edge.loop.maxIterations} times)` : 'Connection'} from ${from} ${edge.sourcePort} to ${to} ${edge.targetPort}`;
}

function edgeView(edge: FlowEdge, selected: boolean, ariaLabel: string): CanvasEdge {
  return {
    id: edge.id,
    type: edge.loop ? 'loop' : 'flow',
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourcePort,
    targetHandle: edge.targetPort,
    selected,
    data: { maxIterations: edge.loop?.maxIterations ?? null, sourcePort: edge.sourcePort, targetPort: edge.targetPort, edge },
    ariaLabel,
  };
}
