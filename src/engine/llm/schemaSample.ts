/**
 * Builds a JSON value that satisfies a JSON Schema, deterministically, with values derived from a
 * text (the user's message). Used by the scripted demo responder for structured outputs and tool
 * arguments. Covers what model output schemas use: objects (every property, required or not),
 * arrays (1-2 items within min/max), tuples, enums, const, strings (formats, length, simple
 * patterns), numbers within bounds and multipleOf, booleans, local $ref/$defs (also recursive),
 * allOf (merged) and anyOf/oneOf (the first branch that is not just null).
 */
import { isPlainObject, type JsonValue } from '../util/json';
import { chooseEnum, sampleBoolean, sampleNumber, sampleString, type SampleState } from './schemaValues';
import { stableHash } from './scriptedText';

type Schema = Record<string, unknown>;

/** Past this depth, optional properties and optional array items are left out (recursive schemas end). */
const SOFT_DEPTH = 6;
/** Past this depth the sampler gives up with null rather than recursing forever. */
const HARD_DEPTH = 40;
/** At most this many values in one answer; past it, only minimal values (empty arrays, required properties). */
const NODE_BUDGET = 5000;

export function sampleFromSchema(schema: unknown, options: { text: string; seed?: string }): JsonValue {
  const state: SampleState = { text: options.text, seed: options.seed ?? '', root: schema, budget: NODE_BUDGET };
  return sample(schema, '', '$', 0, state);
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isPlainObject(node)) node = node[part];
    else return undefined;
  }
  return node;
}

function merge(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a, ...b };
  if (isPlainObject(a.properties) || isPlainObject(b.properties)) {
    out.properties = { ...(isPlainObject(a.properties) ? a.properties : {}), ...(isPlainObject(b.properties) ? b.properties : {}) };
  }
  if (Array.isArray(a.required) || Array.isArray(b.required)) {
    out.required = [...new Set([...(Array.isArray(a.required) ? a.required : []), ...(Array.isArray(b.required) ? b.required : [])])];
  }
  for (const key of ['minimum', 'minLength', 'minItems', 'minProperties'] as const) {
    if (typeof a[key] === 'number' && typeof b[key] === 'number') out[key] = Math.max(a[key], b[key]);
  }
  for (const key of ['maximum', 'maxLength', 'maxItems', 'maxProperties'] as const) {
    if (typeof a[key] === 'number' && typeof b[key] === 'number') out[key] = Math.min(a[key], b[key]);
  }
  return out;
}

/** A schema that allows only null (following $ref, not combinators). */
function isNullOnly(schema: unknown, state: SampleState): boolean {
  let s = schema;
  for (let i = 0; i < 10 && isPlainObject(s) && typeof s.$ref === 'string'; i += 1) s = resolveRef(state.root, s.$ref);
  return isPlainObject(s) && (s.type === 'null' || ('const' in s && s.const === null));
}

function hasRef(schema: unknown): boolean {
  return JSON.stringify(schema ?? null).includes('"$ref"');
}

/**
 * The anyOf/oneOf branch to follow: the first that is not just null; deep in a recursive schema
 * (or out of budget), the null branch or one without references, so recursion ends.
 */
function pickBranch(branches: unknown[], state: SampleState, deep: boolean): unknown {
  if (deep) {
    const ending = branches.find((b) => isNullOnly(b, state)) ?? branches.find((b) => !hasRef(b));
    if (ending !== undefined) return ending;
  }
  return branches.find((branch) => !isNullOnly(branch, state)) ?? branches[0];
}

/** Resolves $ref, allOf and anyOf/oneOf into one plain schema (or a boolean schema). */
function effective(schema: unknown, state: SampleState, deep: boolean, guard = 0): unknown {
  if (!isPlainObject(schema) || guard > 24) return schema;
  if (typeof schema.$ref === 'string') {
    const { $ref, ...siblings } = schema;
    const target = resolveRef(state.root, $ref);
    const resolved = effective(target, state, deep, guard + 1);
    if (resolved === false) return false;
    return effective(merge(isPlainObject(resolved) ? resolved : {}, siblings), state, deep, guard + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    let acc: Schema = effective(rest, state, deep, guard + 1) as Schema;
    for (const part of allOf) {
      const resolved = effective(part, state, deep, guard + 1);
      if (isPlainObject(resolved)) acc = merge(acc, resolved);
    }
    return acc;
  }
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (branches && branches.length > 0) {
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
    const resolved = effective(pickBranch(branches, state, deep), state, deep, guard + 1);
    return effective(merge(rest, isPlainObject(resolved) ? resolved : {}), state, deep, guard + 1);
  }
  return schema;
}

function pickType(schema: Schema, deep: boolean): string {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    if (deep && type.includes('null')) return 'null';
    return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  }
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema || 'minProperties' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema || 'minItems' in schema || 'contains' in schema) return 'array';
  if ('minimum' in schema || 'maximum' in schema || 'multipleOf' in schema || 'exclusiveMinimum' in schema || 'exclusiveMaximum' in schema) return 'number';
  return 'string';
}

function sample(schema: unknown, name: string, path: string, depth: number, state: SampleState): JsonValue {
  if (depth > HARD_DEPTH) return null;
  state.budget -= 1;
  const deep = isDeep(depth, state);
  const s = effective(schema, state, deep);
  if (s === false) return null;
  if (!isPlainObject(s)) return sampleString({}, name, path, state);
  if ('const' in s) return s.const as JsonValue;
  if (Array.isArray(s.enum) && s.enum.length > 0) return chooseEnum(s.enum, path, state);
  switch (pickType(s, deep)) {
    case 'null':
      return null;
    case 'boolean':
      return sampleBoolean(name, path, state);
    case 'integer':
      return sampleNumber(s, true, name, path, state);
    case 'number':
      return sampleNumber(s, false, name, path, state);
    case 'array':
      return sampleArray(s, name, path, depth, state);
    case 'object':
      return sampleObject(s, path, depth, state);
    default:
      return sampleString(s, name, path, state);
  }
}

function isDeep(depth: number, state: SampleState): boolean {
  return depth >= SOFT_DEPTH || state.budget <= 0;
}

function hasChoice(schema: unknown, state: SampleState, deep: boolean): boolean {
  const s = effective(schema, state, deep);
  return isPlainObject(s) && Array.isArray(s.enum) && s.enum.length > 0;
}

function sampleObject(s: Schema, path: string, depth: number, state: SampleState): JsonValue {
  const props = isPlainObject(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  const deep = isDeep(depth, state);
  const names = Object.keys(props).filter((n) => !deep || required.includes(n));
  // Choices first, so that a "reason" property can explain the choice whatever the order.
  const choiceNames = names.filter((n) => hasChoice(props[n], state, deep));
  const values = new Map<string, JsonValue>();
  let firstChoice: SampleState['choice'];
  for (const n of choiceNames) {
    values.set(n, sample(props[n], n, `${path}.${n}`, depth + 1, state));
    firstChoice ??= state.choice;
  }
  for (const n of names) {
    if (values.has(n)) continue;
    if (firstChoice) state.choice = firstChoice;
    values.set(n, sample(props[n], n, `${path}.${n}`, depth + 1, state));
  }
  const out: Record<string, JsonValue> = {};
  for (const n of names) out[n] = values.get(n) ?? null;
  const extra: unknown = s.additionalProperties === false ? false : (s.additionalProperties ?? true);
  for (const n of required) {
    if (!(n in out)) out[n] = extra === false ? null : sample(extra, n, `${path}.${n}`, depth + 1, state);
  }
  const minProperties = typeof s.minProperties === 'number' ? s.minProperties : 0;
  for (let i = 1; Object.keys(out).length < minProperties && extra !== false && i < 1000; i += 1) {
    const key = `extra_${i}`;
    if (!(key in out)) out[key] = sample(extra, key, `${path}.${key}`, depth + 1, state);
  }
  if (typeof s.maxProperties === 'number') {
    for (const n of Object.keys(out).reverse()) {
      if (Object.keys(out).length <= s.maxProperties) break;
      if (!required.includes(n)) delete out[n];
    }
  }
  return out;
}

function sampleArray(s: Schema, name: string, path: string, depth: number, state: SampleState): JsonValue {
  const tuple = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : [];
  const rest: unknown = Array.isArray(s.items) ? (s.additionalItems ?? true) : Array.isArray(s.prefixItems) ? (s.items ?? true) : (s.items ?? true);
  const minItems = typeof s.minItems === 'number' ? s.minItems : 0;
  const maxItems = typeof s.maxItems === 'number' ? s.maxItems : Infinity;
  let count = isDeep(depth, state) ? 0 : 1 + (stableHash(`${state.seed}|len|${path}`) % 2);
  count = Math.max(count, minItems, tuple.length, s.contains !== undefined ? 1 : 0);
  if (rest === false) count = Math.min(count, tuple.length);
  count = Math.min(count, maxItems);
  const unique = s.uniqueItems === true;
  const items: JsonValue[] = [];
  const seen = new Set<string>();
  const previousVariant = state.variant;
  for (let attempts = 0; items.length < count && attempts < count + 10; attempts += 1) {
    const index = items.length;
    const itemSchema = index < tuple.length ? tuple[index] : index === 0 && s.contains !== undefined ? s.contains : rest;
    state.variant = attempts;
    let value = sample(itemSchema, singular(name), `${path}[${attempts}]`, depth + 1, state);
    const key = JSON.stringify(value);
    if (unique && seen.has(key)) {
      if (typeof value !== 'string' || index < tuple.length) continue;
      value = `${value} (${index + 1})`;
      const max = isPlainObject(rest) && typeof rest.maxLength === 'number' ? rest.maxLength : Infinity;
      if (value.length > max || seen.has(JSON.stringify(value))) continue;
    }
    seen.add(JSON.stringify(value));
    items.push(value);
  }
  state.variant = previousVariant;
  return items;
}

function singular(name: string): string {
  if (/ies$/.test(name)) return name.replace(/ies$/, 'y');
  if (/(ss|us)$/.test(name)) return name;
  return name.replace(/s$/, '');
}
