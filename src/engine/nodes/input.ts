/**
 * Input: the typed fields a run starts from. Each field is an output port. Values come from the
 * run's inputs (a form or a dataset row, where everything may be text) and are coerced to the
 * field's type: "42" -> 42, "true" -> true, JSON text -> its value.
 */
import { z } from 'zod';
import { defineNodeKind } from './types';
import { EVEN_WITH_OTHER_ISSUES, portNameSchema, stepError } from './shared';

export const INPUT_FIELD_TYPES = ['string', 'number', 'boolean', 'json'] as const;
export type InputFieldType = (typeof INPUT_FIELD_TYPES)[number];

const fieldSchema = z
  .strictObject({
    name: portNameSchema,
    type: z.enum(INPUT_FIELD_TYPES, { error: 'must be one of string, number, boolean, json' }).default('string'),
    required: z.boolean({ error: 'must be true or false' }).default(true),
    description: z.string().max(2000, 'must be at most 2,000 characters').optional(),
    default: z.unknown().optional(),
  })
  .superRefine((field, ctx) => {
    if (field.default === undefined) return;
    const coerced = coerceInputValue(field.type, field.default);
    if (!coerced.ok) ctx.addIssue({ code: 'custom', path: ['default'], message: `does not fit the field's type: ${coerced.problem}` });
  });

export const inputConfigSchema = z.strictObject({
  fields: z
    .array(fieldSchema)
    .min(1, 'needs at least one field')
    .max(100, 'may have at most 100 fields')
    .superRefine((fields, ctx) => {
      fields.forEach((field, index) => {
        if (typeof field?.name === 'string' && fields.findIndex((other) => other?.name === field.name) !== index) {
          ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `"${field.name}" is used by another field; field names must be unique` });
        }
      });
    }, EVEN_WITH_OTHER_ISSUES)
    .default(() => [{ name: 'text', type: 'string' as const, required: true }]),
});

export type InputConfig = z.output<typeof inputConfigSchema>;
export type InputField = InputConfig['fields'][number];

export type Coerced = { ok: true; value: unknown } | { ok: false; problem: string };

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Coerces a run input to a field type; text from datasets and forms is parsed. */
export function coerceInputValue(type: InputFieldType, value: unknown): Coerced {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      return { ok: false, problem: `expected text, got ${preview(value)}` };
    case 'number': {
      if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: `${String(value)} is not a finite number` };
      const text = typeof value === 'string' ? value.trim() : '';
      const parsed = text === '' ? Number.NaN : Number(text);
      return Number.isFinite(parsed) ? { ok: true, value: parsed } : { ok: false, problem: `expected a number, got ${preview(value)}` };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
      if (text === 'true') return { ok: true, value: true };
      if (text === 'false') return { ok: true, value: false };
      return { ok: false, problem: `expected true or false, got ${preview(value)}` };
    }
    case 'json': {
      if (typeof value !== 'string') {
        const text = JSON.stringify(value);
        return text === undefined ? { ok: false, problem: 'expected a JSON value' } : { ok: true, value: JSON.parse(text) as unknown };
      }
      try {
        return { ok: true, value: JSON.parse(value) as unknown };
      } catch (error) {
        return { ok: false, problem: `expected JSON text, got ${preview(value)} (${error instanceof Error ? error.message : String(error)})` };
      }
    }
  }
}

/** Missing: absent or null, or blank text for a field that is not text. */
function isMissing(type: InputFieldType, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return type !== 'string' && typeof value === 'string' && value.trim() === '';
}

export const inputNode = defineNodeKind({
  kind: 'input',
  version: 1,
  category: 'deterministic',
  title: 'Input',
  description: 'The typed fields a run starts from; each field is an output.',
  configSchema: inputConfigSchema,
  defaultConfig: (): InputConfig => ({ fields: [{ name: 'text', type: 'string', required: true }] }),
  inputs: () => [],
  outputs: (config) =>
    config.fields.map((field) => ({
      name: field.name,
      required: false,
      ...(field.description ? { description: field.description } : {}),
    })),
  costly: false,
  runInputNames: (config) => config.fields.map((field) => field.name),
  async run(ctx) {
    const outputs: Record<string, unknown> = {};
    for (const field of ctx.config.fields) {
      let raw = ctx.runInputs[field.name];
      if (isMissing(field.type, raw)) raw = field.default;
      if (isMissing(field.type, raw)) {
        if (field.required) {
          throw stepError('Input', ctx.node.label, 'input', `field "${field.name}" is required but the run has no value for it`);
        }
        outputs[field.name] = null;
        continue;
      }
      const coerced = coerceInputValue(field.type, raw);
      if (!coerced.ok) {
        throw stepError('Input', ctx.node.label, 'input', `field "${field.name}" (${field.type}): ${coerced.problem}`);
      }
      outputs[field.name] = coerced.value;
    }
    return { outputs };
  },
});
