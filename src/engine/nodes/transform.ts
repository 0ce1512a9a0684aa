/**
 * Transform: reshapes data with a JSONata expression. `$` is the single input's value (or an
 * object of all inputs when there are several); every input is also bound as `$<name>`.
 */
import { z } from 'zod';
import { defineNodeKind } from './types';
import { EXPRESSION_LIMITS, JSONATA_FUNCTION_NAMES, evaluateExpression } from './expression';
import { EVEN_WITH_OTHER_ISSUES, portNameListSchema } from './shared';

export const transformConfigSchema = z.strictObject({
  expression: z
    .string({ error: 'must be a JSONata expression' })
    .max(50_000, 'must be at most 50,000 characters')
    .refine((text) => text.trim().length > 0, 'must not be empty: write a JSONata expression such as `$.name`'),
  inputs: portNameListSchema(['in'], 1, 'input').superRefine((names, ctx) => {
    names.forEach((name, index) => {
      if (JSONATA_FUNCTION_NAMES.has(name)) {
        ctx.addIssue({ code: 'custom', path: [index], message: `"${name}" would hide the JSONata function $${name}; choose another input name` });
      }
    });
  }, EVEN_WITH_OTHER_ISSUES),
});

export type TransformConfig = z.output<typeof transformConfigSchema>;

export const transformNode = defineNodeKind({
  kind: 'transform',
  version: 1,
  category: 'deterministic',
  title: 'Transform',
  description: `Reshapes data with a JSONata expression (bounded to ${EXPRESSION_LIMITS.timeoutMs} ms). $ is the input; every input is also $<name>.`,
  configSchema: transformConfigSchema,
  defaultConfig: (): TransformConfig => ({ expression: '$', inputs: ['in'] }),
  inputs: (config) => config.inputs.map((name) => ({ name, required: true })),
  outputs: () => [{ name: 'out', required: false, description: 'The value of the expression (null when it matched nothing).' }],
  costly: false,
  async run(ctx) {
    const { expression, inputs } = ctx.config;
    const bindings: Record<string, unknown> = {};
    for (const name of inputs) bindings[name] = ctx.inputs[name];
    const only = inputs.length === 1 ? inputs[0] : undefined;
    const input = only !== undefined ? ctx.inputs[only] : bindings;
    const value = await evaluateExpression(expression, input, bindings, {
      node: `Transform "${ctx.node.label}"`,
      what: 'expression',
    });
    return { outputs: { out: value === undefined ? null : value } };
  },
});
