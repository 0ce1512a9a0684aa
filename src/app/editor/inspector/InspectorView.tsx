/**
 * The editor's inspector: the selected node's form, the selected connection's details, a summary
 * of a multiple selection, or the flow's settings when nothing is selected.
 */
import { useEffect } from 'react';
import { useEditorStore } from '../store';
import { EdgeInspector } from './EdgeInspector';
import { FlowSettings } from './FlowSettings';
import { NodeInspector } from './NodeInspector';
import { SelectionSummary } from './SelectionSummary';
import { flushTypingBurst } from './typingBurst';
import './inspector.css';

export default function InspectorView() {
  const doc = useEditorStore((state) => state.doc);
  const selection = useEditorStore((state) => state.selection);
  // A new selection ends the typing burst of the old one.
  useEffect(() => () => flushTypingBurst(), [selection]);

  if (!doc) return <p className="hint">No flow is open.</p>;
  const nodeIds = selection.nodes.filter((id) => doc.nodes.some((n) => n.id === id));
  const edgeIds = selection.edges.filter((id) => doc.edges.some((e) => e.id === id));
  const node = nodeIds.length === 1 && edgeIds.length === 0 ? doc.nodes.find((n) => n.id === nodeIds[0]) : undefined;
  const edge = edgeIds.length === 1 && nodeIds.length === 0 ? doc.edges.find((e) => e.id === edgeIds[0]) : undefined;

  if (node) return <NodeInspector key={node.id} node={node} />;
  if (edge) return <EdgeInspector key={edge.id} edge={edge} doc={doc} />;
  if (nodeIds.length + edgeIds.length > 1) return <SelectionSummary doc={doc} nodeIds={nodeIds} edgeIds={edgeIds} />;
  return <FlowSettings key={doc.id} doc={doc} />;
}
