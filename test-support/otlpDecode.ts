/**
 * A strict decoder for OTLP/HTTP JSON trace exports (`ExportTraceServiceRequest`, the protobuf
 * JSON mapping of opentelemetry-proto trace/v1), for the test receiver and unit tests. It is
 * stricter than real collectors on purpose, so an export that passes here is accepted anywhere:
 *
 * - trace ids 32 and span ids 16 lowercase hex digits, never all zeros; span ids unique per trace;
 * - `parentSpanId` absent, empty, or the id of another span of the same trace in the batch;
 * - `kind` an integer 0-5; `status.code` an integer 0-2, `status.message` a string;
 * - `startTimeUnixNano`, `endTimeUnixNano` and events' `timeUnixNano` decimal strings, end >= start;
 * - attribute lists `[{ key, value }]` with non-empty, unique keys and values holding exactly one
 *   of `stringValue`, `boolValue`, `intValue` (a decimal string), `doubleValue` (a finite number),
 *   `arrayValue` `{ values }` or `kvlistValue` `{ values }` (nested the same way), `bytesValue`;
 * - events with a non-empty `name`.
 *
 * Problems are reported with their JSON path; decoded spans carry attributes as plain values.
 */

export type DecodedValue = string | number | boolean | null | DecodedValue[] | { [key: string]: DecodedValue };

export interface DecodedEvent {
  name: string;
  timeUnixNano: string;
  attributes: Record<string, DecodedValue>;
}

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status: { code: number; message?: string };
  attributes: Record<string, DecodedValue>;
  events: DecodedEvent[];
  /** The resource's attributes and the scope the span was reported under. */
  resource: Record<string, DecodedValue>;
  scope: { name: string; version?: string };
}

export interface DecodedTraces {
  spans: DecodedSpan[];
  problems: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const HEX = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`);
const TRACE_ID = HEX(32);
const SPAN_ID = HEX(16);
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const INT = /^-?(0|[1-9][0-9]*)$/;
const VALUE_FIELDS = ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'];
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

class Decoder {
  readonly problems: string[] = [];

  problem(path: string, message: string): void {
    if (this.problems.length < 200) this.problems.push(`${path}: ${message}`);
  }

  array(value: unknown, path: string, required = true): unknown[] {
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) {
      this.problem(path, `expected an array, got ${shown(value)}`);
      return [];
    }
    return value;
  }

  anyValue(value: unknown, path: string): DecodedValue {
    if (!isObject(value)) {
      this.problem(path, `expected an AnyValue object, got ${shown(value)}`);
      return null;
    }
    const fields = Object.keys(value);
    const known = fields.filter((field) => VALUE_FIELDS.includes(field));
    const unknown = fields.filter((field) => !VALUE_FIELDS.includes(field));
    if (unknown.length > 0) this.problem(path, `unknown AnyValue field(s) ${unknown.join(', ')}`);
    if (known.length !== 1) {
      this.problem(path, `an AnyValue holds exactly one of ${VALUE_FIELDS.join(', ')}; found ${known.length === 0 ? 'none' : known.join(', ')}`);
      return null;
    }
    const field = known[0] as string;
    const inner = value[field];
    const at = `${path}.${field}`;
    switch (field) {
      case 'stringValue':
      case 'bytesValue':
        if (typeof inner !== 'string') this.problem(at, `expected a string, got ${shown(inner)}`);
        return typeof inner === 'string' ? inner : null;
      case 'boolValue':
        if (typeof inner !== 'boolean') this.problem(at, `expected true or false, got ${shown(inner)}`);
        return typeof inner === 'boolean' ? inner : null;
      case 'intValue': {
        if (typeof inner !== 'string' || !INT.test(inner) || BigInt(inner) < INT64_MIN || BigInt(inner) > INT64_MAX) {
          this.problem(at, `expected a 64-bit integer as a decimal string, got ${shown(inner)}`);
          return null;
        }
        const number = Number(inner);
        return Number.isSafeInteger(number) ? number : inner;
      }
      case 'doubleValue':
        if (typeof inner !== 'number' || !Number.isFinite(inner)) this.problem(at, `expected a finite number, got ${shown(inner)}`);
        return typeof inner === 'number' ? inner : null;
      case 'arrayValue':
        if (!isObject(inner)) {
          this.problem(at, `expected { values: [...] }, got ${shown(inner)}`);
          return null;
        }
        return this.array(inner.values, `${at}.values`, false).map((item, i) => this.anyValue(item, `${at}.values[${i}]`));
      default:
        if (!isObject(inner)) {
          this.problem(at, `expected { values: [...] }, got ${shown(inner)}`);
          return null;
        }
        return this.attributes(inner.values, `${at}.values`, false);
    }
  }

  attributes(value: unknown, path: string, required = true): Record<string, DecodedValue> {
    const out: Record<string, DecodedValue> = {};
    this.array(value, path, required).forEach((entry, i) => {
      const at = `${path}[${i}]`;
      if (!isObject(entry)) return this.problem(at, `expected { key, value }, got ${shown(entry)}`);
      if (typeof entry.key !== 'string' || entry.key === '') return this.problem(`${at}.key`, `expected a non-empty string, got ${shown(entry.key)}`);
      if (entry.key in out) this.problem(`${at}.key`, `duplicate attribute "${entry.key}"`);
      out[entry.key] = this.anyValue(entry.value, `${at}.value`);
    });
    return out;
  }

  nanos(value: unknown, path: string): string {
    if (typeof value !== 'string' || !DECIMAL.test(value)) {
      this.problem(path, `expected nanoseconds since the epoch as a decimal string, got ${shown(value)}`);
      return '0';
    }
    if (BigInt(value) > 2n ** 64n - 1n) this.problem(path, 'does not fit in 64 bits');
    return value;
  }

  id(value: unknown, pattern: RegExp, what: string, path: string): string {
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.problem(path, `expected ${what}, got ${shown(value)}`);
      return '';
    }
    if (/^0+$/.test(value)) this.problem(path, 'must not be all zeros');
    return value;
  }

  span(value: unknown, path: string, resource: Record<string, DecodedValue>, scope: DecodedSpan['scope']): DecodedSpan | undefined {
    if (!isObject(value)) {
      this.problem(path, `expected a span object, got ${shown(value)}`);
      return undefined;
    }
    const traceId = this.id(value.traceId, TRACE_ID, '32 lowercase hex digits', `${path}.traceId`);
    const spanId = this.id(value.spanId, SPAN_ID, '16 lowercase hex digits', `${path}.spanId`);
    const parent = value.parentSpanId;
    const parentSpanId = parent === undefined || parent === '' ? null : this.id(parent, SPAN_ID, '16 lowercase hex digits (or nothing for a root span)', `${path}.parentSpanId`) || null;
    if (typeof value.name !== 'string' || value.name === '') this.problem(`${path}.name`, `expected a non-empty string, got ${shown(value.name)}`);
    if (!Number.isInteger(value.kind) || (value.kind as number) < 0 || (value.kind as number) > 5) this.problem(`${path}.kind`, `expected a SpanKind integer 0-5, got ${shown(value.kind)}`);
    const start = this.nanos(value.startTimeUnixNano, `${path}.startTimeUnixNano`);
    const end = this.nanos(value.endTimeUnixNano, `${path}.endTimeUnixNano`);
    if (BigInt(end) < BigInt(start)) this.problem(`${path}.endTimeUnixNano`, `ends (${end}) before it starts (${start})`);
    const status: DecodedSpan['status'] = { code: 0 };
    if (value.status !== undefined) {
      if (!isObject(value.status)) this.problem(`${path}.status`, `expected { code, message }, got ${shown(value.status)}`);
      else {
        const { code, message } = value.status;
        if (code !== undefined && (!Number.isInteger(code) || (code as number) < 0 || (code as number) > 2)) this.problem(`${path}.status.code`, `expected a StatusCode integer 0-2, got ${shown(code)}`);
        else status.code = (code as number | undefined) ?? 0;
        if (message !== undefined && typeof message !== 'string') this.problem(`${path}.status.message`, `expected a string, got ${shown(message)}`);
        else if (message) status.message = message;
      }
    }
    const events = this.array(value.events, `${path}.events`, false).map((event, i): DecodedEvent => {
      const at = `${path}.events[${i}]`;
      if (!isObject(event)) {
        this.problem(at, `expected an event object, got ${shown(event)}`);
        return { name: '', timeUnixNano: '0', attributes: {} };
      }
      if (typeof event.name !== 'string' || event.name === '') this.problem(`${at}.name`, `expected a non-empty string, got ${shown(event.name)}`);
      return { name: String(event.name), timeUnixNano: this.nanos(event.timeUnixNano, `${at}.timeUnixNano`), attributes: this.attributes(event.attributes, `${at}.attributes`, false) };
    });
    this.array(value.links, `${path}.links`, false);
    return {
      traceId,
      spanId,
      parentSpanId,
      name: String(value.name),
      kind: value.kind as number,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      status,
      attributes: this.attributes(value.attributes, `${path}.attributes`, false),
      events,
      resource,
      scope,
    };
  }
}

/** Decodes and checks a parsed OTLP/HTTP JSON trace request. */
export function decodeOtlpTraces(payload: unknown): DecodedTraces {
  const decoder = new Decoder();
  const spans: Array<DecodedSpan & { path: string }> = [];
  if (!isObject(payload)) {
    decoder.problem('(body)', `expected an ExportTraceServiceRequest object, got ${shown(payload)}`);
    return { spans: [], problems: decoder.problems };
  }
  decoder.array(payload.resourceSpans, 'resourceSpans').forEach((resourceSpans, r) => {
    const rPath = `resourceSpans[${r}]`;
    if (!isObject(resourceSpans)) return decoder.problem(rPath, `expected an object, got ${shown(resourceSpans)}`);
    const resourceValue = resourceSpans.resource;
    if (resourceValue !== undefined && !isObject(resourceValue)) decoder.problem(`${rPath}.resource`, `expected { attributes }, got ${shown(resourceValue)}`);
    const resource = isObject(resourceValue) ? decoder.attributes(resourceValue.attributes, `${rPath}.resource.attributes`, false) : {};
    decoder.array(resourceSpans.scopeSpans, `${rPath}.scopeSpans`).forEach((scopeSpans, s) => {
      const sPath = `${rPath}.scopeSpans[${s}]`;
      if (!isObject(scopeSpans)) return decoder.problem(sPath, `expected an object, got ${shown(scopeSpans)}`);
      const scopeValue = isObject(scopeSpans.scope) ? scopeSpans.scope : {};
      if (scopeSpans.scope !== undefined && !isObject(scopeSpans.scope)) decoder.problem(`${sPath}.scope`, `expected { name, version }, got ${shown(scopeSpans.scope)}`);
      if (scopeValue.name !== undefined && typeof scopeValue.name !== 'string') decoder.problem(`${sPath}.scope.name`, `expected a string, got ${shown(scopeValue.name)}`);
      if (scopeValue.version !== undefined && typeof scopeValue.version !== 'string') decoder.problem(`${sPath}.scope.version`, `expected a string, got ${shown(scopeValue.version)}`);
      const scope = { name: String(scopeValue.name ?? ''), ...(typeof scopeValue.version === 'string' ? { version: scopeValue.version } : {}) };
      decoder.array(scopeSpans.spans, `${sPath}.spans`).forEach((span, i) => {
        const path = `${sPath}.spans[${i}]`;
        const decoded = decoder.span(span, path, resource, scope);
        if (decoded) spans.push({ ...decoded, path });
      });
    });
  });

  const byTrace = new Map<string, Set<string>>();
  for (const span of spans) {
    const ids = byTrace.get(span.traceId) ?? new Set<string>();
    if (span.spanId && ids.has(span.spanId)) decoder.problem(`${span.path}.spanId`, `duplicate span id ${span.spanId} in trace ${span.traceId}`);
    ids.add(span.spanId);
    byTrace.set(span.traceId, ids);
  }
  for (const span of spans) {
    if (span.parentSpanId === span.spanId && span.spanId) decoder.problem(`${span.path}.parentSpanId`, 'a span cannot be its own parent');
    else if (span.parentSpanId && !byTrace.get(span.traceId)?.has(span.parentSpanId)) decoder.problem(`${span.path}.parentSpanId`, `parent ${span.parentSpanId} is not in this batch (trace ${span.traceId})`);
  }
  return { spans: spans.map(({ path: _path, ...span }) => span), problems: decoder.problems };
}
