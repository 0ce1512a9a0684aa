/**
 * Runs one node kind's step outside the executor, with a real step context (createStepContext),
 * for tests of node kinds. Returns what the step produced or the error it raised, and everything
 * the context recorded (model calls, tool calls, log lines).
 */
import type { FlowSettings } from '../../flow/schema';
import { createOpenAIProvider } from '../../llm/openaiProvider';
import { createModelResolver } from '../../llm/resolver';
import { createScriptedProvider } from '../../llm/scripted';
import { createStepContext, type StepActivity, type StepServices } from '../../run/context';
import { createFetchHttpPort } from '../../run/fetchHttp';
import { createQuickJsSandbox } from '../../sandbox/quickjs';
import type { NodeKindDef } from '../types';

/**
 * Real services around one provider: the OpenAI-compatible server at `baseURL` (provider id
 * 'test', model gpt-4o-mini) or, without a URL, the scripted demo model; fetch for HTTP, QuickJS
 * for code.
 */
export function realServices(baseURL?: string): StepServices {
  const provider = baseURL
    ? createOpenAIProvider({ id: 'test', kind: 'openai-compatible', label: 'Test server', baseURL, defaultModel: 'gpt-4o-mini' }, 'sk-test')
    : createScriptedProvider();
  return { models: createModelResolver([provider], { test: 'gpt-4o-mini' }), http: createFetchHttpPort(), sandbox: createQuickJsSandbox() };
}

export interface StepOutcome {
  outputs: Record<string, unknown> | null;
  error: unknown;
  activity: StepActivity;
}

export async function runStepForTest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any kind, config checked by its schema
  kind: NodeKindDef<any>,
  rawConfig: unknown,
  inputs: Record<string, unknown>,
  services: StepServices,
  options: { label?: string; settings?: FlowSettings; signal?: AbortSignal } = {},
): Promise<StepOutcome> {
  const config: unknown = kind.configSchema.parse(rawConfig);
  const { ctx, activity } = createStepContext({
    config,
    inputs,
    runInputs: {},
    node: { id: 'node-1', kind: kind.kind, label: options.label ?? kind.title },
    flow: { id: 'flow-1', settings: options.settings ?? { concurrency: 1 } },
    run: { id: 'run-1', stepIndex: 0, attempt: 1, visit: 0 },
    signal: options.signal ?? new AbortController().signal,
    services,
  });
  try {
    const result = await kind.run(ctx);
    return { outputs: result.outputs, error: null, activity };
  } catch (error) {
    return { outputs: null, error, activity };
  }
}
