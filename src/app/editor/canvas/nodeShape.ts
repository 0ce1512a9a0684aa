/**
 * A node's shape on the canvas, shared by the node (FlowNode.tsx) and the zoomed-out map's edges
 * (MapEdges.tsx): its ports, its width, the height it is drawn at before it is measured, and where
 * a zoomed-out box has its handles.
 */
import { getNodeKind } from '../../../engine/nodes/registry';
import { declaredPorts, drawnPorts, type DrawnPorts } from '../ports';
import { configSummary } from '../summary';
import type { FlowNodeData } from './derive';

/** As `.fnode` and `.fnode-lod` in nodes.css. */
export const NODE_WIDTH = 204;

const portsCache = new WeakMap<FlowNodeData, DrawnPorts>();

/** The ports a node draws (the same object while its data is). */
export function portsOf(data: FlowNodeData): DrawnPorts {
  let ports = portsCache.get(data);
  if (!ports) {
    ports = drawnPorts(declaredPorts(data.kind, data.config), data.extraInputs, data.extraOutputs, data.loopSource);
    portsCache.set(data, ports);
  }
  return ports;
}

/** The height a card of this shape is drawn at (nodes.css), for a node not measured yet. */
export function estimatedHeight(data: FlowNodeData): number {
  const agent = getNodeKind(data.kind)?.category === 'agent';
  const ports = portsOf(data);
  const rows = Math.max(ports.inputs.length, ports.outputs.length);
  return (agent ? 50 : 48) + (configSummary(data.kind, data.config) ? 22 : 0) + (rows > 0 ? 10 + 20 * rows + (agent ? 3 : 0) : 0);
}

/** How far down a zoomed-out box its `index`-th of `count` handles on one side sits (0 to 1). */
export function handleAt(index: number, count: number): number {
  return (index + 1) / (count + 1);
}
