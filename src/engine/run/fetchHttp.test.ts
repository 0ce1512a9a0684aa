import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrellisError } from '../util/errors';
import { createFetchHttpPort } from './fetchHttp';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/echo') {
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Trace': 'abc' });
        res.end(JSON.stringify({ method: req.method, query: url.search, auth: req.headers.authorization ?? null, body: Buffer.concat(chunks).toString('utf8') }));
      } else if (url.pathname === '/slow') {
        setTimeout(() => res.end('late'), 10_000).unref();
      } else if (url.pathname === '/big') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        const chunk = 'x'.repeat(64 * 1024);
        for (let i = 0; i < 40; i += 1) res.write(chunk);
        res.end();
      } else if (url.pathname === '/declared-big') {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(50 * 1024 * 1024) });
        res.write('x');
      } else if (url.pathname === '/utf8') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('héllo ✓');
      } else {
        res.writeHead(404);
        res.end('not here');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<TrellisError> {
  const error = await promise.then(
    () => new Error('expected the request to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrellisError);
  return error as TrellisError;
}

describe('fetch HTTP port', () => {
  const http = createFetchHttpPort();

  it('sends method, headers and body and returns status, lower-cased headers and body', async () => {
    const response = await http({ method: 'POST', url: `${base}/echo?q=1`, headers: { Authorization: 'Bearer t' }, body: 'hi', timeoutMs: 5000 });
    expect(response.status).toBe(201);
    expect(response.headers['x-trace']).toBe('abc');
    expect(JSON.parse(response.body)).toEqual({ method: 'POST', query: '?q=1', auth: 'Bearer t', body: 'hi' });
  });

  it('returns non-2xx responses as they are (the caller decides) and decodes UTF-8', async () => {
    const missing = await http({ method: 'GET', url: `${base}/nowhere`, headers: {}, timeoutMs: 5000 });
    expect(missing).toMatchObject({ status: 404, body: 'not here' });
    expect((await http({ method: 'GET', url: `${base}/utf8`, headers: {}, timeoutMs: 5000 })).body).toBe('héllo ✓');
  });

  it('ends a request that takes too long with a retryable timeout', async () => {
    const error = await failure(http({ method: 'GET', url: `${base}/slow`, headers: {}, timeoutMs: 100 }));
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(`No complete response from ${new URL(base).host} within 100 ms`);
  });

  it('reports cancellation by the caller as cancelled, not as a timeout', async () => {
    const controller = new AbortController();
    const pending = http({ method: 'GET', url: `${base}/slow`, headers: {}, timeoutMs: 5000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).code).toBe('cancelled');
  });

  it('reports an unreachable server as a network error naming the host and CORS', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(http({ method: 'GET', url: `http://127.0.0.1:${port}/x?token=secret`, headers: {}, timeoutMs: 5000 }));
    expect(error.code).toBe('network');
    expect(error.message).toContain(`Could not reach 127.0.0.1:${port}`);
    expect(error.message).toContain('(CORS)');
    expect(error.message).not.toContain('secret');
  });

  it('caps the response body, whether declared up front or streamed', async () => {
    const small = createFetchHttpPort(globalThis.fetch, { maxBodyBytes: 1024 * 1024 });
    const streamed = await failure(small({ method: 'GET', url: `${base}/big`, headers: {}, timeoutMs: 5000 }));
    expect(streamed.code).toBe('malformed');
    expect(streamed.message).toBe(`The response from ${new URL(base).host} is larger than the 1 MB limit`);
    const declared = await failure(http({ method: 'GET', url: `${base}/declared-big`, headers: {}, timeoutMs: 5000 }));
    expect(declared.message).toContain('larger than the 10 MB limit');
  });

  it('uses the fetch implementation it is given', async () => {
    const calls: string[] = [];
    const fake = createFetchHttpPort(async (url, init) => {
      calls.push(`${init.method} ${url}`);
      return new Response('{"ok":true}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    expect(await fake({ method: 'GET', url: 'https://api.example.com/a', headers: {}, timeoutMs: 1000 })).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(calls).toEqual(['GET https://api.example.com/a']);
  });
});
