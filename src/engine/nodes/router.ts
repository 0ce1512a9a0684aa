/**
 * Router: sends its input down the first branch whose JSONata condition is true (JSONata
 * truthiness, as $boolean), or down `otherwise` when none is.
 */
import { z } from 'zod';
import { defineNodeKind } from './types';
import { evaluateExpression, jsonataTruthy } from './expression';
import { EVEN_WITH_OTHER_ISSUES, portNameSchema } from './shared';

export const OTHERWISE = 'otherwise';

const branchSchema = z.strictObject({
  name: portNameSchema,
  condition: z
    .string({ error: 'must be a JSONata expression' })
    .max(10_000, 'must be at most 10,000 characters')
    .refine((text) => text.trim().length > 0, 'must not be empty: write a JSONata condition such as `$.score > 50`'),
});

export const routerConfigSchema = z.strictObject({
  branches: z
    .array(branchSchema)
    .min(1, 'needs at least one branch')
    .max(50, 'may have at most 50 branches')
    .superRefine((branches, ctx) => {
      branches.forEach((branch, index) => {
        if (typeof branch?.name !== 'string') return;
        if (branch.name === OTHERWISE) {
          ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `"${OTHERWISE}" is the branch taken when no condition holds; choose another name` });
        } else if (branches.findIndex((other) => other?.name === branch.name) !== index) {
          ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `"${branch.name}" is used by another branch; branch names must be unique` });
        }
      });
    }, EVEN_WITH_OTHER_ISSUES),
});

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export type RouterConfig = z.output<typeof routerConfigSchema>;

export const routerNode = defineNodeKind({
  kind: 'router',
  version: 1,
  category: 'deterministic',
  title: 'Router',
  description: 'Sends its input down the first branch whose condition holds, or down "otherwise".',
  configSchema: routerConfigSchema,
  defaultConfig: (): RouterConfig => ({ branches: [{ name: 'yes', condition: '$boolean($)' }] }),
  inputs: () => [{ name: 'in', required: true }],
  outputs: (config) => [
    ...config.branches.map((branch) => ({ name: branch.name, required: false, description: `Taken when ${clip(branch.condition)}` })),
    { name: OTHERWISE, required: false, description: 'Taken when no condition holds.' },
  ],
  costly: false,
  async run(ctx) {
    const value = ctx.inputs.in;
    for (const branch of ctx.config.branches) {
      const result = await evaluateExpression(branch.condition, value, { in: value }, {
        node: `Router "${ctx.node.label}"`,
        what: `branch "${branch.name}" condition`,
      });
      if (jsonataTruthy(result)) {
        ctx.log(`Took branch "${branch.name}".`);
        return { outputs: { [branch.name]: value } };
      }
    }
    ctx.log(`No condition held; took "${OTHERWISE}".`);
    return { outputs: { [OTHERWISE]: value } };
  },
});
