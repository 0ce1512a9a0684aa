/**
 * Code: JavaScript in the sandbox (no page, network, storage or keys; hard time and memory
 * limits). The code defines `function main(inputs)`, which receives an object of the node's
 * inputs by name and returns a JSON value (or a promise of one); that value is the output `out`.
 * console.log lines go to the step's log.
 */
import { z } from 'zod';
import { defineNodeKind } from './types';
import { portNameListSchema, withNodeName } from './shared';
import { TrellisError } from '../util/errors';

export const DEFAULT_CODE = `function main(inputs) {
  // inputs.in is the value on the "in" input. Return any JSON value.
  return inputs.in;
}
`;

export const codeConfigSchema = z.strictObject({
  code: z
    .string({ error: 'must be JavaScript source text' })
    .max(200_000, 'must be at most 200,000 characters')
    .refine((text) => text.trim().length > 0, 'must not be empty: define `function main(inputs) { ... }`'),
  inputs: portNameListSchema(['in'], 1, 'input'),
  timeoutMs: z
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(10, 'must be at least 10 ms')
    .max(60_000, 'must be at most 60,000 ms (1 minute)')
    .default(1000),
  memoryMb: z
    .number({ error: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(1, 'must be at least 1 MB')
    .max(256, 'must be at most 256 MB')
    .default(32),
});

export type CodeConfig = z.output<typeof codeConfigSchema>;

export const codeNode = defineNodeKind({
  kind: 'code',
  version: 1,
  category: 'deterministic',
  title: 'Code',
  description: 'Runs JavaScript in a sandbox with time and memory limits; main(inputs) returns the output.',
  configSchema: codeConfigSchema,
  defaultConfig: (): CodeConfig => ({ code: DEFAULT_CODE, inputs: ['in'], timeoutMs: 1000, memoryMb: 32 }),
  inputs: (config) => config.inputs.map((name) => ({ name, required: true })),
  outputs: () => [{ name: 'out', required: false, description: 'The value main() returned.' }],
  costly: true,
  async run(ctx) {
    const { code, inputs, timeoutMs, memoryMb } = ctx.config;
    const args: Record<string, unknown> = {};
    for (const name of inputs) args[name] = ctx.inputs[name];
    let result;
    try {
      result = await ctx.runCode({ code, entry: 'main', args: [args], timeoutMs, memoryBytes: memoryMb * 1024 * 1024 });
    } catch (error) {
      throw withNodeName(moveLogs(error, (line) => ctx.log(line)), 'Code', ctx.node.label);
    }
    for (const line of result.logs) ctx.log(line);
    return { outputs: { out: result.value } };
  },
});

/** Console lines printed before a failure travel in the error's details; they belong in the step log. */
function moveLogs(error: unknown, log: (line: string) => void): unknown {
  if (!(error instanceof TrellisError) || typeof error.details !== 'object' || error.details === null) return error;
  const { logs, ...rest } = error.details as { logs?: unknown };
  if (!Array.isArray(logs)) return error;
  for (const line of logs) log(String(line));
  return new TrellisError(error.code, error.message, {
    retryable: error.retryable,
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(Object.keys(rest).length > 0 ? { details: rest } : {}),
    cause: error,
  });
}
