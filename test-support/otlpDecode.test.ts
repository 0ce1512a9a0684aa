// The strict OTLP/HTTP JSON decoder of the test receiver: valid shapes decode to plain values,
// and every malformed part is reported with its path.
import { describe, expect, it } from 'vitest';
import { decodeOtlpTraces } from './otlpDecode';

const TRACE = 'a'.repeat(32);
const span = (overrides: Record<string, unknown> = {}) => ({ traceId: TRACE, spanId: '1'.repeat(16), name: 'root', kind: 1, startTimeUnixNano: '1000', endTimeUnixNano: '2000', ...overrides });
const batch = (...spans: unknown[]) => ({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'trellis' } }] }, scopeSpans: [{ scope: { name: 's', version: '1' }, spans }] }] });
const at = (i: number, rest: string) => `resourceSpans[0].scopeSpans[0].spans[${i}].${rest}`;

describe('decodeOtlpTraces', () => {
  it('decodes every attribute value shape, events, status and parents', () => {
    const attributes = [
      { key: 's', value: { stringValue: 'x' } },
      { key: 'b', value: { boolValue: false } },
      { key: 'i', value: { intValue: '-42' } },
      { key: 'big', value: { intValue: '9223372036854775807' } },
      { key: 'd', value: { doubleValue: 0.5 } },
      { key: 'a', value: { arrayValue: { values: [{ stringValue: 'stop' }, { intValue: '1' }] } } },
      { key: 'kv', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } } },
      { key: 'empty', value: { arrayValue: {} } },
    ];
    const child = span({ spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16), name: 'child', kind: 3, status: { code: 2, message: 'boom' }, events: [{ timeUnixNano: '1500', name: 'e', attributes }] });
    const { spans, problems } = decodeOtlpTraces(batch(span({ attributes, status: { code: 1 } }), child));
    expect(problems).toEqual([]);
    expect(spans[0]).toMatchObject({ parentSpanId: null, status: { code: 1 }, resource: { 'service.name': 'trellis' }, scope: { name: 's', version: '1' } });
    expect(spans[0]!.attributes).toEqual({ s: 'x', b: false, i: -42, big: '9223372036854775807', d: 0.5, a: ['stop', 1], kv: { k: true }, empty: [] });
    expect(spans[1]).toMatchObject({ parentSpanId: '1'.repeat(16), kind: 3, status: { code: 2, message: 'boom' }, events: [{ name: 'e', timeUnixNano: '1500' }] });
  });

  it('reports each malformed part with its path', () => {
    const { problems } = decodeOtlpTraces(
      batch(
        span({ kind: 7, endTimeUnixNano: '999', status: { code: 3 }, attributes: [{ key: 'x', value: { stringValue: 'a', intValue: '1' } }, { key: 'x', value: { doubleValue: 'NaN' } }, { key: '', value: {} }] }),
        span({ traceId: TRACE.toUpperCase(), name: '', events: [{ name: '', timeUnixNano: '1.5' }] }),
        span({ spanId: '3'.repeat(16), parentSpanId: '3'.repeat(16), startTimeUnixNano: '99999999999999999999' }),
        span({ spanId: '4'.repeat(16), parentSpanId: 'xyz', attributes: [{ key: 'v', value: { arrayValue: { values: [{ unknownValue: 1 }] } } }] }),
      ),
    );
    expect(problems).toEqual([
      at(0, 'kind: expected a SpanKind integer 0-5, got 7'),
      at(0, 'endTimeUnixNano: ends (999) before it starts (1000)'),
      at(0, 'status.code: expected a StatusCode integer 0-2, got 3'),
      at(0, 'attributes[0].value: an AnyValue holds exactly one of stringValue, boolValue, intValue, doubleValue, arrayValue, kvlistValue, bytesValue; found stringValue, intValue'),
      at(0, 'attributes[1].key: duplicate attribute "x"'),
      at(0, 'attributes[1].value.doubleValue: expected a finite number, got "NaN"'),
      at(0, 'attributes[2].key: expected a non-empty string, got ""'),
      at(1, `traceId: expected 32 lowercase hex digits, got "${TRACE.toUpperCase()}"`),
      at(1, 'name: expected a non-empty string, got ""'),
      at(1, 'events[0].name: expected a non-empty string, got ""'),
      at(1, 'events[0].timeUnixNano: expected nanoseconds since the epoch as a decimal string, got "1.5"'),
      at(2, 'startTimeUnixNano: does not fit in 64 bits'),
      at(2, 'endTimeUnixNano: ends (2000) before it starts (99999999999999999999)'),
      at(3, 'parentSpanId: expected 16 lowercase hex digits (or nothing for a root span), got "xyz"'),
      at(3, 'attributes[0].value.arrayValue.values[0]: unknown AnyValue field(s) unknownValue'),
      at(3, 'attributes[0].value.arrayValue.values[0]: an AnyValue holds exactly one of stringValue, boolValue, intValue, doubleValue, arrayValue, kvlistValue, bytesValue; found none'),
      at(2, 'parentSpanId: a span cannot be its own parent'),
    ]);
  });

  it('reports duplicate span ids, a missing batch shape, and a body that is not an object', () => {
    expect(decodeOtlpTraces(batch(span(), span())).problems).toEqual([at(1, `spanId: duplicate span id ${'1'.repeat(16)} in trace ${TRACE}`)]);
    expect(decodeOtlpTraces({}).problems).toEqual(['resourceSpans: expected an array, got undefined']);
    expect(decodeOtlpTraces({ resourceSpans: [{ scopeSpans: [{ spans: 'no' }] }] }).problems).toEqual(['resourceSpans[0].scopeSpans[0].spans: expected an array, got "no"']);
    expect(decodeOtlpTraces([]).problems).toEqual(['(body): expected an ExportTraceServiceRequest object, got []']);
  });
});
