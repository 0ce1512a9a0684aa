/**
 * Merge: joins branches. Mode `all` waits for every input that will arrive and passes an object
 * of them; mode `first` passes the value of the first input (in configured order) that arrived.
 * Waiting and skipping are the compiler's and executor's job; this step only shapes the value.
 */
import { z } from 'zod';
import { defineNodeKind } from './types';
import { portNameListSchema, stepError } from './shared';

export const mergeConfigSchema = z.strictObject({
  mode: z.enum(['all', 'first'], { error: 'must be "all" or "first"' }).default('all'),
  inputs: portNameListSchema(['a', 'b'], 2, 'input'),
});

export type MergeConfig = z.output<typeof mergeConfigSchema>;

export const mergeNode = defineNodeKind({
  kind: 'merge',
  version: 1,
  category: 'deterministic',
  title: 'Merge',
  description: 'Joins branches: all (an object of every input that arrived) or first (the first input that arrived).',
  configSchema: mergeConfigSchema,
  defaultConfig: (): MergeConfig => ({ mode: 'all', inputs: ['a', 'b'] }),
  inputs: (config) => config.inputs.map((name) => ({ name, required: false })),
  outputs: (config) => [
    {
      name: 'out',
      required: false,
      description: config.mode === 'all' ? 'An object with a key for each input that arrived.' : 'The value of the first input that arrived.',
    },
  ],
  costly: false,
  passesThrough: (config) => (config.mode === 'first' ? config.inputs : []),
  guard: (config) => (config.mode === 'all' ? 'merge-all' : 'merge-first'),
  async run(ctx) {
    const present = ctx.config.inputs.filter((name) => Object.prototype.hasOwnProperty.call(ctx.inputs, name));
    if (ctx.config.mode === 'all') {
      const out: Record<string, unknown> = {};
      for (const name of present) out[name] = ctx.inputs[name];
      return { outputs: { out } };
    }
    const first = present[0];
    if (first === undefined) {
      throw stepError('Merge', ctx.node.label, 'input', `none of its inputs (${ctx.config.inputs.join(', ')}) received a value`);
    }
    return { outputs: { out: ctx.inputs[first] } };
  },
});
