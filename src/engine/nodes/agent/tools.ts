/**
 * An agent's tools: how they are offered to the model, and how a model's tool call is executed.
 * Every call is recorded on the step. A failing call (bad arguments, an HTTP error, code that
 * throws, an unknown tool) does not fail the step: the error text goes back to the model, which
 * can correct itself. Only cancellation stops the step, and a request the flow's PII policy
 * blocks (the flow's settings must change; the model is not asked to work around it).
 */
import type { ToolCall, ToolDef } from '../../llm/types';
import type { StepContext } from '../types';
import { TrellisError, isAbortError, toErrorInfo } from '../../util/errors';
import { isPlainObject } from '../../util/json';
import { lookupPath, parseTemplate, renderValue } from '../../util/template';
import type { CodeTool, HttpTool, Tool } from './config';
import type { SchemaValidator } from './jsonSchema';

/** Longest tool result text returned to the model (and kept in the record). */
export const MAX_TOOL_RESULT_CHARS = 16_000;

export function toToolDefs(tools: readonly Tool[]): ToolDef[] {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.parameters }));
}

export interface ToolRunOptions {
  tools: readonly Tool[];
  /** Argument validators by tool name, compiled before the loop started. */
  validators: ReadonlyMap<string, SchemaValidator>;
  iteration: number;
}

/** Executes one tool call and returns the content of the tool message for the model. */
export async function runToolCall(ctx: StepContext<unknown>, call: ToolCall, options: ToolRunOptions): Promise<string> {
  const tool = options.tools.find((candidate) => candidate.name === call.name);
  if (!tool) {
    const available = options.tools.map((candidate) => candidate.name).join(', ') || '(none)';
    ctx.log(`Iteration ${options.iteration}: the model called an unknown tool "${call.name}"; it was told the available tools.`);
    return `Error: there is no tool named "${call.name}". Available tools: ${available}.`;
  }
  const parsed = parseArguments(call.arguments);
  const started = Date.now();
  const record = (outcome: { result: unknown } | { error: unknown }) =>
    ctx.recordToolCall({
      name: tool.name,
      type: tool.type,
      arguments: parsed.ok ? parsed.value : call.arguments,
      ...('result' in outcome ? { result: outcome.result } : { error: toErrorInfo(outcome.error) }),
      latencyMs: Date.now() - started,
      startedAt: started,
      iteration: options.iteration,
    });
  try {
    if (!parsed.ok) throw new TrellisError('input', `the arguments are not a JSON object (${parsed.error})`);
    const check = options.validators.get(tool.name)?.(parsed.value);
    if (check && !check.valid) {
      throw new TrellisError('input', `the arguments do not match the tool's parameters: ${check.errors.join('; ')}`, { details: check.errors });
    }
    const value = tool.type === 'http' ? await runHttpTool(ctx, tool, parsed.value) : await runCodeTool(ctx, tool, parsed.value);
    const { text, kept } = limitResult(value);
    record({ result: kept });
    return text;
  } catch (error) {
    if (ctx.signal.aborted || isAbortError(error)) throw error;
    record({ error });
    if (error instanceof TrellisError && error.code === 'pii_blocked') throw error;
    return `Error from tool "${tool.name}": ${toErrorInfo(error).message}`;
  }
}

function parseArguments(raw: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  if (!raw.trim()) return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(raw);
    if (isPlainObject(value)) return { ok: true, value };
    return { ok: false, error: `got ${Array.isArray(value) ? 'an array' : typeof value}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The result as JSON text for the model, truncated; and the value to record (the text when truncated). */
function limitResult(value: unknown): { text: string; kept: unknown } {
  const json = JSON.stringify(value ?? null);
  if (json.length <= MAX_TOOL_RESULT_CHARS) return { text: json, kept: value ?? null };
  const text = `${json.slice(0, MAX_TOOL_RESULT_CHARS)}... (truncated: the result has ${json.length} characters)`;
  return { text, kept: text };
}

/** Renders a template over the arguments, passing each inserted value through `encode`. */
function renderArgs(source: string, args: Record<string, unknown>, encode: (text: string) => string): string {
  let out = '';
  for (const part of parseTemplate(source).parts) {
    out += part.kind === 'text' ? part.value : encode(renderValue(lookupPath(args, part.path)));
  }
  return out;
}

async function runHttpTool(ctx: StepContext<unknown>, tool: HttpTool, args: Record<string, unknown>): Promise<unknown> {
  const url = renderArgs(tool.url, args, encodeURIComponent);
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new TrellisError('config', `the tool's URL "${url}" is not a valid absolute URL`);
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') {
    throw new TrellisError('config', `the tool's URL must use http or https, not ${parsedUrl.protocol}`);
  }
  const headers: Record<string, string> = {};
  for (const header of tool.headers) headers[header.name] = renderArgs(header.value, args, (text) => text.replace(/[\r\n]+/g, ' '));
  const hasHeader = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
  let body: string | undefined;
  if (tool.body !== undefined) {
    body = renderArgs(tool.body, args, (text) => text);
  } else if (tool.method === 'POST' || tool.method === 'PUT' || tool.method === 'PATCH') {
    body = JSON.stringify(args);
    if (!hasHeader('content-type')) headers['content-type'] = 'application/json';
  }
  if (!hasHeader('accept')) headers.accept = 'application/json, text/plain;q=0.9, */*;q=0.5';
  const response = await ctx.http({ method: tool.method, url: parsedUrl.toString(), headers, timeoutMs: tool.timeoutMs, ...(body !== undefined ? { body } : {}) });
  const responseBody = parseBody(response.body, response.headers);
  if (response.status < 200 || response.status >= 300) {
    const snippet = response.body.length > 500 ? `${response.body.slice(0, 500)}...` : response.body;
    throw new TrellisError('http_status', `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`, { status: response.status });
  }
  return { status: response.status, body: responseBody };
}

function parseBody(body: string, headers: Record<string, string>): unknown {
  const type = Object.entries(headers).find(([key]) => key.toLowerCase() === 'content-type')?.[1] ?? '';
  const trimmed = body.trim();
  if (/json/i.test(type) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return body;
    }
  }
  return body;
}

async function runCodeTool(ctx: StepContext<unknown>, tool: CodeTool, args: Record<string, unknown>): Promise<unknown> {
  const result = await ctx.runCode({ code: tool.code, entry: 'main', args: [args], timeoutMs: tool.timeoutMs, memoryBytes: tool.memoryMb * 1024 * 1024 });
  for (const line of result.logs) ctx.log(`[tool ${tool.name}] ${line}`);
  return result.value === undefined ? null : result.value;
}
