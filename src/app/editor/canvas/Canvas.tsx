/**
 * The canvas (React Flow). What it shows is derived from the document in the editor store; every
 * edit it makes (moving, selecting, connecting, dropping a kind) goes back through the store.
 * A node drag is one gesture, so it is one undo step.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Controls,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnConnectEnd,
  type OnMove,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { toast } from '../../ui/toasts';
import { addNodeOfKind, connect, DEFAULT_LOOP_ITERATIONS, moveNodes } from '../commands';
import { checkConnection, type ConnectionRequest } from '../connect';
import { refusal } from './refusal';
import { useEditorStore } from '../store';
import { useEditorUi } from '../ui';
import { ConnectionHint } from './ConnectionHint';
import { DotGrid } from './DotGrid';
import { OverviewMap } from './OverviewMap';
import { createDeriver, type CanvasEdge, type CanvasNode } from './derive';
import { FlowEdge, LoopEdge } from './FlowEdge';
import { FlowNode } from './FlowNode';
import { LowDetailContext, NAME_ZOOM, measureSwitchedNodes, useZoomedOut } from './lod';
import { MapEdges } from './MapEdges';

export const KIND_MIME = 'application/x-trellis-kind';
/** Above this many nodes only what is in view is rendered... */
const VISIBLE_ONLY_ABOVE = 300;
/**
 * ...except zoomed out (lod.ts), where up to this many are all rendered as boxes: then panning
 * mounts and unmounts none. Measured on 1,000 nodes / 1,500 edges fitted in view: 46-47 fps
 * panning with only the visible ones rendered, 59-60 fps with all of them.
 */
const ALL_BOXES_UP_TO = 2500;

const NO_EDGES: CanvasEdge[] = [];
const nodeTypes = { flow: FlowNode };
const edgeTypes = { flow: FlowEdge, loop: LoopEdge };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: false };
const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1 };

/**
 * Zoomed-out boxes and strokes draw their lines in screen pixels: one is 1/zoom flow units. Set
 * when a move ends, not during it; only a change restyles the nodes.
 */
function setScreenPixel(element: HTMLElement | null, zoom: number) {
  if (!element) return;
  const value = `${(1 / zoom).toFixed(2)}px`;
  if (element.style.getPropertyValue('--screen-px') !== value) element.style.setProperty('--screen-px', value);
  // Below NAME_ZOOM a box is too small on screen for its name: the map hides the names, in CSS,
  // so no node re-renders.
  const tiny = zoom < NAME_ZOOM;
  if (element.classList.contains('lod-names-hidden') !== tiny) element.classList.toggle('lod-names-hidden', tiny);
}

function toRequest(connection: Connection): ConnectionRequest | null {
  if (!connection.sourceHandle || !connection.targetHandle) return null;
  return { source: connection.source, sourcePort: connection.sourceHandle, target: connection.target, targetPort: connection.targetHandle };
}

export function Canvas() {
  const doc = useEditorStore((s) => s.doc);
  const selection = useEditorStore((s) => s.selection);
  const measured = useEditorUi((s) => s.measured);
  const [deriver] = useState(createDeriver);
  const { screenToFlowPosition } = useReactFlow();

  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const nodes = useMemo(() => (doc ? deriver.nodes(doc, selectedNodes, measured) : []), [deriver, doc, selectedNodes, measured]);
  const edges = useMemo(() => (doc ? deriver.edges(doc, selectedEdges) : []), [deriver, doc, selectedEdges]);
  // Fit the whole flow on open. A very large flow opens on its top-left corner at a readable zoom
  // instead: fitting a thousand nodes shrinks them to dots and renders every one.
  const [initialView] = useState(() => {
    const all = useEditorStore.getState().doc?.nodes ?? [];
    if (all.length <= VISIBLE_ONLY_ABOVE) return { fit: true, viewport: undefined };
    const zoom = 0.75;
    const minX = Math.min(...all.map((n) => n.position.x));
    const minY = Math.min(...all.map((n) => n.position.y));
    return { fit: false, viewport: { x: 48 - minX * zoom, y: 48 - minY * zoom, zoom } };
  });

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const store = useEditorStore.getState();
    const moves = new Map<string, { x: number; y: number }>();
    const sizes: { id: string; size: { width: number; height: number } }[] = [];
    let selected: Set<string> | null = null;
    for (const change of changes) {
      if (change.type === 'position' && change.position) moves.set(change.id, change.position);
      else if (change.type === 'dimensions' && change.dimensions) sizes.push({ id: change.id, size: change.dimensions });
      else if (change.type === 'select') {
        selected ??= new Set(store.selection.nodes);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
    }
    if (sizes.length) useEditorUi.getState().setMeasured(sizes);
    if (moves.size) moveNodes(moves);
    if (selected) store.select({ nodes: [...selected] });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    const store = useEditorStore.getState();
    let selected: Set<string> | null = null;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      selected ??= new Set(store.selection.edges);
      if (change.selected) selected.add(change.id);
      else selected.delete(change.id);
    }
    if (selected) store.select({ edges: [...selected] });
  }, []);

  const isValidConnection = useCallback((connection: Connection | CanvasEdge) => {
    const doc = useEditorStore.getState().doc;
    const request = toRequest(connection as Connection);
    return !!doc && !!request && checkConnection(doc, request).ok;
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const doc = useEditorStore.getState().doc;
    const request = toRequest(connection);
    if (!doc || !request) return;
    if (checkConnection(doc, request).ok) connect(request);
  }, []);

  const onConnectEnd: OnConnectEnd = useCallback((_event, state) => {
    const refused = refusal(state);
    if (!refused) return;
    const { request, reason, fix } = refused;
    toast(`Not connected: ${reason}`, {
      kind: 'error',
      ...(fix === 'loop' && request ? { action: { label: 'Add as revise loop', run: () => connect(request, { maxIterations: DEFAULT_LOOP_ITERATIONS }) } } : {}),
      durationMs: 10_000,
    });
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(KIND_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(KIND_MIME);
      if (!kind) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // The cursor lands on the node's header.
      if (addNodeOfKind(kind, { x: point.x - 24, y: point.y - 18 })) useEditorUi.getState().setTab('inspect');
    },
    [screenToFlowPosition],
  );

  const onNodeClick = useCallback(() => {
    const ui = useEditorUi.getState();
    if (ui.tab !== 'run') ui.setTab('inspect');
  }, []);

  const onEdgeContextMenu = useCallback((event: React.MouseEvent, edge: CanvasEdge) => {
    event.preventDefault();
    useEditorStore.getState().select({ nodes: [], edges: [edge.id] });
  }, []);

  // While the user pans or zooms, the flow is one composited layer: panning slides it instead of
  // repainting every node and edge. It is rasterised sharp again when the movement stops. Moves
  // with no user event (auto-pan while dragging a node near the edge, fit view) leave it alone:
  // toggling the class restyles every node and edge, which auto-pan would do every frame.
  const wrapper = useRef<HTMLDivElement>(null);
  const onMoveStart: OnMove = useCallback((event) => {
    if (event) wrapper.current?.classList.add('is-moving');
  }, []);
  const onMoveEnd: OnMove = useCallback((_event, viewport) => {
    if (wrapper.current?.classList.contains('is-moving')) wrapper.current.classList.remove('is-moving');
    setScreenPixel(wrapper.current, viewport.zoom);
  }, []);

  // Zoomed out (lod.ts), nodes are boxes, and the canvas draws the edges itself (MapEdges) instead
  // of React Flow. Boxes are cheap, so all of them are rendered, not only those in view (see
  // ALL_BOXES_UP_TO). Zooming back in, cards that were boxes get their handles measured before
  // React Flow draws edges to them.
  const lowDetail = useZoomedOut();
  const store = useStoreApi();
  useLayoutEffect(() => {
    measureSwitchedNodes(store);
    setScreenPixel(wrapper.current, store.getState().transform[2]);
  }, [lowDetail, store]);

  const beginGesture = useCallback(() => useEditorStore.getState().beginGesture(), []);
  const endGesture = useCallback(() => useEditorStore.getState().endGesture(), []);

  return (
    <div className="ed-canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
      <LowDetailContext value={lowDetail}>
        <ReactFlow<CanvasNode, CanvasEdge>
          nodes={nodes}
          edges={lowDetail ? NO_EDGES : edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onNodeDragStart={beginGesture}
          onNodeDragStop={endGesture}
          onSelectionDragStart={beginGesture}
          onSelectionDragStop={endGesture}
          onNodeClick={onNodeClick}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          onEdgeContextMenu={onEdgeContextMenu}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          onlyRenderVisibleElements={nodes.length > (lowDetail ? ALL_BOXES_UP_TO : VISIBLE_ONLY_ABOVE)}
          minZoom={0.1}
          maxZoom={2}
          fitView={initialView.fit}
          fitViewOptions={FIT_VIEW_OPTIONS}
          {...(initialView.viewport ? { defaultViewport: initialView.viewport } : {})}
          colorMode="system"
          proOptions={PRO_OPTIONS}
          aria-label="Flow canvas"
        >
          <DotGrid />
          {lowDetail ? <MapEdges nodes={nodes} edges={edges} /> : null}
          <OverviewMap />
          <Controls showInteractive={false} aria-label="Zoom controls" />
          <ConnectionHint />
        </ReactFlow>
      </LowDetailContext>
      {doc && doc.nodes.length === 0 ? (
        <div className="ed-canvas-empty">
          <p className="ed-canvas-empty-title">Start with an Input</p>
          <p>Drag a step from the palette onto the canvas, or focus one in the palette and press Enter.</p>
        </div>
      ) : null}
    </div>
  );
}
