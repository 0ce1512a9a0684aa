/** "Save version…": keeps the current flow as a named version that can be restored later. */
import { useState, type FormEvent } from 'react';
import { newId } from '../../../engine/flow/create';
import { createSnapshot } from '../../../storage/flowsRepo';
import { db } from '../../runtime/database';
import { Dialog } from '../../ui/Dialog';
import { toast } from '../../ui/toasts';
import { useEditorStore } from '../store';

export function SaveVersionDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Save version" onClose={onClose}>
      {open ? <SaveVersionForm onClose={onClose} /> : null}
    </Dialog>
  );
}

function SaveVersionForm({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the version a name, such as "Before changing the prompt".');
      return;
    }
    const doc = useEditorStore.getState().doc;
    if (!doc) return;
    setSaving(true);
    try {
      await createSnapshot(db, doc, trimmed.slice(0, 200), newId('snap'));
      toast(`Saved version "${trimmed}".`);
      onClose();
    } catch (e) {
      setError(`Not saved: ${e instanceof Error ? e.message : String(e)}`);
      setSaving(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor="version-name">Version name</label>
        <input
          id="version-name"
          type="text"
          autoFocus
          value={name}
          maxLength={200}
          aria-invalid={!!error}
          aria-describedby={error ? 'version-name-error' : 'version-name-help'}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <span className="field-error" id="version-name-error" role="alert">
            {error}
          </span>
        ) : (
          <span className="field-help" id="version-name-help">
            The flow as it is now. Versions are listed under Versions, where you can restore one.
          </span>
        )}
      </div>
      <div className="ed-dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          Save version
        </button>
      </div>
    </form>
  );
}
