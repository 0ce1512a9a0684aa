/**
 * The overview map in the canvas corner. The flow is drawn once into a <canvas> (again only when
 * nodes move or change); panning only slides the viewport frame over it. React Flow's SVG minimap
 * re-renders and repaints every node on every frame of a pan, which costs a large flow its frame rate.
 * Click or drag on it to move the view there.
 */
import { useEffect, useMemo, useRef, type PointerEvent } from 'react';
import { Panel, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { getNodeKind } from '../../../engine/nodes/registry';
import { useEditorStore } from '../store';
import { useEditorUi } from '../ui';

const WIDTH = 168;
const HEIGHT = 112;
const PAD = 6;
const DEFAULT = { width: 204, height: 90 };

interface Box {
  x: number;
  y: number;
  x2: number;
  y2: number;
}

/** Category colours from the theme, read once per colour scheme. */
let colourCache: { dark: boolean; colours: Record<string, string> & { unknown: string } } | null = null;
function categoryColours(element: Element): Record<string, string> & { unknown: string } {
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  if (colourCache && colourCache.dark === dark) return colourCache.colours;
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const colours = {
    deterministic: read('--deterministic', '#3a5a8c'),
    agent: read('--agent', '#6a4bc4'),
    human: read('--warn', '#8a5a00'),
    unknown: read('--danger', '#b3261e'),
  };
  colourCache = { dark, colours };
  return colours;
}

const viewOf = (s: ReactFlowState) => `${s.transform[0]},${s.transform[1]},${s.transform[2]},${s.width},${s.height}`;

function union(a: Box, b: Box): Box {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), x2: Math.max(a.x2, b.x2), y2: Math.max(a.y2, b.y2) };
}

export function OverviewMap() {
  const nodes = useEditorStore((s) => s.doc?.nodes);
  const measured = useEditorUi((s) => s.measured);
  const view = useStore(viewOf);
  const { setViewport, getViewport } = useReactFlow();
  const canvas = useRef<HTMLCanvasElement>(null);

  const content = useMemo<Box | null>(() => {
    if (!nodes || nodes.length === 0) return null;
    let box: Box = { x: Infinity, y: Infinity, x2: -Infinity, y2: -Infinity };
    for (const n of nodes) {
      const size = measured.get(n.id) ?? DEFAULT;
      box = union(box, { x: n.position.x, y: n.position.y, x2: n.position.x + size.width, y2: n.position.y + size.height });
    }
    return box;
  }, [nodes, measured]);

  const [tx, ty, zoom, paneWidth, paneHeight] = view.split(',').map(Number) as [number, number, number, number, number];
  const viewBox: Box = { x: -tx / zoom, y: -ty / zoom, x2: (paneWidth - tx) / zoom, y2: (paneHeight - ty) / zoom };
  const bounds = content ? union(content, viewBox) : viewBox;
  const scale = Math.min((WIDTH - 2 * PAD) / Math.max(1, bounds.x2 - bounds.x), (HEIGHT - 2 * PAD) / Math.max(1, bounds.y2 - bounds.y));
  const offsetX = PAD + ((WIDTH - 2 * PAD) - (bounds.x2 - bounds.x) * scale) / 2;
  const offsetY = PAD + ((HEIGHT - 2 * PAD) - (bounds.y2 - bounds.y) * scale) / 2;
  const mapKey = `${bounds.x},${bounds.y},${scale}`;

  // Redraw the nodes only when they or the map's scale change, at most once a frame.
  useEffect(() => {
    const element = canvas.current;
    if (!element || !nodes) return;
    const handle = requestAnimationFrame(() => {
      const ctx = element.getContext('2d');
      if (!ctx) return;
      const ratio = window.devicePixelRatio || 1;
      if (element.width !== WIDTH * ratio) {
        element.width = WIDTH * ratio;
        element.height = HEIGHT * ratio;
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      const colours = categoryColours(element);
      for (const n of nodes) {
        const size = measured.get(n.id) ?? DEFAULT;
        ctx.fillStyle = colours[getNodeKind(n.kind)?.category ?? 'unknown'] ?? colours.unknown;
        ctx.fillRect(offsetX + (n.position.x - bounds.x) * scale, offsetY + (n.position.y - bounds.y) * scale, Math.max(1.5, size.width * scale), Math.max(1.5, size.height * scale));
      }
    });
    return () => cancelAnimationFrame(handle);
    // mapKey stands for bounds, scale and offsets.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodes, measured, mapKey]);

  const frame = {
    left: offsetX + (viewBox.x - bounds.x) * scale,
    top: offsetY + (viewBox.y - bounds.y) * scale,
    width: (viewBox.x2 - viewBox.x) * scale,
    height: (viewBox.y2 - viewBox.y) * scale,
  };

  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const flowX = bounds.x + (event.clientX - rect.left - offsetX) / scale;
    const flowY = bounds.y + (event.clientY - rect.top - offsetY) / scale;
    const { zoom: z } = getViewport();
    void setViewport({ x: paneWidth / 2 - flowX * z, y: paneHeight / 2 - flowY * z, zoom: z });
  };

  if (!nodes || nodes.length === 0) return null;
  return (
    <Panel position="bottom-right" className="ed-overview">
      <div
        className="ed-overview-map"
        style={{ width: WIDTH, height: HEIGHT }}
        role="img"
        aria-label={`Overview map of ${nodes?.length ?? 0} steps; click to move the view`}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          moveTo(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
        }}
      >
        <canvas ref={canvas} style={{ width: WIDTH, height: HEIGHT }} />
        <div className="ed-overview-frame" style={{ transform: `translate(${frame.left}px, ${frame.top}px)`, width: frame.width, height: frame.height }} />
      </div>
    </Panel>
  );
}
