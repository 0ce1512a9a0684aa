/**
 * Level of detail. Below DETAIL_ZOOM a node's text is too small to read, so the canvas draws the
 * flow as a map: nodes as plain boxes in their category colour, named in type kept at a readable
 * size on screen (problems and run status as their ring), and edges as thin strokes that the canvas draws itself, a few paths for all of them
 * (MapEdges.tsx), instead of React Flow's edges. A thousand plain boxes and a handful of paths
 * cost little to lay out, paint and hit-test; a thousand cards of some fifty elements each, and
 * fifteen hundred edges that React Flow re-checks on every frame of a pan, cost a large flow its
 * frame rate.
 *
 * The canvas reads the zoom from React Flow's store with a selector that only changes when the
 * zoom crosses the threshold, and hands the answer to the nodes through a context: panning and
 * zooming re-render none of them, and a thousand nodes do not each subscribe to the store.
 */
import { createContext, useContext, useLayoutEffect, useRef, type RefObject } from 'react';
import { useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';

export const DETAIL_ZOOM = 0.4;

/** Below this zoom the map's boxes are too small on screen to carry their names. */
export const NAME_ZOOM = 0.22;

const lowDetailOf = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;

/** For the canvas: true while React Flow's zoom is below DETAIL_ZOOM. */
export function useZoomedOut(): boolean {
  return useStore(lowDetailOf);
}

export const LowDetailContext = createContext(false);

/** For nodes: draw the zoomed-out form. */
export function useLowDetail(): boolean {
  return useContext(LowDetailContext);
}

type StoreApi = ReturnType<typeof useStoreApi>;
const switched = new WeakMap<StoreApi, Map<string, HTMLDivElement>>();

/**
 * For nodes: note a box that turned back into a card in place. The card keeps the box's size
 * (the box takes the card's measured height), so React Flow's resize observer need not see the
 * change, and would leave the handles where the box had them. See measureSwitchedNodes.
 */
export function useNoteSwitch(id: string, lowDetail: boolean, element: RefObject<HTMLElement | null>): void {
  const store = useStoreApi();
  const shown = useRef(lowDetail);
  useLayoutEffect(() => {
    if (shown.current === lowDetail) return;
    shown.current = lowDetail;
    const node = element.current?.closest<HTMLDivElement>('.react-flow__node');
    if (lowDetail || !node) return;
    let nodes = switched.get(store);
    if (!nodes) switched.set(store, (nodes = new Map()));
    nodes.set(id, node);
  }, [id, lowDetail, store, element]);
}

/**
 * For the canvas, in a layout effect when the level of detail changes (so after every node's):
 * measures the handles of the cards noted by useNoteSwitch, all at once, before React Flow, which
 * gets its edges back in a passive effect, draws edges to them.
 */
export function measureSwitchedNodes(store: StoreApi): void {
  const nodes = switched.get(store);
  if (!nodes) return;
  switched.delete(store);
  const updates = new Map<string, { id: string; nodeElement: HTMLDivElement; force: boolean }>();
  for (const [id, nodeElement] of nodes) if (nodeElement.isConnected) updates.set(id, { id, nodeElement, force: true });
  if (updates.size > 0) store.getState().updateNodeInternals(updates);
}
