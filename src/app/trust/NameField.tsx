/**
 * Who is acting: the reviewer name from Settings, or, when none is saved, a field asking for it
 * (saved to Settings with the change). Tier changes are recorded with this name.
 */
import { useId } from 'react';

export function NameField({ saved, value, onChange, error }: { saved: string | undefined; value: string; onChange: (value: string) => void; error?: string | undefined }) {
  const id = useId();
  if (saved) return <p className="trust-as">Recorded as {saved} (from Settings).</p>;
  return (
    <div className="field trust-name">
      <label htmlFor={`${id}-name`}>Your name</label>
      <input
        id={`${id}-name`}
        type="text"
        value={value}
        maxLength={200}
        autoComplete="name"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="field-help" id={`${id}-help`}>
        Recorded with the change, and saved in Settings.
      </span>
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
