import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrellisError } from '../util/errors';
import { httpNode, parseRetryAfter, renderUrl } from './http';
import { outputsOf, runNode } from './nodeTestKit';

let server: Server;
let base: string;
const received: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const send = (status: number, body: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(body);
      };
      if (path.startsWith('/leads/')) send(200, JSON.stringify({ id: decodeURIComponent(path.slice(7)), tier: 'gold' }));
      else if (path === '/busy') send(429, '{"error":"slow down"}', { 'Retry-After': '7' });
      else if (path === '/broken') send(503, '<html>Service Unavailable</html>', { 'Content-Type': 'text/html' });
      else if (path === '/missing') send(404, '{"error":"no such lead"}');
      else if (path === '/html') send(200, '<html>hello</html>', { 'Content-Type': 'text/html' });
      else if (path === '/empty') send(204, '');
      else send(200, JSON.stringify({ echo: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('HTTP request node', () => {
  it('takes the union of template variables as inputs and outputs body and status', () => {
    const config = httpNode.configSchema.parse({
      method: 'POST',
      url: '{{base}}/leads/{{id}}',
      headers: [{ name: 'X-Team', value: '{{team}}' }],
      body: '{"id": "{{id}}", "note": "{{note}}"}',
    });
    expect(httpNode.inputs(config).map((port) => port.name)).toEqual(['base', 'id', 'team', 'note']);
    expect(httpNode.outputs(config).map((port) => port.name)).toEqual(['body', 'status']);
    expect(httpNode.costly).toBe(true);
    expect(httpNode.configSchema.parse(httpNode.defaultConfig())).toEqual(httpNode.defaultConfig());
  });

  it('sends the rendered request and parses a JSON response', async () => {
    const config = { method: 'POST', url: `${base}/leads/{{id}}?q={{q}}`, headers: [{ name: 'X-Team', value: 'sales {{team}}' }], body: '{"note": "{{note}}"}' };
    const outcome = await runNode(httpNode, config, { inputs: { id: 'a/b c', q: 'x&y', team: 'emea', note: 'hi' } });
    expect(outcome.result?.outputs).toEqual({ body: { id: 'a/b c', tier: 'gold' }, status: 200 });
    const request = received.at(-1);
    expect(request?.url).toBe('/leads/a%2Fb%20c?q=x%26y');
    expect(request?.headers['x-team']).toBe('sales emea');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.body).toBe('{"note": "hi"}');
    expect(outcome.activity.logs).toEqual([`POST ${base}/leads/a%2Fb%20c -> 200`]);
  });

  it('keeps a leading placeholder raw so a base URL can be an input', () => {
    expect(renderUrl('{{base}}/items/{{id}}', { base: 'https://api.example.com/v1', id: '1 2' })).toBe('https://api.example.com/v1/items/1%202');
  });

  it('returns text responses as they are, and an empty body as null', async () => {
    expect(await outputsOf(httpNode, { url: `${base}/html`, responseType: 'text' })).toEqual({ body: '<html>hello</html>', status: 200 });
    expect(await outputsOf(httpNode, { url: `${base}/empty` })).toEqual({ body: null, status: 204 });
  });

  it('fails on HTTP errors: 429 and 5xx retryable with Retry-After, 4xx not', async () => {
    const busy = await runNode(httpNode, { url: `${base}/busy` }, { label: 'CRM' });
    expect(busy.error).toBeInstanceOf(TrellisError);
    expect(busy.error).toMatchObject({
      code: 'http_status',
      status: 429,
      retryable: true,
      retryAfterMs: 7000,
      message: `HTTP request "CRM": GET ${base}/busy returned 429: {"error":"slow down"}`,
    });
    const broken = await runNode(httpNode, { url: `${base}/broken` }, { label: 'CRM' });
    expect(broken.error).toMatchObject({ code: 'http_status', status: 503, retryable: true });
    const missing = await runNode(httpNode, { url: `${base}/missing?token=abc` }, { label: 'CRM' });
    expect(missing.error).toMatchObject({ code: 'http_status', status: 404, retryable: false });
    expect((missing.error as Error).message).not.toContain('token');
  });

  it('passes HTTP errors on as data when failOnHttpError is off', async () => {
    expect(await outputsOf(httpNode, { url: `${base}/missing`, failOnHttpError: false })).toEqual({ body: { error: 'no such lead' }, status: 404 });
    expect(await outputsOf(httpNode, { url: `${base}/broken`, failOnHttpError: false })).toEqual({ body: '<html>Service Unavailable</html>', status: 503 });
  });

  it('reports a success body that is not JSON as malformed', async () => {
    const outcome = await runNode(httpNode, { url: `${base}/html` }, { label: 'CRM' });
    expect(outcome.error).toMatchObject({ code: 'malformed' });
    expect((outcome.error as Error).message).toMatch(/^HTTP request "CRM": GET .*\/html returned a body that is not valid JSON .*starts with "<html>hello<\/html>"/);
  });

  it('names the node when the request cannot be made', async () => {
    const invalid = await runNode(httpNode, { url: '{{target}}' }, { label: 'CRM', inputs: { target: 'not a url' } });
    expect(invalid.error).toMatchObject({ code: 'input', message: 'HTTP request "CRM": the URL "not a url" is not a valid absolute URL' });
    const ftp = await runNode(httpNode, { url: 'ftp://example.com/x' }, { label: 'CRM' });
    expect((ftp.error as Error).message).toBe('HTTP request "CRM": the URL must start with http:// or https://, not ftp:');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await runNode(httpNode, { url: `http://127.0.0.1:${port}/x` }, { label: 'CRM' });
    expect(unreachable.error).toMatchObject({ code: 'network', retryable: true });
    expect((unreachable.error as Error).message).toMatch(new RegExp(`^HTTP request "CRM": Could not reach 127\\.0\\.0\\.1:${port}`));
  });

  it('validates its config', () => {
    const result = httpNode.configSchema.safeParse({ method: 'GET', url: '', body: 'x', headers: [{ name: 'Bad Header', value: 'v' }], timeoutMs: 5 });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual(
      expect.arrayContaining([
        ['url', 'must not be empty'],
        ['headers.0.name', 'must be a header name such as Accept or X-Api-Version'],
        ['timeoutMs', 'must be at least 100 ms'],
      ]),
    );
    const body = httpNode.configSchema.safeParse({ method: 'GET', url: 'https://x.test', body: '{}' });
    expect(body.error?.issues[0]).toMatchObject({ path: ['body'], message: 'a GET request cannot have a body; use POST or PUT, or clear the body' });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
