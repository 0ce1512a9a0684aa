/** The API key and default model fields of the provider form. */
import { useId, useState, type RefObject } from 'react';

export interface KeyFieldProps {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  required: boolean;
  error?: string | undefined;
  /** The saved key, masked. */
  savedKey?: { state: 'device' | 'session'; masked: string } | undefined;
  /** A key is recorded but not available here (a session key from an ended session or another tab). */
  missing: boolean;
  removeKey: boolean;
  /** Absent when the key cannot be removed (OpenAI needs one). */
  onRemoveKey?: ((remove: boolean) => void) | undefined;
  keyStorage: 'device' | 'session';
  onKeyStorage: (storage: 'device' | 'session') => void;
}

export function KeyField({ id, inputRef, required, error, savedKey, missing, removeKey, onRemoveKey, keyStorage, onKeyStorage }: KeyFieldProps) {
  const base = useId();
  const helpId = `${base}-help`;
  const describedBy = [error ? `${id}-error` : '', helpId].filter(Boolean).join(' ');
  return (
    <>
      <div className="field">
        <label htmlFor={id}>API key{required ? '' : ' (optional)'}</label>
        <input
          ref={inputRef}
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          disabled={removeKey}
          placeholder={savedKey ? 'Leave empty to keep the saved key' : required ? 'sk-…' : 'Only if the server asks for one'}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {error ? (
          <span className="field-error" id={`${id}-error`}>
            {error}
          </span>
        ) : null}
        <span className="field-help" id={helpId}>
          {savedKey ? (
            <>
              Saved key: <code className="settings-masked">{savedKey.masked}</code> ({savedKey.state === 'device' ? 'remembered on this device' : 'this session only'}). Type a new key to replace it.
            </>
          ) : missing ? (
            'A key was kept for a browser session that has ended (or for another tab), so it is not available here. Enter it again.'
          ) : (
            'Sent only to this provider. After saving it is never shown again in full.'
          )}
        </span>
        {savedKey && onRemoveKey ? (
          <label className="settings-check">
            <input type="checkbox" checked={removeKey} onChange={(e) => onRemoveKey(e.target.checked)} />
            Remove the saved key
          </label>
        ) : null}
      </div>
      <fieldset className="settings-choice settings-choice-inline" disabled={removeKey}>
        <legend>Keep the key</legend>
        <label>
          <input type="radio" name={`${base}-storage`} checked={keyStorage === 'device'} onChange={() => onKeyStorage('device')} />
          <span>
            <strong>Remember on this device</strong>
            <span className="field-help">Stored in this browser (IndexedDB) until you remove it.</span>
          </span>
        </label>
        <label>
          <input type="radio" name={`${base}-storage`} checked={keyStorage === 'session'} onChange={() => onKeyStorage('session')} />
          <span>
            <strong>This session only</strong>
            <span className="field-help">Kept in this tab (sessionStorage) until it is closed. New tabs ask again.</span>
          </span>
        </label>
      </fieldset>
    </>
  );
}

const OTHER = '__other__';

export interface ModelFieldProps {
  id: string;
  value: string;
  onChange: (model: string) => void;
  /** Models fetched from the endpoint; empty before fetching or when it lists none. */
  models: string[];
  error?: string | undefined;
  fetching: boolean;
  onFetch: () => void;
}

export function ModelField({ id, value, onChange, models, error, fetching, onFetch }: ModelFieldProps) {
  const helpId = `${id}-help`;
  // Typing is the fallback: before fetching, when the endpoint lists nothing, or by choice.
  const [typing, setTyping] = useState(false);
  const listed = models.length > 0 && (value === '' || models.includes(value));
  const useList = models.length > 0 && !typing && listed;
  const describedBy = [error ? `${id}-error` : '', helpId].filter(Boolean).join(' ');
  return (
    <div className="field">
      <div className="settings-label-row">
        <label htmlFor={id}>Default model</label>
        <button type="button" className="settings-small" onClick={onFetch} disabled={fetching}>
          {fetching ? 'Fetching models…' : models.length > 0 ? 'Fetch models again' : 'Fetch models'}
        </button>
      </div>
      {useList ? (
        <select
          id={id}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            if (e.target.value === OTHER) {
              setTyping(true);
              requestAnimationFrame(() => document.getElementById(id)?.focus());
            } else onChange(e.target.value);
          }}
        >
          <option value="">Choose a model…</option>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
          <option value={OTHER}>Another model (type its name)…</option>
        </select>
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder="e.g. llama3.2 or gpt-4o-mini"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <span className="field-help" id={helpId}>
        {useList ? (
          `${models.length} model${models.length === 1 ? '' : 's'} from the endpoint.`
        ) : models.length > 0 ? (
          <>
            {value && !models.includes(value) ? 'Not among the models the endpoint lists; Test connection will check that it answers. ' : ''}
            <button
              type="button"
              className="settings-link"
              onClick={() => {
                setTyping(false);
                if (!models.includes(value)) onChange('');
              }}
            >
              Choose from the {models.length} listed models
            </button>
          </>
        ) : (
          'Fetch the list from the endpoint, or type the model name.'
        )}
      </span>
    </div>
  );
}
