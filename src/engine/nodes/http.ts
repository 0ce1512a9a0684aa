/**
 * HTTP request: calls a URL built from templates over its inputs. Values placed in the URL are
 * percent-encoded (except a placeholder that starts the URL, so `{{base}}/items` works); header
 * values and the body render as they are. Outputs the parsed body and the status.
 */
import { z } from 'zod';
import { defineNodeKind, type StepContext } from './types';
import { stepError, templateSchema, withNodeName } from './shared';
import { renderTemplate, templateVariables } from '../util/template';
import { HEADER_NAME, HEADER_NAME_MESSAGE, describeTarget, hasHeader, isRetryableStatus, looksLikeJson, parseHttpUrl, parseRetryAfter, renderUrl, snippet, timeoutMsSchema } from './httpShared';

export { parseRetryAfter, renderUrl };

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const headerSchema = z.strictObject({
  name: z.string().regex(HEADER_NAME, HEADER_NAME_MESSAGE),
  value: templateSchema(8_000),
});

export const httpConfigSchema = z
  .strictObject({
    method: z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(', ')}` }).default('GET'),
    url: templateSchema(8_000).refine((url) => url.trim().length > 0, 'must not be empty'),
    headers: z.array(headerSchema).max(50, 'may have at most 50 headers').default(() => []),
    body: templateSchema(1_000_000).optional(),
    timeoutMs: timeoutMsSchema(),
    responseType: z.enum(['json', 'text'], { error: 'must be "json" or "text"' }).default('json'),
    failOnHttpError: z.boolean({ error: 'must be true or false' }).default(true),
  })
  .superRefine((config, ctx) => {
    if ((config.method === 'GET' || config.method === 'HEAD') && config.body) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `a ${config.method} request cannot have a body; use POST or PUT, or clear the body` });
    }
  });

export type HttpConfig = z.output<typeof httpConfigSchema>;

function allTemplates(config: HttpConfig): string[] {
  return [config.url, ...config.headers.map((header) => header.value), ...(config.body ? [config.body] : [])];
}

function buildRequest(ctx: StepContext<HttpConfig>) {
  const { config } = ctx;
  const rendered = renderUrl(config.url, ctx.inputs).trim();
  const parsed = parseHttpUrl(rendered);
  if ('problem' in parsed) throw stepError('HTTP request', ctx.node.label, 'input', parsed.problem);
  const { url } = parsed;
  const headers: Record<string, string> = {};
  for (const header of config.headers) {
    const value = renderTemplate(header.value, ctx.inputs);
    if (/[\r\n]/.test(value)) throw stepError('HTTP request', ctx.node.label, 'input', `header ${header.name} would contain a line break`);
    headers[header.name] = value;
  }
  const has = (name: string) => hasHeader(headers, name);
  const body = config.body ? renderTemplate(config.body, ctx.inputs) : undefined;
  if (body !== undefined && !has('content-type')) headers['Content-Type'] = looksLikeJson(body) ? 'application/json' : 'text/plain; charset=utf-8';
  if (config.responseType === 'json' && !has('accept')) headers.Accept = 'application/json';
  return { url, headers, body };
}

export const httpNode = defineNodeKind({
  kind: 'http',
  version: 1,
  category: 'deterministic',
  title: 'HTTP request',
  description: 'Calls a URL built from its inputs; outputs the response body and status.',
  configSchema: httpConfigSchema,
  defaultConfig: (): HttpConfig => ({
    method: 'GET',
    url: 'https://api.example.com/items/{{id}}',
    headers: [],
    timeoutMs: 10_000,
    responseType: 'json',
    failOnHttpError: true,
  }),
  inputs: (config) => {
    const names: string[] = [];
    for (const template of allTemplates(config)) for (const name of templateVariables(template)) if (!names.includes(name)) names.push(name);
    return names.map((name) => ({ name, required: true }));
  },
  outputs: (config) => [
    { name: 'body', required: false, description: config.responseType === 'json' ? 'The response body, parsed as JSON.' : 'The response body as text.' },
    { name: 'status', required: false, description: 'The HTTP status code.' },
  ],
  costly: true,
  async run(ctx) {
    const { config } = ctx;
    const { url, headers, body } = buildRequest(ctx);
    const target = `${config.method} ${describeTarget(url)}`;
    let response;
    try {
      response = await ctx.http({ method: config.method, url: url.toString(), headers, timeoutMs: config.timeoutMs, ...(body !== undefined ? { body } : {}) });
    } catch (error) {
      throw withNodeName(error, 'HTTP request', ctx.node.label);
    }
    const ok = response.status >= 200 && response.status < 300;
    ctx.log(`${target} -> ${response.status}`);
    if (!ok && config.failOnHttpError) {
      const retryable = isRetryableStatus(response.status);
      const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
      const text = snippet(response.body);
      throw stepError('HTTP request', ctx.node.label, 'http_status', `${target} returned ${response.status}${text ? `: ${text}` : ''}`, {
        status: response.status,
        retryable,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    if (config.responseType === 'text') return { outputs: { body: response.body, status: response.status } };
    if (response.body.trim() === '') return { outputs: { body: null, status: response.status } };
    try {
      return { outputs: { body: JSON.parse(response.body) as unknown, status: response.status } };
    } catch (error) {
      // An error page that is not JSON still flows on as text when the flow handles errors itself.
      if (!ok) return { outputs: { body: response.body, status: response.status } };
      const reason = error instanceof Error ? error.message : String(error);
      throw stepError('HTTP request', ctx.node.label, 'malformed', `${target} returned a body that is not valid JSON (${reason}); it starts with "${snippet(response.body).slice(0, 80)}". Set the response type to text to take it as it is`);
    }
  },
});
