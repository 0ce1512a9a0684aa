/**
 * Small node kinds for engine tests: they make graph shapes and executor behaviour (branches,
 * failures, slow steps, counting) easy to set up. Registered under `t_*` names, never shipped
 * in the palette.
 */
import { z } from 'zod';
import { getNodeKind, registerNodeKind, type AnyNodeKind } from '../nodes/registry';
import { defineNodeKind } from '../nodes/types';
import { TrellisError } from '../util/errors';

/** How many times each node id has run, across all test runs until reset. */
export const executions = new Map<string, number>();
/** Remaining failures per node id for t_step with `failTimes`. */
const failuresLeft = new Map<string, number>();

export function resetTestKinds(): void {
  executions.clear();
  failuresLeft.clear();
}

function count(nodeId: string) {
  executions.set(nodeId, (executions.get(nodeId) ?? 0) + 1);
}

const sourceKind = defineNodeKind({
  kind: 't_source',
  version: 1,
  category: 'deterministic',
  title: 'Test source',
  description: 'Emits its configured value, or the run input named by `input`.',
  configSchema: z.object({ value: z.unknown().optional(), input: z.string().optional() }),
  defaultConfig: () => ({}),
  inputs: () => [],
  outputs: () => [{ name: 'out', required: false }],
  costly: false,
  runInputNames: (c) => (c.input ? [c.input] : []),
  run: async (ctx) => {
    count(ctx.node.id);
    return { outputs: { out: ctx.config.input ? ctx.runInputs[ctx.config.input] : ctx.config.value } };
  },
});

const stepKind = defineNodeKind({
  kind: 't_step',
  version: 1,
  category: 'deterministic',
  title: 'Test step',
  description: 'Passes `in` (or all inputs) on, optionally after failures or a delay.',
  configSchema: z.object({
    inputs: z.array(z.string()).default(['in']),
    optional: z.array(z.string()).default([]),
    append: z.string().optional(),
    failTimes: z.number().int().default(0),
    failCode: z.enum(['server', 'rate_limit', 'auth', 'input']).default('server'),
    retryAfterMs: z.number().optional(),
    delayMs: z.number().default(0),
    costly: z.boolean().default(false),
  }),
  defaultConfig: () => ({ inputs: ['in'], optional: [], failTimes: 0, failCode: 'server' as const, delayMs: 0, costly: false }),
  inputs: (c) => [...c.inputs.map((name) => ({ name, required: true })), ...c.optional.map((name) => ({ name, required: false }))],
  outputs: () => [{ name: 'out', required: false }],
  costly: false,
  run: async (ctx) => {
    count(ctx.node.id);
    if (ctx.config.delayMs > 0) await abortableDelay(ctx.config.delayMs, ctx.signal);
    const key = `${ctx.run.id}:${ctx.node.id}`;
    const left = failuresLeft.get(key) ?? ctx.config.failTimes;
    if (left > 0) {
      failuresLeft.set(key, left - 1);
      const retryable = ctx.config.failCode === 'server' || ctx.config.failCode === 'rate_limit';
      throw new TrellisError(ctx.config.failCode, `Test step "${ctx.node.label}" failed on purpose`, {
        retryable,
        ...(ctx.config.retryAfterMs !== undefined ? { retryAfterMs: ctx.config.retryAfterMs } : {}),
      });
    }
    if (ctx.config.append !== undefined) {
      // Appends to the first declared input; an optional feedback input adds its visit number.
      const first = ctx.inputs[ctx.config.inputs[0] ?? 'in'];
      const note = ctx.config.optional.some((name) => name in ctx.inputs) ? ` (revision ${ctx.run.visit})` : '';
      return { outputs: { out: `${String(first)}${ctx.config.append}${note}` } };
    }
    const names = Object.keys(ctx.inputs);
    return { outputs: { out: names.length === 1 ? ctx.inputs[names[0] as string] : { ...ctx.inputs } } };
  },
});

const branchKind = defineNodeKind({
  kind: 't_branch',
  version: 1,
  category: 'deterministic',
  title: 'Test branch',
  description: 'Sends `in` to `yes` when it equals `equals` (or is truthy), else to `no`.',
  configSchema: z.object({ equals: z.unknown().optional(), untilVisit: z.number().int().optional() }),
  defaultConfig: () => ({}),
  inputs: () => [{ name: 'in', required: true }],
  outputs: () => [
    { name: 'yes', required: false },
    { name: 'no', required: false },
  ],
  costly: false,
  run: async (ctx) => {
    count(ctx.node.id);
    const value = ctx.inputs.in;
    // untilVisit: answers `no` until the step's visit reaches it (drives revise loops in tests).
    const yes = ctx.config.untilVisit !== undefined ? ctx.run.visit >= ctx.config.untilVisit : 'equals' in ctx.config ? value === ctx.config.equals : Boolean(value);
    return { outputs: yes ? { yes: value } : { no: value } };
  },
});

const mergeKind = defineNodeKind({
  kind: 't_merge',
  version: 1,
  category: 'deterministic',
  title: 'Test merge',
  description: 'Merge with mode all/first over ports a, b, c.',
  configSchema: z.object({ mode: z.enum(['all', 'first']).default('all'), ports: z.array(z.string()).default(['a', 'b']) }),
  defaultConfig: () => ({ mode: 'all' as const, ports: ['a', 'b'] }),
  inputs: (c) => c.ports.map((name) => ({ name, required: false })),
  outputs: () => [{ name: 'out', required: false }],
  costly: false,
  guard: (c) => (c.mode === 'all' ? 'merge-all' : 'merge-first'),
  run: async (ctx) => {
    count(ctx.node.id);
    if (ctx.config.mode === 'all') return { outputs: { out: { ...ctx.inputs } } };
    const first = ctx.config.ports.find((p) => p in ctx.inputs);
    return { outputs: { out: first === undefined ? null : ctx.inputs[first] } };
  },
});

const sinkKind = defineNodeKind({
  kind: 't_sink',
  version: 1,
  category: 'deterministic',
  title: 'Test sink',
  description: 'An output named `name`.',
  configSchema: z.object({ name: z.string().default('result') }),
  defaultConfig: () => ({ name: 'result' }),
  inputs: () => [{ name: 'value', required: true }],
  outputs: () => [],
  costly: false,
  runOutputName: (c) => c.name,
  run: async (ctx) => {
    count(ctx.node.id);
    return { outputs: {} };
  },
});

const costlyKind = defineNodeKind({ ...stepKind, kind: 't_costly', title: 'Test costly step', costly: true });

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new TrellisError('cancelled', 'cancelled'));
    }, { once: true });
  });
}

for (const kind of [sourceKind, stepKind, branchKind, mergeKind, sinkKind, costlyKind] as AnyNodeKind[]) {
  if (!getNodeKind(kind.kind)) registerNodeKind(kind);
}
