/**
 * The OTLP/HTTP JSON wire shapes of a trace export (the protobuf JSON mapping of
 * `ExportTraceServiceRequest`, opentelemetry-proto `trace/v1`), and the small conversions every
 * exporter needs: attribute values, nanosecond timestamps as decimal strings, and deterministic
 * trace and span ids.
 *
 * Mapping rules kept here: ids are lowercase hex (not base64), enums are integers, 64-bit integers
 * (`intValue`, `*UnixNano`) are decimal strings, an empty `parentSpanId` is left out.
 */
import { fnv1a64 } from '../trust/hash';

export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: OtlpAnyValue[] } };

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export interface OtlpEvent {
  timeUnixNano: string;
  name: string;
  attributes: OtlpKeyValue[];
}

/** `Status.code`: 0 unset, 1 ok, 2 error. */
export type OtlpStatusCode = 0 | 1 | 2;

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  events: OtlpEvent[];
  status: { code: OtlpStatusCode; message?: string };
}

export interface ExportTraceServiceRequest {
  resourceSpans: Array<{
    resource: { attributes: OtlpKeyValue[] };
    scopeSpans: Array<{ scope: { name: string; version?: string }; spans: OtlpSpan[] }>;
  }>;
}

/** `Span.SpanKind` values. */
export const SPAN_KIND = { UNSPECIFIED: 0, INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

/** An attribute value; null and undefined leave the attribute out. */
export type AttrInput =
  | { s: string | null | undefined }
  | { i: number | null | undefined }
  | { d: number | null | undefined }
  | { b: boolean | null | undefined }
  | { sa: readonly string[] | null | undefined };

function toValue(input: AttrInput): OtlpAnyValue | undefined {
  if ('s' in input) return typeof input.s === 'string' ? { stringValue: input.s } : undefined;
  if ('i' in input) return typeof input.i === 'number' && Number.isFinite(input.i) ? { intValue: String(Math.trunc(input.i)) } : undefined;
  if ('d' in input) return typeof input.d === 'number' && Number.isFinite(input.d) ? { doubleValue: input.d } : undefined;
  if ('b' in input) return typeof input.b === 'boolean' ? { boolValue: input.b } : undefined;
  return input.sa ? { arrayValue: { values: input.sa.map((stringValue) => ({ stringValue })) } } : undefined;
}

/** Attributes from `[key, value]` pairs, in order, leaving out absent values. */
export function attributes(pairs: ReadonlyArray<readonly [string, AttrInput]>): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = [];
  for (const [key, input] of pairs) {
    const value = toValue(input);
    if (value) out.push({ key, value });
  }
  return out;
}

/**
 * Epoch milliseconds (possibly fractional) as a decimal string of nanoseconds. Whole milliseconds
 * and the fraction are converted apart, so 1.7e12 ms * 1e6 never passes through an inexact double.
 */
export function msToUnixNano(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0';
  const whole = Math.floor(ms);
  const fraction = Math.round((ms - whole) * 1e6);
  return (BigInt(whole) * 1_000_000n + BigInt(fraction)).toString();
}

const ZERO = /^0+$/;

/** 32 hex digits (16 bytes) derived from the run id: the same run always gets the same trace id. */
export function traceIdFor(runId: string): string {
  const id = fnv1a64(`trellis.trace.a|${runId}`) + fnv1a64(`trellis.trace.b|${runId}`);
  return ZERO.test(id) ? `${id.slice(0, 31)}1` : id;
}

/** 16 hex digits (8 bytes) from the run id and the span's id within the run; never all zeros. */
export function spanIdFor(runId: string, spanId: string, salt = 0): string {
  const id = fnv1a64(`trellis.span|${runId}|${spanId}${salt ? `|${salt}` : ''}`);
  return ZERO.test(id) ? `${id.slice(0, 15)}1` : id;
}
