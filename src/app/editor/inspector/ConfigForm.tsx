/**
 * A node's config form, rendered from the fields derived from its kind's schema: each field
 * picks its editor by type; objects nest; lists (Input fields, branches, headers, tools...) can
 * be added to, removed from and reordered; tool-like unions switch variant.
 */
import { useState } from 'react';
import { getIn, moveItem, removeItem, type ConfigPath } from './configPath';
import { EditorField } from './EditorField';
import { CheckboxField, FieldErrors, NumberField, ProviderField, SelectField, TextField, fieldMessages } from './fields';
import { useForm } from './formContext';
import { fieldDomId } from './ids';
import { newListItem } from './newItems';
import type { FieldSpec, ListFieldSpec, ObjectFieldSpec, UnionFieldSpec } from './schemaFields';
import { problemsAt } from './validation';

export function ConfigForm({ spec }: { spec: ObjectFieldSpec }) {
  return <FieldList fields={spec.fields} path={[]} scope="cfg" />;
}

function FieldList({ fields, path, scope }: { fields: readonly FieldSpec[]; path: ConfigPath; scope: string }) {
  return (
    <>
      {fields.map((field) => (
        <FieldControl key={field.key} spec={field} path={[...path, field.key]} scope={`${scope}.${field.key}`} />
      ))}
    </>
  );
}

export function FieldControl({ spec, path, scope }: { spec: FieldSpec; path: ConfigPath; scope: string }) {
  switch (spec.type) {
    case 'text':
      return <TextField spec={spec} path={path} />;
    case 'number':
      return <NumberField spec={spec} path={path} />;
    case 'boolean':
      return <CheckboxField spec={spec} path={path} />;
    case 'enum':
      return <SelectField spec={spec} path={path} />;
    case 'provider':
      return <ProviderField spec={spec} path={path} />;
    case 'editor':
      return <EditorField spec={spec} path={path} modelScope={scope} />;
    case 'list':
      return <ListField spec={spec} path={path} scope={scope} />;
    case 'object':
      return <ObjectField spec={spec} path={path} scope={scope} />;
    case 'union':
      return <UnionField spec={spec} path={path} scope={scope} />;
  }
}

function ObjectField({ spec, path, scope }: { spec: ObjectFieldSpec; path: ConfigPath; scope: string }) {
  const form = useForm();
  const id = fieldDomId(form.nodeId, path);
  const errors = problemsAt(form.problems, path).map((p) => p.message);
  return (
    <fieldset className="inspector-group" aria-describedby={errors.length > 0 ? `${id}-error` : undefined}>
      <legend>{spec.label}</legend>
      <FieldErrors id={`${id}-error`} errors={errors} />
      <FieldList fields={spec.fields} path={path} scope={scope} />
    </fieldset>
  );
}

/** The fields of one union item: which variant it is, then that variant's fields. */
function UnionField({ spec, path, scope }: { spec: UnionFieldSpec; path: ConfigPath; scope: string }) {
  const form = useForm();
  const value = getIn(form.config, path);
  const current = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[spec.discriminator] : undefined;
  const variant = spec.variants.find((v) => v.value === current);
  const id = fieldDomId(form.nodeId, [...path, spec.discriminator]);
  const errors = problemsAt(form.problems, [...path, spec.discriminator]).map((p) => p.message);
  const allErrors = variant ? errors : [`“${String(current)}” is not one of: ${spec.variants.map((v) => v.label).join(', ')}`, ...errors];
  const messages = fieldMessages(id, undefined, allErrors);
  return (
    <>
      <div className="field inspector-field">
        <label htmlFor={id}>Kind</label>
        <select
          id={id}
          value={variant ? variant.value : ''}
          aria-describedby={messages.describedBy}
          aria-invalid={messages.invalid || undefined}
          onChange={(event) => {
            const next = spec.variants.find((v) => v.value === event.target.value);
            if (!next) return;
            // Keep what the variants share (name, description, parameters); the rest starts fresh.
            const old = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
            const fresh = newListItem({ type: 'list', key: '', label: '', required: true, hasDefault: false, item: spec, itemNoun: '', itemBase: 'tool' }, [], next.value) as Record<string, unknown>;
            const shared = Object.fromEntries(next.fields.filter((f) => f.key in old && variant?.fields.some((g) => g.key === f.key)).map((f) => [f.key, old[f.key]]));
            form.set(path, { ...fresh, ...shared, [spec.discriminator]: next.value }, 'discrete');
          }}
        >
          {variant ? null : <option value="">{String(current ?? 'None')} (unknown)</option>}
          {spec.variants.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </select>
        <FieldErrors id={messages.errorId} errors={allErrors} />
      </div>
      {variant ? <FieldList fields={variant.fields} path={path} scope={`${scope}.${variant.value}`} /> : null}
    </>
  );
}

let keySeed = 0;
const newKey = () => `k${(keySeed += 1)}`;

function itemTitle(spec: ListFieldSpec, item: unknown, index: number): string {
  const name = typeof item === 'string' ? item : typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
  const base = `${spec.itemNoun.charAt(0).toUpperCase()}${spec.itemNoun.slice(1)} ${index + 1}`;
  return typeof name === 'string' && name && typeof item !== 'string' ? `${base}: ${name}` : base;
}

function ListField({ spec, path, scope }: { spec: ListFieldSpec; path: ConfigPath; scope: string }) {
  const form = useForm();
  const stored = getIn(form.config, path);
  const items: unknown[] = Array.isArray(stored) ? stored : stored === undefined && Array.isArray(spec.defaultValue) ? spec.defaultValue : [];
  const notAList = stored !== undefined && !Array.isArray(stored);
  const [keys, setKeys] = useState<string[]>(() => items.map(newKey));
  // Undo or another edit changed the number of items: give the new ones keys.
  if (keys.length !== items.length) setKeys(items.map((_, i) => keys[i] ?? newKey()));

  const id = fieldDomId(form.nodeId, path);
  const errors = [...(notAList ? [`must be a list; found ${JSON.stringify(stored)}`] : []), ...problemsAt(form.problems, path).map((p) => p.message)];
  const messages = fieldMessages(id, spec.help, errors);
  const full = spec.maxItems !== undefined && items.length >= spec.maxItems;
  const atMin = spec.minItems !== undefined && items.length <= spec.minItems;
  const noun = spec.itemNoun;

  const write = (next: unknown[], nextKeys: string[]) => {
    setKeys(nextKeys);
    form.set(path, next, 'discrete');
  };
  const add = (variant?: string) => write([...items, newListItem(spec, items, variant)], [...keys, newKey()]);
  const move = (from: number, to: number) => {
    write(moveItem(items, from, to), moveItem(keys, from, to));
    // Keep the keyboard on the moved item's button.
    requestAnimationFrame(() => document.getElementById(`${id}-${to}-${to < from ? 'up' : 'down'}`)?.focus());
  };
  const remove = (index: number) => write(removeItem(items, index), removeItem(keys, index));

  const scalarItems = spec.item.type === 'text' || spec.item.type === 'number' || spec.item.type === 'enum';
  const addButtons =
    spec.item.type === 'union'
      ? spec.item.variants.map((variant) => ({ key: variant.value, label: `Add ${variant.label}`, variant: variant.value }))
      : [{ key: 'add', label: `Add ${noun}`, variant: undefined }];

  return (
    <fieldset className={`inspector-group insp-list-field${messages.invalid ? ' is-invalid' : ''}`} aria-describedby={messages.describedBy}>
      <legend>
        {spec.label} <span className="count">({items.length})</span>
      </legend>
      {spec.help ? (
        <p id={messages.helpId} className="field-help">
          {spec.help}
        </p>
      ) : null}
      <FieldErrors id={messages.errorId} errors={errors} />
      {items.length === 0 ? <p className="insp-list-empty">No {noun}s yet.</p> : null}
      <ol className={`insp-list-items${scalarItems ? ' insp-list-items-scalar' : ''}`}>
        {items.map((item, index) => {
          const title = itemTitle(spec, item, index);
          const itemPath = [...path, index];
          const itemErrors = problemsAt(form.problems, itemPath).length > 0 && !scalarItems;
          return (
            <li key={keys[index] ?? index} className="insp-list-item">
              <div className="insp-list-item-head">
                {scalarItems ? null : <span className="insp-list-item-title">{title}</span>}
                {scalarItems ? (
                  <div className="insp-list-item-scalar">
                    <FieldControl spec={{ ...spec.item, label: `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${index + 1}` }} path={itemPath} scope={`${scope}.${keys[index] ?? index}`} />
                  </div>
                ) : null}
                <div className="insp-list-item-actions">
                  <button type="button" id={`${id}-${index}-up`} className="icon-button button-ghost" aria-label={`Move ${title} up`} title="Move up" disabled={index === 0} onClick={() => move(index, index - 1)}>
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    id={`${id}-${index}-down`}
                    className="icon-button button-ghost"
                    aria-label={`Move ${title} down`}
                    title="Move down"
                    disabled={index === items.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    className="icon-button button-ghost insp-list-remove"
                    aria-label={`Remove ${title}`}
                    title={atMin ? `At least ${spec.minItems} needed` : 'Remove'}
                    disabled={atMin}
                    onClick={() => remove(index)}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </div>
              </div>
              {itemErrors ? <FieldErrors id={`${id}-${index}-error`} errors={problemsAt(form.problems, itemPath).map((p) => p.message)} /> : null}
              {scalarItems ? null : (
                <div role="group" aria-label={title} className="insp-list-item-body">
                  {spec.item.type === 'object' ? (
                    <FieldList fields={spec.item.fields} path={itemPath} scope={`${scope}.${keys[index] ?? index}`} />
                  ) : (
                    <FieldControl spec={spec.item} path={itemPath} scope={`${scope}.${keys[index] ?? index}`} />
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <div className="insp-list-add">
        {addButtons.map((button) => (
          <button key={button.key} type="button" disabled={full} onClick={() => add(button.variant)}>
            + {button.label}
          </button>
        ))}
        {full ? <span className="field-help">At most {spec.maxItems} {noun}s.</span> : null}
      </div>
    </fieldset>
  );
}
