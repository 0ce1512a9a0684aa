/**
 * "Edit then approve": the output in a text editor (checked as JSON while typing when the output
 * is JSON), the original and the edit side by side, and the reviewer's name when none is saved.
 * Ctrl+Enter (Cmd+Enter) saves and approves, Escape cancels; Enter is a new line here.
 */
import { useDeferredValue, useId, useRef, useState, type FormEvent } from 'react';
import type { ReviewItem } from '../../engine/run/types';
import { DiffView } from './DiffView';
import { formKeys, NameField, nameOrProblem } from './forms';
import { isJsonOutput, outputText, parseEdit } from './itemText';

export interface EditFormProps {
  item: ReviewItem;
  saved: string | undefined;
  busy: boolean;
  onCancel(): void;
  onSubmit(editedOutput: unknown, name: string): Promise<boolean>;
}

export function EditForm({ item, saved, busy, onCancel, onSubmit }: EditFormProps) {
  const base = useId();
  const json = isJsonOutput(item.output);
  const original = outputText(item.output);
  const [draft, setDraft] = useState(original);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ name?: string; edit?: string }>({});
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const shown = useDeferredValue(draft);
  const parsed = parseEdit(draft, json);
  const unchanged = parsed.ok && (json ? JSON.stringify(parsed.value) === JSON.stringify(item.output) : draft === original);
  const problem = errors.edit ?? (parsed.ok ? undefined : parsed.error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!parsed.ok) {
      editorRef.current?.focus();
      return;
    }
    if (unchanged) {
      setErrors({ edit: 'Nothing is changed yet: edit the output, or cancel and approve it as it is.' });
      editorRef.current?.focus();
      return;
    }
    const by = await nameOrProblem(saved, name, `${base}-name`, (problem) => setErrors({ name: problem }));
    if (by === undefined) return;
    setErrors({});
    await onSubmit(parsed.value, by);
  };

  const keys = formKeys(onCancel, false);
  return (
    <form
      className="rq-form rq-form-edit"
      aria-label="Edit the output, then approve"
      noValidate
      onSubmit={(e) => void submit(e)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          event.currentTarget.requestSubmit();
          return;
        }
        keys(event);
      }}
    >
      <div className="field rq-field">
        <label htmlFor={`${base}-edit`}>Edited output {json ? <span className="rq-field-kind">JSON</span> : <span className="rq-field-kind">text</span>}</label>
        <textarea
          id={`${base}-edit`}
          ref={editorRef}
          className="rq-editor"
          autoFocus
          spellCheck={!json}
          rows={Math.min(18, Math.max(6, original.split('\n').length + 1))}
          value={draft}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${base}-edit-error` : `${base}-edit-help`}
          onChange={(e) => {
            setDraft(e.target.value);
            if (errors.edit) setErrors({ ...errors, edit: undefined });
          }}
        />
        {problem ? (
          <span className="field-error" id={`${base}-edit-error`} role="status">
            {problem}
          </span>
        ) : (
          <span className="field-help" id={`${base}-edit-help`}>
            {json ? 'Must stay valid JSON: it is what flows on from the gate.' : 'The edited text is what flows on from the gate.'}
          </span>
        )}
      </div>
      <DiffView before={original} after={shown} />
      {saved ? null : <NameField id={`${base}-name`} value={name} onChange={setName} error={errors.name} />}
      <div className="rq-form-buttons">
        <button type="submit" className="primary" disabled={busy || !parsed.ok}>
          {busy ? 'Saving…' : 'Save edit and approve'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <span className="rq-form-hint" aria-hidden="true">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to approve the edit, <kbd>Esc</kbd> to cancel
        </span>
      </div>
    </form>
  );
}
