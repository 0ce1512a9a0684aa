/**
 * For tests of the deterministic node kinds: runs one step outside the executor with a real step
 * context (createStepContext) and real services (the QuickJS sandbox, the fetch HTTP port).
 * Models are a resolver that throws: these kinds never call one.
 */
import { createStepContext, type StepActivity, type StepServices } from '../run/context';
import { createFetchHttpPort } from '../run/fetchHttp';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import type { NodeKindDef, StepResult } from './types';

export function deterministicServices(overrides: Partial<StepServices> = {}): StepServices {
  return {
    models: {
      resolve() {
        throw new Error('deterministic node kinds never call a model');
      },
    },
    http: createFetchHttpPort(),
    sandbox: createQuickJsSandbox(),
    ...overrides,
  };
}

export interface NodeRunOptions {
  inputs?: Record<string, unknown>;
  runInputs?: Record<string, unknown>;
  label?: string;
  signal?: AbortSignal;
  services?: StepServices;
}

export interface NodeRunOutcome {
  result: StepResult | null;
  error: unknown;
  activity: StepActivity;
}

/** Parses the config with the kind's schema (so defaults apply), then runs the step. */
export async function runNode(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any kind; the config is checked by its schema
  kind: NodeKindDef<any>,
  rawConfig: unknown,
  options: NodeRunOptions = {},
): Promise<NodeRunOutcome> {
  const config: unknown = kind.configSchema.parse(rawConfig);
  const { ctx, activity } = createStepContext({
    config,
    inputs: options.inputs ?? {},
    runInputs: options.runInputs ?? {},
    node: { id: 'n1', kind: kind.kind, label: options.label ?? 'Step' },
    flow: { id: 'f1', settings: { concurrency: 1 } },
    run: { id: 'r1', stepIndex: 0, attempt: 1, visit: 0 },
    signal: options.signal ?? new AbortController().signal,
    services: options.services ?? deterministicServices(),
  });
  try {
    return { result: await kind.run(ctx), error: null, activity };
  } catch (error) {
    return { result: null, error, activity };
  }
}

/** Runs the step and returns its outputs, or throws what it threw. */
export async function outputsOf(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any kind
  kind: NodeKindDef<any>,
  rawConfig: unknown,
  options: NodeRunOptions = {},
): Promise<Record<string, unknown>> {
  const outcome = await runNode(kind, rawConfig, options);
  if (outcome.error !== null) throw outcome.error;
  return outcome.result?.outputs ?? {};
}
