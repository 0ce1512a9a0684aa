/**
 * Canonical JSON: the same value always gives the same bytes, so two exports of one flow are
 * byte-identical, diff cleanly and hash to the same version.
 *
 * - Object keys: the document's structural keys first, in a fixed order that reads naturally
 *   (`format, version, id, name, ...`), then every other key in code-unit (not locale) order.
 *   The same rule applies at every depth.
 * - 2-space indent, `\n` line ends and a trailing newline.
 * - `undefined` (and functions, symbols) are left out of objects and become `null` in arrays,
 *   as `JSON.stringify` does; `-0` is written `0`; NaN and ±Infinity are written `null`.
 */
import type { FlowDoc } from './schema';
import { projectFlow, type ProjectOptions } from './project';
import type { FlowProblem } from './problems';

export const KEY_PRIORITY: readonly string[] = [
  'format',
  'version',
  'id',
  'name',
  'description',
  'kind',
  'label',
  'source',
  'sourcePort',
  'target',
  'targetPort',
  'loop',
  'position',
  'x',
  'y',
  'config',
  'settings',
  'nodes',
  'edges',
];

const RANK = new Map(KEY_PRIORITY.map((key, index) => [key, index]));

export function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? KEY_PRIORITY.length;
  const rb = RANK.get(b) ?? KEY_PRIORITY.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function writeNumber(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (Object.is(value, -0)) return '0';
  return JSON.stringify(value);
}

function write(value: unknown, indent: string, seen: Set<object>): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return writeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint is not JSON data');
    case 'object':
      break;
    default:
      return 'null';
  }
  const obj = value as object;
  if (seen.has(obj)) throw new TypeError('canonicalJson: circular reference');
  seen.add(obj);
  const inner = `${indent}  `;
  let out: string;
  if (Array.isArray(obj)) {
    const items = obj.map((item: unknown) => inner + (isOmitted(item) ? 'null' : write(item, inner, seen)));
    out = items.length === 0 ? '[]' : `[\n${items.join(',\n')}\n${indent}]`;
  } else {
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => !isOmitted(record[key]));
    keys.sort(compareKeys);
    const entries = keys.map((key) => `${inner}${JSON.stringify(key)}: ${write(record[key], inner, seen)}`);
    out = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
  }
  seen.delete(obj);
  return out;
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;
/** Deeper than this, a walk checks for a cycle (legitimate data is far shallower). */
const CYCLE_CHECK_DEPTH = 256;

/** Sorted key orders by key set: a flow's many nodes and edges share a handful of key sets. */
const orderCache = new Map<string, string[] | null>();

/** The object's keys in canonical order, or null when one looks like an array index. */
function canonicalKeys(record: object): string[] | null {
  const keys = Object.keys(record);
  const signature = JSON.stringify(keys);
  const cached = orderCache.get(signature);
  if (cached !== undefined) return cached;
  const order = keys.some((key) => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1) ? null : keys.sort(compareKeys);
  if (orderCache.size >= 1000) orderCache.clear();
  orderCache.set(signature, order);
  return order;
}

/**
 * A copy with every object's keys inserted in canonical order, so JSON.stringify (fast, and
 * identical in format to `write`) keeps that order. Returns null when an object has an
 * array-index-like key ("0", "12"), which JS always enumerates first: `write` handles those.
 */
function sortedCopy(value: unknown, stack: object[]): { v: unknown } | null {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') return { v: value };
  if (stack.length > CYCLE_CHECK_DEPTH && stack.includes(value)) throw new TypeError('canonicalJson: circular reference');
  stack.push(value);
  let out: unknown[] | Record<string, unknown>;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value as unknown[]) {
      const copy = sortedCopy(item, stack);
      if (!copy) return null;
      items.push(copy.v);
    }
    out = items;
  } else {
    const record = value as Record<string, unknown>;
    const keys = canonicalKeys(record);
    if (!keys) return null;
    const copyRecord: Record<string, unknown> = {};
    for (const key of keys) {
      const copy = sortedCopy(record[key], stack);
      if (!copy) return null;
      if (key === '__proto__') Object.defineProperty(copyRecord, key, { value: copy.v, enumerable: true, writable: true, configurable: true });
      else copyRecord[key] = copy.v;
    }
    out = copyRecord;
  }
  stack.pop();
  return { v: out };
}

/** Canonical JSON text of a JSON-compatible value, ending with a newline. */
export function canonicalJson(value: unknown): string {
  if (isOmitted(value)) return 'null\n';
  const sorted = sortedCopy(value, []);
  return `${sorted ? JSON.stringify(sorted.v, null, 2) : write(value, '', new Set())}\n`;
}

/**
 * The flow as a file: canonical JSON of its allowlist projection (see `projectFlow`): only the
 * fields the schema knows, configs cut down to the fields their kind declares, positions rounded
 * to 0.1. Secrets cannot ride along in unknown fields. Exporting twice gives identical bytes.
 */
export function exportFlow(flow: FlowDoc, options: ProjectOptions = {}): string {
  return canonicalJson(projectFlow(flow, options));
}

/** `exportFlow`, plus the list of fields that were left out (for telling the user). */
export function exportFlowWithReport(flow: FlowDoc, options: ProjectOptions = {}): { json: string; dropped: FlowProblem[] } {
  const dropped: FlowProblem[] = [];
  const json = canonicalJson(projectFlow(flow, { ...options, onDrop: (problem) => dropped.push(problem) }));
  return { json, dropped };
}
