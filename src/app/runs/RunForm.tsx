/**
 * The run form, generated from the flow's Input fields: text, number, checkbox or JSON inputs,
 * each labelled with its description; wrong values are named next to their field on submit and
 * the first one gets focus.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { FormField, FormValues } from './inputFields';
import { validateForm } from './inputFields';

const TYPE_HINTS: Record<FormField['type'], string> = {
  string: 'text',
  number: 'number',
  boolean: 'yes / no',
  json: 'JSON',
};

export interface RunFormProps {
  fields: FormField[];
  values: FormValues;
  onChange(values: FormValues): void;
  onRun(inputs: Record<string, unknown>): void;
  disabled: boolean;
  /** Why Run is disabled, shown beside it. */
  disabledReason?: string;
  running: boolean;
  onCancel(): void;
  cancelling: boolean;
}

export function RunForm({ fields, values, onChange, onRun, disabled, disabledReason, running, onCancel, cancelling }: RunFormProps) {
  const base = useId();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const idOf = (name: string) => `${base}-${name}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (disabled || running) return;
    const result = validateForm(fields, values);
    if (!result.ok) {
      setErrors(result.errors);
      const first = fields.find((f) => result.errors[f.name]);
      if (first) document.getElementById(idOf(first.name))?.focus();
      return;
    }
    setErrors({});
    onRun(result.inputs);
  };

  const set = (name: string, value: string | boolean) => {
    onChange({ ...values, [name]: value });
    if (errors[name]) {
      const { [name]: _removed, ...rest } = errors;
      setErrors(rest);
    }
  };

  return (
    <form ref={formRef} className="run-inputs" onSubmit={submit} noValidate aria-label="Run inputs">
      {fields.length === 0 ? <p className="hint">This flow has no Input fields; it runs without inputs.</p> : null}
      {fields.map((field) => {
        const id = idOf(field.name);
        const error = errors[field.name];
        const describedBy = [field.description ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
        const value = values[field.name];
        return (
          <div key={field.name} className={`field run-field run-field-${field.type}`}>
            {field.type === 'boolean' ? (
              <label className="run-check" htmlFor={id}>
                <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(field.name, e.target.checked)} aria-describedby={describedBy} />
                <span>{field.name}</span>
              </label>
            ) : (
              <label htmlFor={id}>
                {field.name}
                <span className="run-field-type">
                  {' '}
                  {TYPE_HINTS[field.type]}
                  {field.required ? ', required' : ', optional'}
                </span>
              </label>
            )}
            {field.type === 'string' || field.type === 'json' ? (
              <textarea
                id={id}
                className={field.type === 'json' ? 'mono' : undefined}
                rows={field.type === 'json' ? 4 : 3}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(field.name, e.target.value)}
                aria-required={field.required}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                spellCheck={field.type === 'string'}
              />
            ) : field.type === 'number' ? (
              <input
                id={id}
                type="text"
                inputMode="decimal"
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(field.name, e.target.value)}
                aria-required={field.required}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
              />
            ) : null}
            {field.description ? (
              <span className="field-help" id={`${id}-help`}>
                {field.description}
              </span>
            ) : null}
            {error ? (
              <span className="field-error" id={`${id}-error`}>
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
      <div className="actions run-actions">
        <button type="submit" className="primary" disabled={disabled || running}>
          Run
        </button>
        {running ? (
          <button type="button" className="button-danger" onClick={onCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
        {disabledReason && !running ? <span className="hint run-disabled-reason">{disabledReason}</span> : null}
      </div>
    </form>
  );
}
