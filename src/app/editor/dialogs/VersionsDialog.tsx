/**
 * The flow's named versions, newest first. Restoring one is an ordinary change (undoable), and
 * the current state is first kept as a version of its own, so nothing is ever lost.
 */
import { useEffect, useState } from 'react';
import { canonicalJson } from '../../../engine/flow/canonical';
import { newId } from '../../../engine/flow/create';
import type { SnapshotRow } from '../../../storage/db';
import { createSnapshot, listSnapshots } from '../../../storage/flowsRepo';
import { db } from '../../runtime/database';
import { Dialog } from '../../ui/Dialog';
import { toast } from '../../ui/toasts';
import { editorHistory, useEditorStore } from '../store';

export function VersionsDialog({ open, onClose, onSaveVersion }: { open: boolean; onClose: () => void; onSaveVersion: () => void }) {
  return (
    <Dialog
      open={open}
      title="Versions"
      onClose={onClose}
      wide
      footer={
        <button type="button" onClick={onSaveVersion}>
          Save the current flow as a version…
        </button>
      }
    >
      {open ? <VersionList onClose={onClose} /> : null}
    </Dialog>
  );
}

function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Makes `row` the current document as one undo step, after keeping the current state as a version
 * (unless it is the same). Returns the name of that kept version, or null.
 */
async function restoreVersion(row: SnapshotRow): Promise<string | null> {
  const current = useEditorStore.getState().doc;
  if (!current) return null;
  let kept: string | null = null;
  if (canonicalJson({ ...row.doc, id: current.id }) !== canonicalJson(current)) {
    kept = `Before restoring "${row.name}", ${formatTime(Date.now())}`.slice(0, 200);
    await createSnapshot(db, current, kept, newId('snap'));
  }
  useEditorStore.getState().change(() => ({ ...row.doc, id: current.id }));
  return kept;
}

function VersionList({ onClose }: { onClose: () => void }) {
  const flowId = useEditorStore((s) => s.doc?.id);
  const [rows, setRows] = useState<SnapshotRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!flowId) return;
    let cancelled = false;
    listSnapshots(db, flowId).then(
      (list) => !cancelled && setRows(list),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [flowId]);

  const restore = async (row: SnapshotRow) => {
    try {
      const kept = await restoreVersion(row);
      onClose();
      toast(kept ? `Restored "${row.name}". The previous state is kept as a version.` : `Restored "${row.name}".`, { action: { label: 'Undo', run: editorHistory.undo } });
    } catch (e) {
      setError(`Not restored: the current state could not be kept first (${e instanceof Error ? e.message : String(e)}).`);
    }
  };

  if (error) return <p className="error">{error}</p>;
  if (!rows) return <p className="hint">Loading versions…</p>;
  if (rows.length === 0) {
    return (
      <div className="ed-side-empty">
        <p className="ed-side-empty-title">No versions yet</p>
        <p>Save a version before a big change, so you can come back to it.</p>
      </div>
    );
  }
  return (
    <table className="ed-versions-table">
      <caption className="editor-sr-only">Named versions of this flow, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Saved</th>
          <th scope="col">Steps</th>
          <th scope="col">
            <span className="editor-sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row" className="ed-version-name">
              {row.name}
            </th>
            <td>{formatTime(row.createdAt)}</td>
            <td>{row.doc.nodes.length}</td>
            <td className="ed-version-actions">
              <button type="button" onClick={() => void restore(row)} aria-label={`Restore "${row.name}"`}>
                Restore
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
