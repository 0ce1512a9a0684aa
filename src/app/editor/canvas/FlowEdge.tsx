/**
 * An edge on the canvas. Marked revise loops are drawn dashed in their own colour with their
 * iteration limit. A selected edge gets a small toolbar: mark or unmark it as a revise loop,
 * set the limit, delete it. Zoomed out below the level of detail the map draws the edges instead
 * (MapEdges.tsx, lod.ts).
 */
import { memo, useState } from 'react';
import { BaseEdge, EdgeLabelRenderer, useStore, type EdgeProps } from '@xyflow/react';
import { DEFAULT_LOOP_ITERATIONS, setEdgeLoop } from '../commands';
import { findPath } from '../connect';
import { useEditorStore } from '../store';
import type { CanvasEdge } from './derive';
import { flowEdgePath, loopEdgePath } from './edgePaths';

function FlowEdgeView(props: EdgeProps<CanvasEdge>) {
  const [path, labelX, labelY] = flowEdgePath(props);
  return <EdgeBody {...props} path={path} labelX={labelX} labelY={labelY} />;
}

/** The bottom edge of a node on the canvas (flow coordinates). */
function useNodeBottom(id: string): number {
  return useStore((s) => {
    const node = s.nodeLookup.get(id);
    return node ? node.internals.positionAbsolute.y + (node.measured.height ?? 0) : 0;
  });
}

/** A marked revise loop: drawn around and below the two nodes it joins, when it runs backwards. */
function LoopEdgeView(props: EdgeProps<CanvasEdge>) {
  const below = Math.max(useNodeBottom(props.source), useNodeBottom(props.target));
  const [path, labelX, labelY] = loopEdgePath(props, below);
  return <EdgeBody {...props} path={path} labelX={labelX} labelY={labelY} />;
}

function EdgeBody({ id, data, selected, markerEnd, path, labelX, labelY }: EdgeProps<CanvasEdge> & { path: string; labelX: number; labelY: number }) {
  const loop = data?.maxIterations ?? null;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`fedge ${loop !== null ? 'is-loop' : ''} ${selected ? 'is-selected' : ''}`} interactionWidth={18} />
      {loop !== null || selected ? (
        <EdgeLabelRenderer>
          <div className="fedge-label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {loop !== null ? (
              <span className="fedge-loop-chip" title={`Revise loop: runs again at most ${loop} times, then takes the "exhausted" branch`}>
                ↺ max {loop}
              </span>
            ) : null}
            {selected && data ? <EdgeToolbar edgeId={id} loop={loop} /> : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

function EdgeToolbar({ edgeId, loop }: { edgeId: string; loop: number | null }) {
  const canLoop = useEditorStore((s) => {
    const edge = s.doc?.edges.find((e) => e.id === edgeId);
    return !!edge && !!s.doc && (edge.loop !== undefined || findPath(s.doc.edges, edge.target, edge.source) !== null);
  });
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? String(loop ?? DEFAULT_LOOP_ITERATIONS);
  const parsed = Number(value);
  const invalid = !Number.isInteger(parsed) || parsed < 1 || parsed > 50;
  return (
    <div className="fedge-toolbar" role="group" aria-label="Connection actions">
      <button
        type="button"
        aria-pressed={loop !== null}
        disabled={!canLoop}
        title={canLoop ? 'A revise loop lets a later step send work back, a bounded number of times' : 'Only a connection that goes back to an earlier step can be a revise loop'}
        onClick={() => setEdgeLoop(edgeId, loop === null ? DEFAULT_LOOP_ITERATIONS : null)}
      >
        ↺ Revise loop
      </button>
      {loop !== null ? (
        <label className="fedge-iterations">
          Max
          <input
            type="number"
            min={1}
            max={50}
            value={value}
            aria-label="Maximum iterations"
            aria-invalid={invalid}
            onChange={(event) => {
              const text = event.target.value;
              setDraft(text);
              const n = Number(text);
              if (Number.isInteger(n) && n >= 1 && n <= 50) setEdgeLoop(edgeId, n);
            }}
            onBlur={() => setDraft(null)}
          />
        </label>
      ) : null}
      <button type="button" className="button-danger" onClick={() => useEditorStore.getState().remove({ edges: [edgeId] })}>
        Delete
      </button>
      {invalid ? (
        <span className="fedge-error" role="alert">
          Use a whole number from 1 to 50.
        </span>
      ) : null}
    </div>
  );
}

export const FlowEdge = memo(FlowEdgeView);
export const LoopEdge = memo(LoopEdgeView);
