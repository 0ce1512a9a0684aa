/**
 * The lists of the PII policy editor: the flow's own patterns (name, regular expression, action)
 * and the HTTP rules (the default for any host, then hosts with their own action). Items are
 * added and removed as one undo step each; typing in a field is one step per burst. The schema's
 * problems show at the field they are about.
 */
import { useState } from 'react';
import { PII_ACTIONS, PII_HTTP_ACTIONS, type PiiHttpAction, type PiiPolicy } from '../../../engine/pii/policy';
import { PII_ACTION_WORDS, PII_HTTP_ACTION_WORDS } from '../../pii/piiText';
import { removeItem } from './configPath';
import { FieldErrors, fieldMessages } from './fields';
import type { PolicyEdit, PolicyProblems } from './PiiPolicyEditor';
import { flushTypingBurst } from './typingBurst';

type Row = Record<string, string>;

interface Column {
  key: string;
  label: string;
  /** A select's options; a text box without. */
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  mono?: boolean;
}

interface ListProps {
  id: string;
  legend: string;
  help: string;
  /** "pattern", "host" */
  noun: string;
  items: readonly Row[];
  columns: readonly Column[];
  /** The list's path in the policy's problems: `custom`, `http.hosts`. */
  path: string;
  problems: PolicyProblems;
  titleOf: (item: Row) => string;
  max: number;
  write: (items: Row[], mode: 'typing' | 'discrete') => void;
  create: (items: readonly Row[]) => Row;
  inline?: boolean;
}

const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A schema message as a sentence about its field: "Pattern must not be empty", "“a.com” is listed twice (also host 2)". */
function problemText(label: string, message: string): string {
  const text = message.replace(/hosts\[(\d+)\]/g, (_, n: string) => `host ${Number(n) + 1}`);
  return /^(must|is|should)\b/.test(text) ? `${label} ${text}` : capital(text);
}

let keySeed = 0;
const newKey = () => `pii${(keySeed += 1)}`;

function PolicyList(props: ListProps) {
  const { id, items, noun } = props;
  const [keys, setKeys] = useState<string[]>(() => items.map(newKey));
  // Undo (or another tab) changed the number of items: give the new ones keys.
  if (keys.length !== items.length) setKeys(items.map((_, i) => keys[i] ?? newKey()));
  const full = items.length >= props.max;
  const listProblems = props.problems.get(props.path) ?? [];
  const messages = fieldMessages(id, props.help, listProblems);

  const add = () => {
    setKeys([...keys, newKey()]);
    props.write([...items, props.create(items)], 'discrete');
    requestAnimationFrame(() => document.getElementById(`${id}-${items.length}-${props.columns[0]?.key ?? ''}`)?.focus());
  };
  const remove = (index: number) => {
    setKeys(removeItem(keys, index));
    props.write(removeItem([...items], index), 'discrete');
    requestAnimationFrame(() => document.getElementById(items.length > 1 ? `${id}-${Math.max(0, index - 1)}-remove` : `${id}-add`)?.focus());
  };
  const set = (index: number, key: string, value: string, mode: 'typing' | 'discrete') => props.write(items.map((item, i) => (i === index ? { ...item, [key]: value } : item)), mode);

  return (
    <fieldset className={`inspector-group insp-list-field pii-list${messages.invalid ? ' is-invalid' : ''}`} aria-describedby={messages.describedBy}>
      <legend>
        {props.legend} <span className="count">({items.length})</span>
      </legend>
      <p id={messages.helpId} className="field-help">
        {props.help}
      </p>
      <FieldErrors id={messages.errorId} errors={listProblems} />
      {items.length === 0 ? <p className="insp-list-empty">No {noun}s yet.</p> : null}
      <ol className="insp-list-items">
        {items.map((item, index) => {
          const title = `${capital(noun)} ${index + 1}${props.titleOf(item) ? `: ${props.titleOf(item)}` : ''}`;
          return (
            <li key={keys[index] ?? index} className="insp-list-item">
              <div className="insp-list-item-head">
                <span className="insp-list-item-title">{title}</span>
                <div className="insp-list-item-actions">
                  <button type="button" id={`${id}-${index}-remove`} className="icon-button button-ghost insp-list-remove" aria-label={`Remove ${title}`} title="Remove" onClick={() => remove(index)}>
                    <span aria-hidden="true">×</span>
                  </button>
                </div>
              </div>
              <div role="group" aria-label={title} className={`insp-list-item-body${props.inline ? ' pii-list-inline' : ''}`}>
                {props.columns.map((column) => (
                  <ItemField key={column.key} id={`${id}-${index}-${column.key}`} column={column} value={item[column.key] ?? ''} errors={props.problems.get(`${props.path}.${index}.${column.key}`) ?? []} onChange={(value, mode) => set(index, column.key, value, mode)} />
                ))}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="insp-list-add">
        <button type="button" id={`${id}-add`} disabled={full} onClick={add}>
          + Add {noun}
        </button>
        {full ? <span className="field-help">At most {props.max} {noun}s.</span> : null}
      </div>
    </fieldset>
  );
}

function ItemField({ id, column, value, errors, onChange }: { id: string; column: Column; value: string; errors: readonly string[]; onChange: (value: string, mode: 'typing' | 'discrete') => void }) {
  const shown = errors.map((message) => problemText(column.label, message));
  const messages = fieldMessages(id, undefined, shown);
  const common = { id, value, 'aria-describedby': messages.describedBy, 'aria-invalid': messages.invalid || undefined };
  const known = !column.options || column.options.some((option) => option.value === value);
  return (
    <div className={`field inspector-field${messages.invalid ? ' is-invalid' : ''}`}>
      <label htmlFor={id}>{column.label}</label>
      {column.options ? (
        <select {...common} onChange={(event) => onChange(event.target.value, 'discrete')}>
          {known ? null : <option value={value}>{value} (not valid)</option>}
          {column.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="text"
          autoComplete="off"
          spellCheck={false}
          className={column.mono ? 'pii-mono' : undefined}
          placeholder={column.placeholder}
          onBlur={flushTypingBurst}
          onChange={(event) => onChange(event.target.value, 'typing')}
        />
      )}
      <FieldErrors id={messages.errorId} errors={shown} />
    </div>
  );
}

const ACTION_OPTIONS = PII_ACTIONS.map((value) => ({ value, label: PII_ACTION_WORDS[value] }));
const HTTP_OPTIONS = PII_HTTP_ACTIONS.map((value) => ({ value, label: PII_HTTP_ACTION_WORDS[value] }));

/** A name no pattern has yet: custom_1, custom_2... */
function freshName(items: readonly Row[]): string {
  let n = items.length + 1;
  while (items.some((item) => item.name === `custom_${n}`)) n += 1;
  return `custom_${n}`;
}

export function PiiCustomPatterns({ policy, problems, edit }: { policy: PiiPolicy; problems: PolicyProblems; edit: PolicyEdit }) {
  return (
    <PolicyList
      id="flow-pii-custom"
      legend="Custom patterns"
      help="Your own kinds, as regular expressions: an employee id EMP-\d{6} named employee_id is sent as <EMPLOYEE_ID_1>."
      noun="pattern"
      items={policy.custom}
      columns={[
        { key: 'name', label: 'Name', placeholder: 'employee_id', mono: true },
        { key: 'pattern', label: 'Pattern', placeholder: 'EMP-\\d{6}', mono: true },
        { key: 'action', label: 'Action', options: ACTION_OPTIONS },
      ]}
      path="custom"
      problems={problems}
      titleOf={(item) => item.name ?? ''}
      max={50}
      write={(items, mode) => edit((p) => ({ ...p, custom: items as PiiPolicy['custom'] }), mode)}
      create={(items) => ({ name: freshName(items), pattern: '', action: 'mask' })}
    />
  );
}

export function PiiHttpRules({ policy, problems, edit }: { policy: PiiPolicy; problems: PolicyProblems; edit: PolicyEdit }) {
  const id = 'flow-pii-http-default';
  const help = 'When an HTTP request node, an agent’s web tool or a Quality API would send personal data of a masked kind. Block: the step fails and says why. Mask: placeholders go out, the reply gets the values back. Allow: sent as it is.';
  return (
    <>
      <div className="field inspector-field pii-http-default">
        <label htmlFor={id}>Web requests with personal data</label>
        <select
          id={id}
          value={policy.http.default}
          aria-describedby={`${id}-help`}
          onChange={(event) => {
            const action = event.target.value as PiiHttpAction;
            edit((p) => ({ ...p, http: { ...p.http, default: action } }), 'discrete');
          }}
        >
          {HTTP_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      </div>
      <PolicyList
        id="flow-pii-hosts"
        legend="Hosts with their own rule"
        help="A host (api.example.com, 127.0.0.1:8080) or its subdomains (*.example.com); others follow the rule above."
        noun="host"
        items={policy.http.hosts}
        columns={[
          { key: 'host', label: 'Host', placeholder: 'api.example.com', mono: true },
          { key: 'action', label: 'Action', options: HTTP_OPTIONS },
        ]}
        path="http.hosts"
        problems={problems}
        titleOf={(item) => item.host ?? ''}
        max={200}
        write={(items, mode) => edit((p) => ({ ...p, http: { ...p.http, hosts: items as PiiPolicy['http']['hosts'] } }), mode)}
        create={() => ({ host: '', action: 'allow' })}
        inline
      />
    </>
  );
}
