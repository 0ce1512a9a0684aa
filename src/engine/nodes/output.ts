/**
 * Output: names a result of the run. The value on its `value` input becomes the run output
 * called `name` (the executor collects it through runOutputName).
 */
import { z } from 'zod';
import { defineNodeKind } from './types';
import { portNameSchema } from './shared';

export const outputConfigSchema = z.strictObject({
  name: portNameSchema.default('result'),
});

export type OutputConfig = z.output<typeof outputConfigSchema>;

export const outputNode = defineNodeKind({
  kind: 'output',
  version: 1,
  category: 'deterministic',
  title: 'Output',
  description: 'Makes its input a named result of the run.',
  configSchema: outputConfigSchema,
  defaultConfig: (): OutputConfig => ({ name: 'result' }),
  inputs: () => [{ name: 'value', required: true, description: 'The value to return as a run output.' }],
  outputs: () => [],
  costly: false,
  runOutputName: (config) => config.name,
  async run() {
    return { outputs: {} };
  },
});
