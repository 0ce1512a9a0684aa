/**
 * The small forms on the selected card: reject (a reason is required), comment, and approve when
 * no reviewer name is saved yet. Each asks for the reviewer's name inline when Settings has none
 * (and saves it there). Enter confirms (Shift+Enter: a new line), Escape cancels; problems are
 * shown at their field.
 */
import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { errorText } from './conflict';
import { reviewerName } from './decide';

export interface NameState {
  /** The saved name; undefined when none is saved. */
  saved: string | undefined;
}

interface FieldProps {
  id: string;
  label: string;
  error: string | undefined;
  help?: string;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

function Field({ id, label, error, help, children }: FieldProps) {
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field rq-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {help ? (
        <span className="field-help" id={`${id}-help`}>
          {help}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** "Your name", shown only while Settings has none. */
export function NameField({ id, value, onChange, error, autoFocus }: { id: string; value: string; onChange(value: string): void; error: string | undefined; autoFocus?: boolean }) {
  return (
    <Field id={id} label="Your name" error={error} help="Recorded with your decisions, and saved in Settings for next time.">
      {(props) => <input {...props} type="text" value={value} autoFocus={autoFocus} autoComplete="name" maxLength={200} placeholder="e.g. Ada Lovelace" onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/**
 * The reviewer's name for a decision: the saved one, or the typed one (saved first). When neither
 * is usable, says why at the name field (`fieldId`), focuses it and resolves undefined.
 */
export async function nameOrProblem(saved: string | undefined, typed: string, fieldId: string, onProblem: (problem: string) => void): Promise<string | undefined> {
  try {
    return await reviewerName(saved, typed);
  } catch (error) {
    onProblem(errorText(error));
    document.getElementById(fieldId)?.focus();
    return undefined;
  }
}

/** Escape cancels; Enter (without Shift) in a one-purpose textarea confirms. */
export function formKeys(onCancel: () => void, submitOnEnter: boolean) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (submitOnEnter && event.key === 'Enter' && !event.shiftKey && event.target instanceof HTMLTextAreaElement) {
      event.preventDefault();
      event.currentTarget.closest('form')?.requestSubmit();
    }
  };
}

export interface TextFormProps extends NameState {
  kind: 'reject' | 'comment' | 'approve';
  busy: boolean;
  onCancel(): void;
  /** Resolves true when done (the form closes). */
  onSubmit(text: string, name: string): Promise<boolean>;
}

const TEXTS = {
  reject: { label: 'Why is it rejected?', help: 'Say what to change: the step that produced it gets this as feedback.', button: 'Reject', missing: 'A rejection needs a reason: say what is wrong, so the output can be revised.' },
  comment: { label: 'Comment', help: 'Shown on this item to every reviewer.', button: 'Add comment', missing: 'Write the comment first.' },
  approve: { label: '', help: '', button: 'Approve', missing: '' },
} as const;

/** The reject, comment and approve forms (approve is a name only: it opens when no name is saved). */
export function TextForm({ kind, saved, busy, onCancel, onSubmit }: TextFormProps) {
  const base = useId();
  const texts = TEXTS[kind];
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ text?: string; name?: string; form?: string }>({});
  const textRef = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (kind !== 'approve' && text.trim() === '') {
      setErrors({ text: texts.missing });
      textRef.current?.focus();
      return;
    }
    const by = await nameOrProblem(saved, name, `${base}-name`, (problem) => setErrors({ name: problem }));
    if (by === undefined) return;
    setErrors({});
    await onSubmit(text, by);
  };

  return (
    <form className={`rq-form rq-form-${kind}`} aria-label={kind === 'approve' ? 'Approve' : kind === 'reject' ? 'Reject with a reason' : 'Add a comment'} noValidate onSubmit={(e) => void submit(e)} onKeyDown={formKeys(onCancel, true)}>
      {kind === 'approve' ? null : (
        <Field id={`${base}-text`} label={texts.label} error={errors.text} help={texts.help}>
          {(props) => (
            <textarea
              {...props}
              ref={textRef}
              autoFocus
              rows={kind === 'reject' ? 3 : 2}
              value={text}
              maxLength={20_000}
              onChange={(e) => {
                setText(e.target.value);
                if (errors.text) setErrors({ ...errors, text: undefined });
              }}
            />
          )}
        </Field>
      )}
      {saved ? null : <NameField id={`${base}-name`} value={name} onChange={setName} error={errors.name} autoFocus={kind === 'approve'} />}
      <div className="rq-form-buttons">
        <button type="submit" className={kind === 'reject' ? 'rq-button-reject' : 'primary'} disabled={busy}>
          {busy ? 'Saving…' : texts.button}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <span className="rq-form-hint" aria-hidden="true">
          <kbd>Enter</kbd> to {texts.button.toLowerCase()}, <kbd>Esc</kbd> to cancel
        </span>
      </div>
    </form>
  );
}
