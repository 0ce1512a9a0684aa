/**
 * Agent: a model with a role, a goal and instructions over the step's inputs. It may call tools
 * (HTTP requests, sandboxed code) and may have to answer with JSON matching a schema. Each model
 * turn is one iteration, bounded by maxIterations: tool calls and replies that break the schema
 * use iterations, and running out is a clear failure, never a hang.
 */
import type { ChatMessage, ResponseFormat } from '../llm/types';
import { TrellisError } from '../util/errors';
import { templateVariables } from '../util/template';
import { agentConfigSchema, type AgentConfig } from './agent/config';
import { compileSchema, isStrictCompatible, parseJsonReply, type SchemaValidator } from './agent/jsonSchema';
import { EMPTY_REPLY_FEEDBACK, FEEDBACK_PORT, LAST_TURN_NOTE, buildAgentMessages, responseFormatName, schemaFeedback } from './agent/prompt';
import { runToolCall, toToolDefs } from './agent/tools';
import { defineNodeKind, type PortSpec, type StepContext } from './types';

function agentInputs(config: AgentConfig): PortSpec[] {
  const ports: PortSpec[] = templateVariables(config.instructions)
    .filter((name) => name !== FEEDBACK_PORT)
    .map((name) => ({ name, required: true }));
  ports.push({
    name: FEEDBACK_PORT,
    label: 'Feedback',
    required: false,
    description: "A reviewer's or validator's feedback on the previous attempt (from a revise loop); added to the prompt.",
  });
  return ports;
}

async function compileValidators(config: AgentConfig, label: string) {
  const output = config.outputSchema ? await compileSchema(config.outputSchema, `Agent "${label}": the output schema`) : null;
  const tools = new Map<string, SchemaValidator>();
  for (const tool of config.tools) {
    tools.set(tool.name, await compileSchema(tool.parameters, `Agent "${label}": the parameters of tool "${tool.name}"`));
  }
  return { output, tools };
}

type TurnOutcome = { kind: 'tools' } | { kind: 'schema'; errors: string[] } | { kind: 'empty' };

async function runAgent(ctx: StepContext<AgentConfig>): Promise<{ outputs: Record<string, unknown> }> {
  const { config } = ctx;
  const label = ctx.node.label;
  const validators = await compileValidators(config, label);
  const messages: ChatMessage[] = buildAgentMessages(config, ctx.inputs);
  const tools = config.tools.length > 0 ? toToolDefs(config.tools) : undefined;
  const responseFormat: ResponseFormat | undefined = config.outputSchema
    ? { name: responseFormatName(label), schema: config.outputSchema, strict: isStrictCompatible(config.outputSchema) }
    : undefined;

  let last: TurnOutcome | null = null;
  for (let iteration = 1; iteration <= config.maxIterations; iteration += 1) {
    if (iteration === config.maxIterations && iteration > 1 && last?.kind === 'tools') {
      messages.push({ role: 'user', content: LAST_TURN_NOTE });
    }
    const response = await ctx.chat({
      providerId: config.providerId,
      model: config.model,
      temperature: config.temperature,
      messages: [...messages],
      ...(tools ? { tools } : {}),
      ...(responseFormat ? { responseFormat } : {}),
    });

    if (response.toolCalls.length > 0) {
      messages.push({ role: 'assistant', content: response.content, toolCalls: response.toolCalls });
      for (const call of response.toolCalls) {
        const content = await runToolCall(ctx, call, { tools: config.tools, validators: validators.tools, iteration });
        messages.push({ role: 'tool', toolCallId: call.id, content });
      }
      last = { kind: 'tools' };
      continue;
    }

    const text = response.content ?? '';
    if (response.finishReason === 'length') ctx.log(`Iteration ${iteration}: the reply was cut off at the model's output token limit.`);
    if (!validators.output) {
      if (text.trim()) return { outputs: { out: text } };
      messages.push({ role: 'assistant', content: text }, { role: 'user', content: EMPTY_REPLY_FEEDBACK });
      last = { kind: 'empty' };
      continue;
    }

    const parsed = parseJsonReply(text);
    const errors = parsed.ok ? validators.output(parsed.value).errors : [parsed.error];
    recordSchemaVerdict(ctx, iteration, errors);
    if (parsed.ok && errors.length === 0) return { outputs: { out: parsed.value } };
    ctx.log(`Iteration ${iteration}: the reply did not match the output schema: ${errors.join('; ')}`);
    messages.push({ role: 'assistant', content: text }, { role: 'user', content: schemaFeedback(errors) });
    last = { kind: 'schema', errors };
  }

  const used = `${config.maxIterations} iteration${config.maxIterations === 1 ? '' : 's'}`;
  if (last?.kind === 'schema') {
    throw new TrellisError(
      'schema',
      `Agent "${label}" used all ${used} without a reply matching its output schema: ${last.errors.join('; ')}`,
      { details: { errors: last.errors, iterations: config.maxIterations } },
    );
  }
  throw new TrellisError('exhausted', `Agent "${label}" used all ${used} without a final answer`, {
    details: { iterations: config.maxIterations, lastTurn: last?.kind ?? null },
  });
}

/** The structure layer of an agent's own reply: one verdict per reply checked against the output schema. */
function recordSchemaVerdict(ctx: StepContext<AgentConfig>, iteration: number, errors: string[]): void {
  const pointer = /^(\/[^:]*|\(root\)):/.exec(errors[0] ?? '')?.[1];
  ctx.recordVerdict({
    layer: 'structure',
    validator: `${ctx.node.label}: output schema`,
    status: errors.length === 0 ? 'pass' : 'fail',
    iteration,
    label: errors.length === 0 ? 'matches the output schema' : `${errors.length} schema problem${errors.length === 1 ? '' : 's'}`,
    explanation:
      errors.length === 0
        ? `Reply ${iteration} matches the output schema.`
        : `Reply ${iteration} did not match the output schema; the agent was asked again with the errors: ${errors.join('; ')}`,
    ...(pointer !== undefined ? { path: pointer === '(root)' ? '' : pointer } : {}),
    findings: errors.map((message) => ({ message, severity: 'fail' as const })),
  });
}

export const agentNode = defineNodeKind({
  kind: 'agent',
  version: 1,
  category: 'agent',
  title: 'Agent',
  description: 'A model with a role, goal and instructions. It can call HTTP and code tools, and answer with JSON matching a schema.',
  configSchema: agentConfigSchema,
  defaultConfig: () => ({
    role: 'careful analyst',
    goal: 'Answer the request accurately and concisely, using only the information given.',
    backstory: '',
    instructions: 'Summarize the following text in three sentences:\n\n{{text}}',
    temperature: 0.7,
    maxIterations: 5,
    outputSchema: null,
    tools: [],
  }),
  inputs: agentInputs,
  outputs: () => [{ name: 'out', label: 'Output', required: false, description: 'The final answer: text, or the parsed JSON when an output schema is set.' }],
  costly: true,
  run: runAgent,
});
