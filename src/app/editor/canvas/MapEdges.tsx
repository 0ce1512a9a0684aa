/**
 * The edges of the zoomed-out map (lod.ts). React Flow's edges are one component each, each
 * subscribed to its store and re-checked on every frame of a pan; zoomed out, the canvas gives
 * React Flow no edges and draws them here instead, below the boxes: a few <path>s of many edges
 * each, a stroke one screen pixel wide, in the edges' own shapes (edgePaths.ts). They end on the
 * boxes' sides, where the boxes keep their hidden handles. Each path holds a run of edges, so
 * dragging a node redraws the runs its edges are in, not the whole map.
 */
import { memo, useMemo } from 'react';
import { Position, ViewportPortal } from '@xyflow/react';
import type { CanvasEdge, CanvasNode } from './derive';
import { flowEdgePath, loopEdgePath } from './edgePaths';
import { estimatedHeight, handleAt, NODE_WIDTH, portsOf } from './nodeShape';

const RUN = 64;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxOf(node: CanvasNode): Box {
  return { x: node.position.x, y: node.position.y, width: node.measured?.width ?? NODE_WIDTH, height: node.measured?.height ?? estimatedHeight(node.data) };
}

/** Where on its side of `box` the handle `name` is (the middle for a port the node lacks). */
function handleY(box: Box, ports: { name: string }[], name: string | null | undefined): number {
  const index = ports.findIndex((p) => p.name === name);
  return box.y + box.height * (index < 0 ? 0.5 : handleAt(index, ports.length));
}

function edgePath(edge: CanvasEdge, source: CanvasNode, target: CanvasNode): string {
  const from = boxOf(source);
  const to = boxOf(target);
  const ends = {
    sourceX: from.x + from.width,
    sourceY: handleY(from, portsOf(source.data).outputs, edge.sourceHandle),
    targetX: to.x,
    targetY: handleY(to, portsOf(target.data).inputs, edge.targetHandle),
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
  };
  return (edge.type === 'loop' ? loopEdgePath(ends, Math.max(from.y + from.height, to.y + to.height)) : flowEdgePath(ends))[0];
}

interface Drawn {
  source: CanvasNode;
  target: CanvasNode;
  path: string;
}

/** An edge's path, kept while neither of its nodes changed (node objects are reused until then). */
const drawn = new WeakMap<CanvasEdge, Drawn>();

function MapEdgesView({ nodes, edges }: { nodes: CanvasNode[]; edges: CanvasEdge[] }) {
  const runs = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const groups: Record<'plain' | 'loop' | 'selected', string[]> = { plain: [], loop: [], selected: [] };
    for (const edge of edges) {
      const source = byId.get(edge.source);
      const target = byId.get(edge.target);
      if (!source || !target) continue;
      let known = drawn.get(edge);
      if (!known || known.source !== source || known.target !== target) {
        known = { source, target, path: edgePath(edge, source, target) };
        drawn.set(edge, known);
      }
      groups[edge.selected ? 'selected' : edge.type === 'loop' ? 'loop' : 'plain'].push(known.path);
    }
    return Object.entries(groups).flatMap(([group, paths]) =>
      Array.from({ length: Math.ceil(paths.length / RUN) }, (_, i) => ({ key: `${group}-${i}`, group, d: paths.slice(i * RUN, (i + 1) * RUN).join(' ') })),
    );
  }, [nodes, edges]);
  return (
    <ViewportPortal>
      <svg className="ed-map-edges" aria-hidden="true">
        {runs.map((run) => (
          <path key={run.key} className={`is-${run.group}`} d={run.d} />
        ))}
      </svg>
    </ViewportPortal>
  );
}

export const MapEdges = memo(MapEdgesView);
