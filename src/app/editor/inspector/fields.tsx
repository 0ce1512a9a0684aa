/**
 * The simple field editors of a config form: text, long text, number, checkbox, select and the
 * provider list. Each shows its label, help and the problems at its path, and writes exactly
 * what was typed (an invalid value stays, with its error; the node shows the diagnostic).
 */
import { useState, type ReactNode } from 'react';
import { getIn, type ConfigPath } from './configPath';
import { useForm } from './formContext';
import { fieldDomId } from './ids';
import { useProviderOptions } from './providers';
import type { BooleanFieldSpec, EnumFieldSpec, NumberFieldSpec, ProviderFieldSpec, TextFieldSpec } from './schemaFields';
import { problemsAt } from './validation';

export interface FieldMessages {
  helpId?: string;
  errorId?: string;
  describedBy?: string;
  invalid: boolean;
}

/** Ids and text for a field's help and errors. */
export function fieldMessages(id: string, help: string | undefined, errors: readonly string[], extra: (string | undefined)[] = []): FieldMessages {
  const helpId = help ? `${id}-help` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId, ...extra].filter(Boolean).join(' ') || undefined;
  return { ...(helpId ? { helpId } : {}), ...(errorId ? { errorId } : {}), ...(describedBy ? { describedBy } : {}), invalid: errors.length > 0 };
}

export function FieldErrors({ id, errors }: { id: string | undefined; errors: readonly string[] }) {
  if (!id || errors.length === 0) return null;
  return (
    <div id={id} className="field-error">
      {errors.map((message, index) => (
        <p key={index}>{message}</p>
      ))}
    </div>
  );
}

export function FieldShell(props: {
  id: string;
  label: string;
  required?: boolean;
  help?: string | undefined;
  errors: readonly string[];
  messages: FieldMessages;
  children: ReactNode;
  after?: ReactNode;
  labelId?: string;
}) {
  return (
    <div className={`field inspector-field${props.messages.invalid ? ' is-invalid' : ''}`}>
      <label htmlFor={props.id} id={props.labelId}>
        {props.label}
        {props.required ? (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {props.children}
      <FieldErrors id={props.messages.errorId} errors={props.errors} />
      {props.help ? (
        <p id={props.messages.helpId} className="field-help">
          {props.help}
        </p>
      ) : null}
      {props.after}
    </div>
  );
}

/** How a stored value reads in a text box: text as is, anything else as JSON. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function useFieldProblems(path: ConfigPath): string[] {
  const { problems } = useForm();
  return problemsAt(problems, path).map((p) => p.message);
}

export function TextField({ spec, path }: { spec: TextFieldSpec; path: ConfigPath }) {
  const form = useForm();
  const id = fieldDomId(form.nodeId, path);
  const errors = useFieldProblems(path);
  const messages = fieldMessages(id, spec.help, errors);
  const value = getIn(form.config, path);
  const mustFill = spec.required;
  const placeholder = spec.placeholder ?? (spec.hasDefault && typeof spec.defaultValue === 'string' && spec.defaultValue ? spec.defaultValue : undefined);
  const onChange = (text: string) => form.set(path, text === '' && !spec.required && !spec.hasDefault ? undefined : text, 'typing');
  const common = {
    id,
    value: asText(value),
    placeholder,
    'aria-describedby': messages.describedBy,
    'aria-invalid': messages.invalid || undefined,
    'aria-required': mustFill || undefined,
    onBlur: form.flush,
    spellCheck: spec.multiline,
  };
  return (
    <FieldShell id={id} label={spec.label} required={mustFill} help={spec.help} errors={errors} messages={messages}>
      {spec.multiline ? (
        <textarea {...common} rows={spec.lines ?? 3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type="text" autoComplete="off" onChange={(event) => onChange(event.target.value)} />
      )}
    </FieldShell>
  );
}

export function NumberField({ spec, path }: { spec: NumberFieldSpec; path: ConfigPath }) {
  const form = useForm();
  const id = fieldDomId(form.nodeId, path);
  const stored = getIn(form.config, path);
  const [draft, setDraft] = useState<{ text: string; problem?: string } | null>(null);
  const storedText = typeof stored === 'number' ? String(stored) : asText(stored);
  // A change from elsewhere (undo) replaces what is being typed.
  if (draft && !draft.problem && (draft.text.trim() === '' ? stored !== undefined && stored !== '' : Number(draft.text) !== stored)) setDraft(null);
  const errors = [...(draft?.problem ? [draft.problem] : []), ...useFieldProblems(path)];
  const messages = fieldMessages(id, spec.help, errors);
  const placeholder = spec.hasDefault && typeof spec.defaultValue === 'number' ? `${spec.defaultValue} (default)` : undefined;
  return (
    <FieldShell id={id} label={spec.label} required={spec.required} help={spec.help} errors={errors} messages={messages}>
      <input
        id={id}
        type="number"
        inputMode={spec.integer ? 'numeric' : 'decimal'}
        value={draft ? draft.text : storedText}
        min={spec.min}
        max={spec.max}
        step={spec.integer ? 1 : 'any'}
        placeholder={placeholder}
        aria-describedby={messages.describedBy}
        aria-invalid={messages.invalid || undefined}
        aria-required={spec.required || undefined}
        onBlur={() => {
          form.flush();
          if (!draft?.problem) setDraft(null);
        }}
        onChange={(event) => {
          const text = event.target.value;
          if (event.target.validity.badInput) {
            setDraft({ text, problem: 'is not a number' });
            return;
          }
          setDraft({ text });
          if (text.trim() === '') form.set(path, spec.required ? '' : undefined, 'typing');
          else form.set(path, Number(text), 'typing');
        }}
        className="number-input"
      />
    </FieldShell>
  );
}

export function CheckboxField({ spec, path }: { spec: BooleanFieldSpec; path: ConfigPath }) {
  const form = useForm();
  const id = fieldDomId(form.nodeId, path);
  const errors = useFieldProblems(path);
  const messages = fieldMessages(id, spec.help, errors);
  const stored = getIn(form.config, path);
  const checked = typeof stored === 'boolean' ? stored : spec.defaultValue === true;
  return (
    <div className={`field inspector-field field-checkbox${messages.invalid ? ' is-invalid' : ''}`}>
      <div className="checkbox-line">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={messages.describedBy}
          aria-invalid={messages.invalid || undefined}
          onChange={(event) => form.set(path, event.target.checked, 'discrete')}
        />
        <label htmlFor={id}>{spec.label}</label>
      </div>
      <FieldErrors id={messages.errorId} errors={errors} />
      {spec.help ? (
        <p id={messages.helpId} className="field-help">
          {spec.help}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField({ spec, path }: { spec: EnumFieldSpec; path: ConfigPath }) {
  const form = useForm();
  const id = fieldDomId(form.nodeId, path);
  const errors = useFieldProblems(path);
  const messages = fieldMessages(id, spec.help, errors);
  const stored = getIn(form.config, path);
  const current = stored === undefined ? (typeof spec.defaultValue === 'string' ? spec.defaultValue : '') : asText(stored);
  const unknown = current !== '' && !spec.options.includes(current);
  return (
    <FieldShell id={id} label={spec.label} required={spec.required} help={spec.help} errors={errors} messages={messages}>
      <select
        id={id}
        value={current}
        aria-describedby={messages.describedBy}
        aria-invalid={messages.invalid || undefined}
        onChange={(event) => form.set(path, event.target.value === '' ? undefined : event.target.value, 'discrete')}
      >
        {current === '' || !spec.required ? <option value="">{spec.hasDefault ? 'Default' : 'None'}</option> : null}
        {unknown ? <option value={current}>{current} (not allowed)</option> : null}
        {spec.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function ProviderField({ spec, path }: { spec: ProviderFieldSpec; path: ConfigPath }) {
  const form = useForm();
  const providers = useProviderOptions();
  const id = fieldDomId(form.nodeId, path);
  const current = asText(getIn(form.config, path));
  const errors = [...useFieldProblems(path), ...unknownProviderProblem(current, providers)];
  const messages = fieldMessages(id, spec.help, errors);
  return (
    <FieldShell id={id} label={spec.label} help={spec.help} errors={errors} messages={messages}>
      <ProviderSelect id={id} value={current} messages={messages} providers={providers} emptyLabel="Flow default" onChange={(value) => form.set(path, value === '' ? undefined : value, 'discrete')} />
    </FieldShell>
  );
}

/** A provider id that Settings does not list (deleted, or from an imported flow). */
export function unknownProviderProblem(id: string, providers: readonly { id: string }[]): string[] {
  return id !== '' && !providers.some((p) => p.id === id) ? [`“${id}” is not a provider configured in Settings; add it there or choose another`] : [];
}

export function ProviderSelect(props: {
  id: string;
  value: string;
  messages: FieldMessages;
  providers: readonly { id: string; label: string; isDefault?: boolean }[];
  emptyLabel: string;
  onChange(value: string): void;
}) {
  const known = props.value === '' || props.providers.some((p) => p.id === props.value);
  return (
    <select id={props.id} value={props.value} aria-describedby={props.messages.describedBy} aria-invalid={props.messages.invalid || undefined} onChange={(event) => props.onChange(event.target.value)}>
      <option value="">{props.emptyLabel}</option>
      {known ? null : <option value={props.value}>{props.value} (not configured in Settings)</option>}
      {props.providers.map((provider) => (
        <option key={provider.id} value={provider.id}>
          {provider.label}
        </option>
      ))}
    </select>
  );
}
