/**
 * The canvas's dot grid. Unlike an SVG pattern, which is repainted across the whole pane on every
 * frame of a pan, this is one layer that the compositor slides: panning costs no painting. It is
 * repainted only when the zoom changes.
 */
import { useStore, type ReactFlowState } from '@xyflow/react';

const GAP = 20;
const transformOf = (s: ReactFlowState) => s.transform;

export function DotGrid() {
  const [x, y, zoom] = useStore(transformOf);
  const gap = GAP * zoom;
  if (gap < 10) return <div className="ed-dot-grid" aria-hidden="true" />;
  const dx = (((x % gap) + gap) % gap) - gap;
  const dy = (((y % gap) + gap) % gap) - gap;
  return (
    <div className="ed-dot-grid" aria-hidden="true">
      <div
        className="ed-dot-grid-dots"
        style={{
          backgroundSize: `${gap}px ${gap}px`,
          backgroundPosition: `${gap / 2}px ${gap / 2}px`,
          width: `calc(100% + ${2 * gap}px)`,
          height: `calc(100% + ${2 * gap}px)`,
          transform: `translate3d(${dx}px, ${dy}px, 0)`,
        }}
      />
    </div>
  );
}
