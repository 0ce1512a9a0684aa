/** While a connection is dragged over a port that cannot take it, says why (before the drop). */
import { useConnection } from '@xyflow/react';
import { refusal } from './refusal';

export function ConnectionHint() {
  const reason = useConnection((connection) => {
    if (!connection.inProgress || connection.isValid !== false || !connection.toHandle) return null;
    return refusal({ ...connection, toPosition: connection.toPosition })?.reason ?? null;
  });
  if (!reason) return null;
  return (
    <div className="ed-connection-hint" role="status">
      {reason}
    </div>
  );
}
