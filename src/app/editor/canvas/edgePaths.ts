/**
 * The shapes of edges on the canvas, shared by React Flow's edges (FlowEdge.tsx) and the
 * zoomed-out map's (MapEdges.tsx), so both draw a connection the same way.
 */
import { getBezierPath, getSmoothStepPath, type Position } from '@xyflow/react';

export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  sourcePosition: Position;
  targetPosition: Position;
}

/** A path and the point its label sits on. */
export type EdgePath = [path: string, labelX: number, labelY: number];

/**
 * A revise loop runs from a later step back to an earlier one: out of the source's right side,
 * down below both nodes, back left, and into the target's left side, with rounded corners.
 */
export function loopPath(sx: number, sy: number, tx: number, ty: number, below: number): EdgePath {
  const off = 26;
  const r = 12;
  const bottom = Math.max(sy + 2 * r, ty + 2 * r, below + 28);
  const x1 = sx + off;
  const x2 = tx - off;
  const path = [
    `M ${sx},${sy}`,
    `L ${x1 - r},${sy}`,
    `Q ${x1},${sy} ${x1},${sy + r}`,
    `L ${x1},${bottom - r}`,
    `Q ${x1},${bottom} ${x1 - r},${bottom}`,
    `L ${x2 + r},${bottom}`,
    `Q ${x2},${bottom} ${x2},${bottom - r}`,
    `L ${x2},${ty + r}`,
    `Q ${x2},${ty} ${x2 + r},${ty}`,
    `L ${tx},${ty}`,
  ].join(' ');
  return [path, (x1 + x2) / 2, bottom];
}

/** An ordinary edge: a curve; only a connection that truly runs right-to-left is routed around. */
export function flowEdgePath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeEnds): EdgePath {
  const ends = { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition };
  const [path, labelX, labelY] = targetX < sourceX - 8 ? getSmoothStepPath({ ...ends, borderRadius: 14, offset: 28 }) : getBezierPath(ends);
  return [path, labelX, labelY];
}

/** A marked revise loop: around and below the two nodes it joins (`below`: the lower bottom edge), when it runs backwards. */
export function loopEdgePath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeEnds, below: number): EdgePath {
  if (targetX - 52 < sourceX) return loopPath(sourceX, sourceY, targetX, targetY, below);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return [path, labelX, labelY];
}
