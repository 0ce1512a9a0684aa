/**
 * The test server's OTLP/HTTP trace receiver (`POST /v1/traces`, `application/json`): what it
 * answers for a body, and what it keeps of each batch for tests to read (through the control
 * endpoint `GET /__control/traces` from another process). Answers as a collector does: 415 for
 * another content type, 400 for a body that is not JSON, otherwise 200 with an
 * `ExportTraceServiceResponse` whose `partialSuccess` names the problems the strict decoder found.
 */
import { decodeOtlpTraces, type DecodedSpan } from './otlpDecode';

export const OTLP_TRACES_PATH = '/v1/traces';

export interface ReceivedTraces {
  /** When it arrived (epoch ms). */
  at: number;
  /** Request headers, names in lower case (e.g. the authorization a collector setting added). */
  headers: Record<string, string>;
  /** The HTTP status the receiver answered. */
  status: number;
  /** The parsed body as sent (null when it was not JSON). */
  body: unknown;
  spans: DecodedSpan[];
  /** What the strict decoder found wrong; empty for a valid export. */
  problems: string[];
}

export interface TraceAnswer {
  status: number;
  body: unknown;
  batch: ReceivedTraces;
}

/** The answer to one POST and the batch to keep. */
export function receiveTraces(headers: Record<string, string>, raw: string, at = Date.now()): TraceAnswer {
  const batch = (status: number, body: unknown, spans: DecodedSpan[], problems: string[]): ReceivedTraces => ({ at, headers, status, body, spans, problems });
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    const problem = `Content-Type must be application/json (OTLP/HTTP JSON), got "${headers['content-type'] ?? ''}"`;
    return { status: 415, body: { code: 3, message: problem }, batch: batch(415, null, [], [problem]) };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw) as unknown;
  } catch (error) {
    const problem = `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    return { status: 400, body: { code: 3, message: problem }, batch: batch(400, null, [], [problem]) };
  }
  const { spans, problems } = decodeOtlpTraces(json);
  const body = problems.length === 0 ? {} : { partialSuccess: { rejectedSpans: String(Math.max(1, new Set(problems.map((p) => p.split('.').slice(0, 3).join('.'))).size)), errorMessage: problems.slice(0, 5).join('; ') } };
  return { status: 200, body, batch: batch(200, json, spans, problems) };
}
