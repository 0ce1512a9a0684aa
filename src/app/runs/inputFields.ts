/**
 * The run form's fields: every field of the flow's Input nodes (in plan order), and the checks
 * that turn what a person typed into run inputs, with a message per field that is wrong.
 */
import type { Plan } from '../../engine/compile/types';
import type { InputField, InputFieldType } from '../../engine/nodes/input';

export interface FormField {
  name: string;
  type: InputFieldType;
  required: boolean;
  description?: string;
  default?: unknown;
  /** The Input node's label, for grouping and messages. */
  nodeLabel: string;
  nodeId: string;
}

/** Form state: text for text/number/JSON fields, a boolean for checkboxes. */
export type FormValues = Record<string, string | boolean>;

export function formFields(plan: Plan): FormField[] {
  const fields: FormField[] = [];
  const seen = new Set<string>();
  for (const step of plan.steps) {
    if (step.kind !== 'input') continue;
    const config = step.config as { fields?: InputField[] } | null;
    for (const field of config?.fields ?? []) {
      if (seen.has(field.name)) continue;
      seen.add(field.name);
      fields.push({
        name: field.name,
        type: field.type,
        required: field.required,
        ...(field.description ? { description: field.description } : {}),
        ...(field.default !== undefined ? { default: field.default } : {}),
        nodeLabel: step.label,
        nodeId: step.nodeId,
      });
    }
  }
  return fields;
}

/** What a field shows before anything is typed: its default, if any. */
export function initialValue(field: FormField): string | boolean {
  const value = field.default;
  if (field.type === 'boolean') return value === true || value === 'true';
  if (value === undefined || value === null) return '';
  if (field.type === 'json') return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return String(value);
}

export function initialValues(fields: readonly FormField[], previous: FormValues = {}): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const kept = previous[field.name];
    const keep = field.type === 'boolean' ? typeof kept === 'boolean' : typeof kept === 'string';
    values[field.name] = keep ? (kept as string | boolean) : initialValue(field);
  }
  return values;
}

export type Validation = { ok: true; inputs: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/** Checks the form; returns run inputs (typed values), or a message per wrong field. */
export function validateForm(fields: readonly FormField[], values: FormValues): Validation {
  const inputs: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.name];
    if (field.type === 'boolean') {
      inputs[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    const blank = field.type === 'string' ? text === '' : text.trim() === '';
    if (blank) {
      if (field.required) errors[field.name] = `${field.name} is required.`;
      continue;
    }
    if (field.type === 'string') inputs[field.name] = text;
    else if (field.type === 'number') {
      const number = Number(text.trim());
      if (!Number.isFinite(number)) errors[field.name] = `${field.name} must be a number, such as 42 or 3.5; "${clip(text)}" is not.`;
      else inputs[field.name] = number;
    } else {
      try {
        inputs[field.name] = JSON.parse(text) as unknown;
      } catch (error) {
        errors[field.name] = `${field.name} must be valid JSON: ${error instanceof Error ? error.message : String(error)}.`;
      }
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, inputs };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
