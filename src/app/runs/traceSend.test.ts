// Sending a trace to a collector (the test server's OTLP receiver): success, partial success,
// HTTP errors that name the URL and status with what to check, unreachable collectors, and header
// values kept out of every message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import type { ExportTraceServiceRequest } from '../../engine/trace/otlp';
import { sendTrace } from './traceSend';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const span = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name: 'invoke_workflow Demo', kind: 1, startTimeUnixNano: '1000', endTimeUnixNano: '2000', attributes: [], events: [], status: { code: 1 as const } };
const payload: ExportTraceServiceRequest = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'trellis.trace' }, spans: [span] }] }] };
const TOKEN = 'Bearer tok-Secret-9f8e7d6c';

describe('sendTrace', () => {
  it('sends the trace with the headers and reports the spans sent', async () => {
    const endpoint = `${server.origin}/v1/traces`;
    const outcome = await sendTrace(endpoint, payload, { headers: { Authorization: TOKEN } });
    expect(outcome).toEqual({ ok: true, status: 200, spans: 1, message: `Sent 1 spans to ${endpoint} (HTTP 200).` });
    const [batch] = server.traces();
    expect(batch!.problems).toEqual([]);
    expect(batch!.headers.authorization).toBe(TOKEN);
    expect(batch!.headers['content-type']).toBe('application/json');
  });

  it('reports a partial success with the collector’s message', async () => {
    const bad = structuredClone(payload);
    bad.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.traceId = '0'.repeat(32);
    const outcome = await sendTrace(`${server.origin}/v1/traces`, bad);
    expect(outcome).toMatchObject({ ok: true, partial: { rejectedSpans: 1 } });
    expect(outcome.message).toContain('rejected 1 of 1 spans: resourceSpans[0].scopeSpans[0].spans[0].traceId: must not be all zeros');
  });

  it('names the URL and HTTP status, says what to check, and never repeats a header value', async () => {
    const endpoint = `${server.origin}/v1/traces`;
    server.script({ match: { path: '/v1/traces' }, status: 401, error: { message: `Token ${TOKEN} is not valid` } });
    const denied = await sendTrace(endpoint, payload, { headers: { Authorization: TOKEN } });
    expect(denied).toEqual({ ok: false, status: 401, message: `The trace collector at ${endpoint} answered HTTP 401 Unauthorized: Token … is not valid. Check the Authorization header (or other credentials) of the trace collector in Settings.` });
    expect(denied.message).not.toContain('Secret-9f8e7d6c');

    const wrongPath = await sendTrace(`${server.origin}/v1/trace`, payload);
    expect(wrongPath).toMatchObject({ ok: false, status: 404 });
    expect(wrongPath.message).toContain(`at ${server.origin}/v1/trace answered HTTP 404 Not Found`);
    expect(wrongPath.message).toContain('usually ends in /v1/traces');
  });

  it('explains an unreachable collector (or a CORS refusal) and a timeout', async () => {
    const closed = await startTestServer();
    const endpoint = `${closed.origin}/v1/traces`;
    await closed.close();
    const outcome = await sendTrace(endpoint, payload, { origin: 'http://127.0.0.1:4173' });
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(new RegExp(`^Could not reach the trace collector at ${endpoint.replace(/[.]/g, '\\.')}\\. .*\\(http://127\\.0\\.0\\.1:4173\\) \\(CORS\\)`));
    expect(outcome.message).toContain('allowed_origins');

    server.script({ match: { path: '/v1/traces' }, delayMs: 2000 });
    const slow = await sendTrace(`${server.origin}/v1/traces`, payload, { timeoutMs: 200 });
    expect(slow).toEqual({ ok: false, message: `The trace collector at ${server.origin}/v1/traces did not answer within 0.2 s. Check that it runs and that the URL is right.` });
  });
});
