/** Selects a node (or an edge) and brings it to the middle of the canvas. */
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useEditorStore } from './store';
import { useEditorUi } from './ui';

const DEFAULT_SIZE = { width: 220, height: 96 };

export function useFocusElement() {
  const { setCenter, getZoom } = useReactFlow();
  return useCallback(
    (target: { nodeId?: string; edgeId?: string }) => {
      const { doc, select } = useEditorStore.getState();
      if (!doc) return;
      const measured = useEditorUi.getState().measured;
      const centreOf = (id: string) => {
        const node = doc.nodes.find((n) => n.id === id);
        if (!node) return null;
        const size = measured.get(id) ?? DEFAULT_SIZE;
        return { x: node.position.x + size.width / 2, y: node.position.y + size.height / 2 };
      };
      let point: { x: number; y: number } | null = null;
      if (target.nodeId && doc.nodes.some((n) => n.id === target.nodeId)) {
        select({ nodes: [target.nodeId], edges: [] });
        point = centreOf(target.nodeId);
      } else if (target.edgeId) {
        const edge = doc.edges.find((e) => e.id === target.edgeId);
        if (!edge) return;
        select({ nodes: [], edges: [edge.id] });
        const a = centreOf(edge.source);
        const b = centreOf(edge.target);
        point = a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : (a ?? b);
      }
      if (point) void setCenter(point.x, point.y, { zoom: Math.max(getZoom(), 0.85), duration: 250 });
    },
    [setCenter, getZoom],
  );
}
