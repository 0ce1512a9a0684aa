/** Why a connection dragged onto a port is refused, from React Flow's connection state. */
import type { FinalConnectionState } from '@xyflow/react';
import { checkConnection, type ConnectionRequest } from '../connect';
import { useEditorStore } from '../store';

/** Why the connection that just ended was refused (null: it was not refused, or went nowhere). */
export function refusal(state: FinalConnectionState): { request: ConnectionRequest | null; reason: string; fix?: 'loop' } | null {
  if (state.isValid !== false || !state.fromHandle || !state.toHandle || !state.fromNode) return null;
  const from = state.fromHandle;
  const to = state.toHandle;
  if (from.type === to.type) {
    return { request: null, reason: 'Connect an output (on the right of a node) to an input (on the left of a node).' };
  }
  const request: ConnectionRequest =
    from.type === 'source'
      ? { source: from.nodeId, sourcePort: from.id ?? '', target: to.nodeId, targetPort: to.id ?? '' }
      : { source: to.nodeId, sourcePort: to.id ?? '', target: from.nodeId, targetPort: from.id ?? '' };
  const doc = useEditorStore.getState().doc;
  if (!doc) return null;
  const check = checkConnection(doc, request);
  if (check.ok) return null;
  return { request, reason: check.reason, ...(check.fix ? { fix: check.fix } : {}) };
}

