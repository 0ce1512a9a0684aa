/** "Your name": recorded with each review decision. */
import { useId, useState, type FormEvent } from 'react';
import { saveReviewerName } from '../../storage/settingsRepo';
import { db } from '../runtime/database';
import { useReviewerNameState } from './hooks';

export function ReviewerSection() {
  const id = useId();
  const stored = useReviewerNameState();
  // The field follows the stored name (also when another tab changes it) until the person edits it.
  const [draft, setDraft] = useState<string>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState('');
  const value = draft ?? stored.name ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    try {
      const saved = await saveReviewerName(db, value);
      setError(undefined);
      setDraft(undefined);
      setStatus(saved ? `Saved. Review decisions will be recorded as “${saved}”.` : 'Cleared. Review decisions will ask for your name.');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      document.getElementById(`${id}-name`)?.focus();
    }
  };

  return (
    <section className="panel settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Reviewer</h2>
      <p className="hint">Recorded as the reviewer with every decision you take in the review queue: who, when and what.</p>
      {stored.problem ? <p className="settings-warn">{stored.problem.message}</p> : null}
      <form className="settings-inline-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>Your name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={value}
            disabled={!stored.loaded}
            autoComplete="name"
            maxLength={200}
            placeholder="e.g. Ada Lovelace"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setStatus('');
            }}
          />
          {error ? (
            <span className="field-error" id={`${id}-error`}>
              {error}
            </span>
          ) : null}
        </div>
        <button type="submit" className="primary" disabled={!stored.loaded || draft === undefined}>
          Save name
        </button>
      </form>
      <p className="settings-saved" role="status">
        {status}
      </p>
    </section>
  );
}
