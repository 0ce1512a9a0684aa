/**
 * Schema check: validates its input against a JSON Schema (draft 2020-12, or draft-07 when the
 * schema's `$schema` says so) and sends it down `valid`, or down `invalid` together with every
 * problem found (`{ path, message }`, path as a JSON pointer like `/items/0/price`).
 * The validator (util/jsonSchema) loads on first use and caches compiled schemas by their text.
 */
import { z } from 'zod';
import { defineNodeKind } from './types';
import { compileJsonSchema, type CompiledSchema, type SchemaProblem } from '../util/jsonSchema';
import { TrellisError } from '../util/errors';
import { stepError } from './shared';

export const schemaCheckConfigSchema = z.strictObject({
  schema: z
    .record(z.string(), z.unknown(), { error: 'must be a JSON Schema object, such as { "type": "object" }' })
    .default(() => ({ type: 'object' })),
});

export type SchemaCheckConfig = z.output<typeof schemaCheckConfigSchema>;

export type { SchemaProblem };

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
  passesThrough: () => ['in'],
  async run(ctx) {
    let schema: CompiledSchema;
    try {
      schema = await compileJsonSchema(ctx.config.schema, `Schema check "${ctx.node.label}"`);
    } catch (error) {
      if (error instanceof TrellisError) throw error;
      throw stepError('Schema check', ctx.node.label, 'config', `the schema is not a valid JSON Schema: ${String(error)}`);
    }
    const value = ctx.inputs.in;
    const errors = schema.validate(value);
    ctx.recordVerdict({
      layer: 'structure',
      status: errors.length === 0 ? 'pass' : 'fail',
      label: errors.length === 0 ? 'matches the schema' : `${errors.length} schema problem${errors.length === 1 ? '' : 's'}`,
      explanation: errors.length === 0 ? 'The value matches the JSON Schema.' : errors.slice(0, 3).map((e) => `${e.path || '(value)'} ${e.message}`).join('; '),
      ...(errors[0] ? { path: errors[0].path } : {}),
      findings: errors.slice(0, 50).map((e) => ({ message: `${e.path || '(value)'} ${e.message}`, severity: 'fail' as const, path: e.path })),
    });
    if (errors.length === 0) return { outputs: { valid: value } };
    ctx.log(`${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors.slice(0, 5).map((e) => `${e.path || '(value)'} ${e.message}`).join('; ')}`);
    return { outputs: { invalid: { value, errors } } };
  },
});
