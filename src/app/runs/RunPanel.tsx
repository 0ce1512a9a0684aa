// PLACEHOLDER: the editor's Run tab (input form, run/cancel, live step list, outputs).
import type { FlowDoc } from '../../engine/flow/schema';

export function RunPanel(_props: { doc: FlowDoc }) {
  return <p className="hint">Running is coming.</p>;
}
