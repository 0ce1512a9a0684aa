/**
 * Config schemas shared by the agent-category kinds: the agent itself, its tools, and the model
 * choice fields. Checks here stay cheap (compile parses thousands of configs); whether a JSON
 * Schema compiles is checked when the step runs.
 */
import { z } from 'zod';
import { idSchema } from '../../flow/schema';
import { parseTemplate, templateVariables } from '../../util/template';
import { isPlainObject } from '../../util/json';

export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** A template string: reports `{{` mistakes with the config path. */
export function templateString(max: number) {
  return z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      for (const problem of parseTemplate(value).problems) ctx.addIssue({ code: 'custom', message: problem.message });
    });
}

export const jsonSchemaObject = z.record(z.string(), z.unknown());

const parametersSchema = jsonSchemaObject.refine((schema) => schema.type === 'object', {
  message: 'must be a JSON Schema of an object (type "object"): tool arguments are always an object',
});

export const modelChoice = {
  /** A provider reference by id; undefined: the flow's default. */
  providerId: idSchema.optional(),
  /** A model name; undefined: the flow's default, then the provider's. */
  model: z.string().min(1).max(200).optional(),
};

const toolBase = {
  name: z.string().regex(TOOL_NAME, 'must be 1-64 letters, digits, "_" or "-" (the model calls the tool by this name)'),
  description: z.string().max(2000).default(''),
  parameters: parametersSchema.default({ type: 'object', properties: {}, additionalProperties: false }),
};

export const httpToolSchema = z.object({
  type: z.literal('http'),
  ...toolBase,
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  /** Template over the arguments; each value is URL-encoded. */
  url: templateString(4000).pipe(z.string().min(1, 'must not be empty')),
  /** Header values are templates over the arguments. */
  headers: z.array(z.object({ name: z.string().min(1).max(200), value: templateString(4000) })).max(50).default([]),
  /** Template over the arguments. Absent on POST/PUT/PATCH: the arguments are sent as JSON. */
  body: templateString(100_000).optional(),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
});

export const codeToolSchema = z.object({
  type: z.literal('code'),
  ...toolBase,
  /** JavaScript defining `function main(args)`; runs in the sandbox. */
  code: z.string().min(1).max(200_000),
  timeoutMs: z.number().int().min(10).max(60_000).default(2_000),
  memoryMb: z.number().int().min(1).max(512).default(32),
});

export const toolSchema = z.discriminatedUnion('type', [httpToolSchema, codeToolSchema]);

export type HttpTool = z.output<typeof httpToolSchema>;
export type CodeTool = z.output<typeof codeToolSchema>;
export type Tool = z.output<typeof toolSchema>;

/** Template variables of an http tool that its parameters do not declare. */
function undeclaredVariables(template: string, parameters: Record<string, unknown>): string[] {
  const properties = isPlainObject(parameters.properties) ? parameters.properties : {};
  return templateVariables(template).filter((name) => !(name in properties));
}

export const toolsSchema = z
  .array(toolSchema)
  .max(32)
  .default([])
  .superRefine((tools, ctx) => {
    const seen = new Map<string, number>();
    tools.forEach((tool, index) => {
      const first = seen.get(tool.name);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate tool name "${tool.name}" (also tools[${first}])` });
      } else {
        seen.set(tool.name, index);
      }
      if (tool.type !== 'http') return;
      const templates: [string, (string | number)[]][] = [[tool.url, ['url']]];
      if (tool.body !== undefined) templates.push([tool.body, ['body']]);
      tool.headers.forEach((header, h) => templates.push([header.value, ['headers', h, 'value']]));
      for (const [template, path] of templates) {
        for (const name of undeclaredVariables(template, tool.parameters)) {
          ctx.addIssue({ code: 'custom', path: [index, ...path], message: `uses {{${name}}} but the tool's parameters declare no property "${name}"` });
        }
      }
    });
  });

export const agentConfigSchema = z.object({
  role: z.string().min(1, 'must not be empty').max(500),
  goal: z.string().min(1, 'must not be empty').max(2000),
  backstory: z.string().max(10_000).default(''),
  /** Template over the step's inputs: the user message. */
  instructions: templateString(100_000).pipe(z.string().min(1, 'must not be empty')),
  ...modelChoice,
  temperature: z.number().min(0).max(2).default(0.7),
  maxIterations: z.number().int().min(1).max(20).default(5),
  /** JSON Schema of the output; null: the output is the reply's text. */
  outputSchema: jsonSchemaObject.nullable().default(null),
  tools: toolsSchema,
});

export type AgentConfig = z.output<typeof agentConfigSchema>;
