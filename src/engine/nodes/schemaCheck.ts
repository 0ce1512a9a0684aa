/**
 * Schema check: validates its input against a JSON Schema (draft 2020-12, or draft-07 when the
 * schema's `$schema` says so) and sends it down `valid`, or down `invalid` together with every
 * problem found (`{ path, message }`, path as a JSON pointer like `/items/0/price`).
 * Ajv loads on first use; compiled validators are cached by the schema's text.
 */
import { z } from 'zod';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { defineNodeKind } from './types';
import { stepError } from './shared';
import type { JsonSchema } from '../util/json';

export const schemaCheckConfigSchema = z.strictObject({
  schema: z
    .record(z.string(), z.unknown(), { error: 'must be a JSON Schema object, such as { "type": "object" }' })
    .default(() => ({ type: 'object' })),
});

export type SchemaCheckConfig = z.output<typeof schemaCheckConfigSchema>;

export interface SchemaProblem {
  /** JSON pointer to the value at fault ('' for the whole value). */
  path: string;
  message: string;
}

type AjvInstance = { compile(schema: object): ValidateFunction };
type AjvCtor = new (options: object) => AjvInstance;

let ajvPromise: Promise<{ draft2020: AjvInstance; draft07: AjvInstance }> | undefined;

function unwrapDefault<T>(mod: unknown): T {
  const first = (mod as { default?: unknown }).default ?? mod;
  return ((first as { default?: unknown }).default ?? first) as T;
}

function loadAjv(): Promise<{ draft2020: AjvInstance; draft07: AjvInstance }> {
  ajvPromise ??= Promise.all([import('ajv/dist/2020'), import('ajv'), import('ajv-formats')]).then(
    ([ajv2020, ajv07, formats]) => {
      const addFormats = unwrapDefault<(ajv: AjvInstance) => void>(formats);
      const options = { allErrors: true, strict: false };
      const draft2020 = new (unwrapDefault<AjvCtor>(ajv2020))(options);
      const draft07 = new (unwrapDefault<AjvCtor>(ajv07))(options);
      addFormats(draft2020);
      addFormats(draft07);
      return { draft2020, draft07 };
    },
    (error: unknown) => {
      ajvPromise = undefined;
      throw error;
    },
  );
  return ajvPromise;
}

const validators = new Map<string, ValidateFunction | Error>();

/** Compiles a schema once per distinct text; a schema Ajv rejects stays cached as its error. */
export async function compileSchema(schema: JsonSchema): Promise<ValidateFunction> {
  const key = JSON.stringify(schema);
  let entry = validators.get(key);
  if (!entry) {
    const ajv = await loadAjv();
    const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
    const instance = /draft-0[67]/.test(declared) ? ajv.draft07 : ajv.draft2020;
    try {
      // Compile a copy without $id so two schemas with one $id do not collide in Ajv's registry.
      const { $id: _id, ...rest } = schema;
      entry = instance.compile(rest);
    } catch (error) {
      entry = error instanceof Error ? error : new Error(String(error));
    }
    if (validators.size >= 500) validators.clear();
    validators.set(key, entry);
  }
  if (entry instanceof Error) throw entry;
  return entry;
}

/** Ajv's errors as `{ path, message }`, with the missing property named in the path. */
export function toProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
      return { path: `${error.instancePath}/${escapePointer(params.missingProperty)}`, message: 'is required' };
    }
    if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      return { path: `${error.instancePath}/${escapePointer(params.additionalProperty)}`, message: 'is not allowed here' };
    }
    return { path: error.instancePath, message: error.message ?? `fails "${error.keyword}"` };
  });
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export const schemaCheckNode = defineNodeKind({
  kind: 'schema_check',
  version: 1,
  category: 'deterministic',
  title: 'Schema check',
  description: 'Checks its input against a JSON Schema; passes it down "valid", or down "invalid" with the problems found.',
  configSchema: schemaCheckConfigSchema,
  defaultConfig: (): SchemaCheckConfig => ({ schema: { type: 'object' } }),
  inputs: () => [{ name: 'in', required: true }],
  outputs: () => [
    { name: 'valid', required: false, description: 'The value, when it matches the schema.' },
    { name: 'invalid', required: false, description: 'When it does not: { value, errors: [{ path, message }] }.' },
  ],
  costly: false,
  async run(ctx) {
    let validate: ValidateFunction;
    try {
      validate = await compileSchema(ctx.config.schema);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw stepError('Schema check', ctx.node.label, 'config', `the schema is not a valid JSON Schema: ${reason}`);
    }
    const value = ctx.inputs.in;
    if (validate(value)) return { outputs: { valid: value } };
    const errors = toProblems(validate.errors);
    ctx.log(`${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors.slice(0, 5).map((e) => `${e.path || '(value)'} ${e.message}`).join('; ')}`);
    return { outputs: { invalid: { value, errors } } };
  },
});
