/**
 * Rename a flow: its name (required, at most 200 characters) and description. The dialog stays
 * mounted and opens or closes with `flow`, so the native dialog returns focus to where it was.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Dialog } from '../ui/Dialog';

const MAX_NAME = 200;

interface Editable {
  id: string;
  name: string;
  description: string;
}

export function RenameDialog({ flow, onClose, onSave }: { flow: Editable | null; onClose: () => void; onSave: (name: string, description: string) => Promise<boolean> }) {
  const input = useRef<HTMLInputElement>(null);
  const formId = useId();
  // After the dialog has opened (its own effect runs first), start in the name, selected.
  useEffect(() => {
    if (!flow) return;
    input.current?.focus();
    input.current?.select();
  }, [flow]);
  return (
    <Dialog
      open={flow !== null}
      title="Rename flow"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary">
            Save
          </button>
        </>
      }
    >
      {flow ? <RenameForm key={flow.id} flow={flow} formId={formId} input={input} onSave={onSave} onDone={onClose} /> : null}
    </Dialog>
  );
}

function RenameForm({ flow, formId, input, onSave, onDone }: { flow: Editable; formId: string; input: RefObject<HTMLInputElement | null>; onSave: (name: string, description: string) => Promise<boolean>; onDone: () => void }) {
  const [name, setName] = useState(flow.name);
  const [description, setDescription] = useState(flow.description);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);
  const nameId = useId();
  const descriptionId = useId();
  const errorId = useId();
  const trimmed = name.trim();
  const error = trimmed === '' ? 'Enter a name for the flow.' : trimmed.length > MAX_NAME ? `A name can be at most ${MAX_NAME} characters (this one has ${trimmed.length}).` : null;
  const showError = error !== null && (tried || trimmed.length > MAX_NAME);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (error) {
      input.current?.focus();
      return;
    }
    if (saving) return;
    setSaving(true);
    const saved = await onSave(trimmed, description);
    setSaving(false);
    if (saved) onDone();
  };

  return (
    <form id={formId} onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={nameId}>Name</label>
        <input
          ref={input}
          id={nameId}
          type="text"
          value={name}
          autoComplete="off"
          aria-invalid={showError}
          aria-describedby={showError ? errorId : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {showError ? (
          <span id={errorId} className="field-error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={descriptionId}>Description</label>
        <textarea id={descriptionId} value={description} rows={3} maxLength={10_000} onChange={(event) => setDescription(event.target.value)} />
        <span className="field-help">Shown in the library under the name.</span>
      </div>
    </form>
  );
}
