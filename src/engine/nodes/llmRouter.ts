/**
 * LLM router: the model chooses one of the named branches and says why. The chosen branch's port
 * carries the step's input onward; the others are not taken, so what hangs off them is skipped.
 * An answer that names no branch is retried with feedback, up to maxAttempts, then fails clearly.
 */
import { z } from 'zod';
import { portNameSchema } from '../flow/schema';
import type { ChatMessage } from '../llm/types';
import { TrellisError } from '../util/errors';
import { renderTemplate, templateVariables } from '../util/template';
import { modelChoice, templateString } from './agent/config';
import { responseFormatName } from './agent/prompt';
import { buildRouterSystemPrompt, decisionSchema, readRouterAnswer, routerFeedback } from './agent/routerPrompt';
import { defineNodeKind, type PortSpec, type StepContext } from './types';

export const DECISION_PORT = 'decision';

const branchSchema = z.object({
  name: portNameSchema.refine((name) => name !== DECISION_PORT, { message: `"${DECISION_PORT}" is the router's own output; choose another name` }),
  description: z.string().max(2000).default(''),
});

export const llmRouterConfigSchema = z.object({
  /** Template over the step's inputs: what the model reads to choose. */
  instructions: templateString(100_000).pipe(z.string().min(1, 'must not be empty')),
  branches: z
    .array(branchSchema)
    .min(2, 'needs at least two branches')
    .max(32)
    .superRefine((branches, ctx) => {
      const seen = new Map<string, number>();
      branches.forEach((branch, index) => {
        const first = seen.get(branch.name);
        if (first === undefined) seen.set(branch.name, index);
        else ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate branch name "${branch.name}" (also branches[${first}])` });
      });
    }),
  ...modelChoice,
  temperature: z.number().min(0).max(2).default(0),
  maxAttempts: z.number().int().min(1).max(5).default(2),
});

export type LlmRouterConfig = z.output<typeof llmRouterConfigSchema>;

function routerInputs(config: LlmRouterConfig): PortSpec[] {
  return templateVariables(config.instructions).map((name) => ({ name, required: true }));
}

function routerOutputs(config: LlmRouterConfig): PortSpec[] {
  const ports: PortSpec[] = config.branches.map((branch) => ({
    name: branch.name,
    required: false,
    ...(branch.description ? { description: branch.description } : {}),
  }));
  ports.push({ name: DECISION_PORT, label: 'Decision', required: false, description: 'Always active: { branch, reason }.' });
  return ports;
}

/** What the chosen branch carries: the single input's value, or an object of all inputs. */
function routedValue(config: LlmRouterConfig, inputs: Readonly<Record<string, unknown>>): unknown {
  const names = templateVariables(config.instructions);
  if (names.length === 1) return inputs[names[0] as string] ?? null;
  return Object.fromEntries(names.map((name) => [name, inputs[name] ?? null]));
}

async function runRouter(ctx: StepContext<LlmRouterConfig>): Promise<{ outputs: Record<string, unknown> }> {
  const { config } = ctx;
  const label = ctx.node.label;
  const messages: ChatMessage[] = [
    { role: 'system', content: buildRouterSystemPrompt(config.branches) },
    { role: 'user', content: renderTemplate(config.instructions, ctx.inputs) },
  ];
  const responseFormat = { name: responseFormatName(`${label}_decision`), schema: decisionSchema(config.branches), strict: true };
  const problems: string[] = [];
  for (let attempt = 1; attempt <= config.maxAttempts; attempt += 1) {
    const response = await ctx.chat({
      providerId: config.providerId,
      model: config.model,
      temperature: config.temperature,
      messages: [...messages],
      responseFormat,
    });
    const answer = readRouterAnswer(response.content, config.branches);
    if (answer.ok) {
      return { outputs: { [DECISION_PORT]: { branch: answer.branch, reason: answer.reason }, [answer.branch]: routedValue(config, ctx.inputs) } };
    }
    problems.push(answer.problem);
    ctx.log(`Attempt ${attempt}: the model answered ${answer.problem}.`);
    messages.push({ role: 'assistant', content: response.content ?? '' }, { role: 'user', content: routerFeedback(answer.problem, config.branches) });
  }
  const names = config.branches.map((branch) => branch.name).join(', ');
  const attempts = `${config.maxAttempts} attempt${config.maxAttempts === 1 ? '' : 's'}`;
  throw new TrellisError(
    'no_branch',
    `LLM router "${label}" got no valid branch in ${attempts}: the model answered ${problems.at(-1) ?? 'nothing'}. Valid branches: ${names}.`,
    { details: { answers: problems, branches: config.branches.map((branch) => branch.name) } },
  );
}

export const llmRouterNode = defineNodeKind({
  kind: 'llm_router',
  version: 1,
  category: 'agent',
  title: 'LLM router',
  description: 'A model chooses one of the named branches and gives its reason; the input flows on along that branch.',
  configSchema: llmRouterConfigSchema,
  defaultConfig: () => ({
    instructions: 'Route this support ticket to the team that should handle it:\n\n{{ticket}}',
    branches: [
      { name: 'billing', description: 'Invoices, payments, refunds and pricing' },
      { name: 'technical', description: 'Bugs, errors and how-to questions about the product' },
    ],
    temperature: 0,
    maxAttempts: 2,
  }),
  inputs: routerInputs,
  outputs: routerOutputs,
  costly: true,
  run: runRouter,
});
