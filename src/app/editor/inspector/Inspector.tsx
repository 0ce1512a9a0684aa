// PLACEHOLDER: the inspector for the selected node (or the flow's settings when nothing is selected).
export function Inspector() {
  return <p className="hint">Select a node to edit it.</p>;
}
