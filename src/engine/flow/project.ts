/**
 * The allowlist projection of a flow document: what export writes and import keeps.
 *
 * - Structural fields: only those the flow schema declares (a stray `apiKey` on settings, a node
 *   or an edge is left out). Follows the schema, so a field added to it is exported too.
 * - Node configs of a known kind: only the fields the kind's config schema declares, at every
 *   depth (read from the zod schema, then confirmed by parsing). Values are never rewritten:
 *   defaults are not filled in, so exporting does not change what a flow says.
 * - Node configs of an unknown kind: kept as data, except keys that look like secrets.
 * - Positions are rounded to 0.1; numbers are plain (-0 -> 0, non-finite -> null).
 */
import type { z } from 'zod';
import { getNodeKind } from '../nodes/registry';
import { isPlainObject } from '../util/json';
import { cloneJson, setOwn } from './jsonData';
import { formatLazyPath, lazyAt, type FlowProblem, type LazyPath } from './problems';
import { flowSchema, type FlowDoc } from './schema';

export interface KindResolver {
  (kind: string): { configSchema: z.ZodType } | undefined;
}

export interface ProjectOptions {
  /** Finds a node kind's config schema; default: the node registry. */
  resolveKind?: KindResolver;
  /** Told about every field left out, with its path (never its value). */
  onDrop?: (problem: FlowProblem) => void;
}

/** Config keys dropped from configs of unknown kinds, which have no schema to go by. */
export const SECRET_LOOKING_KEY =
  /^(api[-_]?key|secret|client[-_]?secret|password|passwd|pass[-_]?phrase|(access|refresh|auth|bearer)[-_]?token|token|bearer|authorization|private[-_]?key|credentials?)$/i;

type Def = { type: string } & Record<string, unknown>;
type Where = LazyPath;
type Drop = (where: Where, message: string) => void;
const at = lazyAt;
const formatWhere = formatLazyPath;

function defOf(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);
const MAX_SCHEMA_STEPS = 1000;
const UNKNOWN_FIELD = 'unknown field; left out';

function matchesShape(schema: z.ZodType, value: unknown): boolean {
  try {
    return schema.safeParse(value).success;
  } catch {
    return false;
  }
}

/** Keeps only what `schema` declares, walking the schema and the value together. */
function shapeBySchema(schema: z.ZodType, value: unknown, where: Where, drop: Drop, steps: number): unknown {
  if (steps > MAX_SCHEMA_STEPS) return cloneJson(value);
  const def = defOf(schema);
  const n = steps + 1;
  if (WRAPPERS.has(def.type)) return shapeBySchema(def.innerType as z.ZodType, value, where, drop, n);
  switch (def.type) {
    case 'pipe':
      return shapeBySchema(def.in as z.ZodType, value, where, drop, n);
    case 'lazy':
      return shapeBySchema((def.getter as () => z.ZodType)(), value, where, drop, n);
    case 'object': {
      if (!isPlainObject(value)) return cloneJson(value);
      const shape = def.shape as Record<string, z.ZodType>;
      const catchall = def.catchall as z.ZodType | undefined;
      const open = catchall !== undefined && defOf(catchall).type !== 'never';
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (item === undefined) continue;
        const field = Object.hasOwn(shape, key) ? shape[key] : open ? catchall : undefined;
        if (field === undefined) drop(at(where, key), UNKNOWN_FIELD);
        else setOwn(out, key, shapeBySchema(field, item, at(where, key), drop, n));
      }
      return out;
    }
    case 'record': {
      if (!isPlainObject(value)) return cloneJson(value);
      const valueType = def.valueType as z.ZodType;
      if (defOf(valueType).type === 'unknown') return cloneJson(value);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (value[key] !== undefined) setOwn(out, key, shapeBySchema(valueType, value[key], at(where, key), drop, n));
      }
      return out;
    }
    case 'array': {
      if (!Array.isArray(value)) return cloneJson(value);
      const element = def.element as z.ZodType;
      return value.map((item: unknown, i) => shapeBySchema(element, item, at(where, i), drop, n));
    }
    case 'tuple': {
      if (!Array.isArray(value)) return cloneJson(value);
      const items = def.items as z.ZodType[];
      const rest = def.rest as z.ZodType | null | undefined;
      return value.map((item: unknown, i) => {
        const inner = items[i] ?? rest;
        return inner ? shapeBySchema(inner, item, at(where, i), drop, n) : cloneJson(item);
      });
    }
    case 'union': {
      const options = def.options as z.ZodType[];
      const match = options.find((option) => matchesShape(option, value));
      return match ? shapeBySchema(match, value, where, drop, n) : cloneJson(value);
    }
    case 'intersection': {
      const left = shapeBySchema(def.left as z.ZodType, value, where, drop, n);
      const right = shapeBySchema(def.right as z.ZodType, value, where, () => {}, n);
      if (!isPlainObject(left) || !isPlainObject(right)) return left;
      const merged = { ...left };
      for (const key of Object.keys(right)) if (!Object.hasOwn(merged, key)) setOwn(merged, key, right[key]);
      return merged;
    }
    default:
      return cloneJson(value);
  }
}

/** Keeps only the parts of `input` that survived zod's parse into `output` (nothing rewritten). */
function pruneTo(input: unknown, output: unknown, where: Where, drop: Drop): unknown {
  if (isPlainObject(input) && isPlainObject(output)) {
    let out: Record<string, unknown> | undefined;
    const keys = Object.keys(input);
    for (const [index, key] of keys.entries()) {
      if (!Object.hasOwn(output, key)) {
        drop(at(where, key), UNKNOWN_FIELD);
        if (!out) {
          out = {};
          for (const kept of keys.slice(0, index)) setOwn(out, kept, input[kept]);
        }
        continue;
      }
      const item = pruneTo(input[key], output[key], at(where, key), drop);
      if (!out && item !== input[key]) {
        out = {};
        for (const kept of keys.slice(0, index)) setOwn(out, kept, input[kept]);
      }
      if (out) setOwn(out, key, item);
    }
    return out ?? input;
  }
  if (Array.isArray(input) && Array.isArray(output) && input.length === output.length) {
    let changed = false;
    const items = input.map((item: unknown, i) => {
      const pruned = pruneTo(item, output[i], at(where, i), drop);
      if (pruned !== item) changed = true;
      return pruned;
    });
    return changed ? items : input;
  }
  return input;
}

function dropSecrets(value: unknown, where: Where, drop: Drop): unknown {
  if (Array.isArray(value)) return value.map((item: unknown, i) => dropSecrets(item, at(where, i), drop));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (SECRET_LOOKING_KEY.test(key)) drop(at(where, key), 'looks like a secret; left out');
    else setOwn(out, key, dropSecrets(value[key], at(where, key), drop));
  }
  return out;
}

/** A node config cut down to what its kind declares (see the module comment). */
export function projectConfig(
  schema: z.ZodType | undefined,
  config: unknown,
  path: string = '$',
  onDrop?: (problem: FlowProblem) => void,
): Record<string, unknown> {
  return configAt(schema, config, { base: path }, toDrop(onDrop));
}

function toDrop(onDrop: ((problem: FlowProblem) => void) | undefined): Drop {
  return onDrop ? (where, message) => onDrop({ path: formatWhere(where), message }) : () => {};
}

function configAt(schema: z.ZodType | undefined, config: unknown, where: Where, drop: Drop): Record<string, unknown> {
  if (!isPlainObject(config)) {
    if (config !== undefined) drop(where, 'not an object; written as {}');
    return {};
  }
  if (!schema) return dropSecrets(cloneJson(config), where, drop) as Record<string, unknown>;
  const shaped = shapeBySchema(schema, config, where, drop, 0);
  let result = shaped;
  try {
    const parsed = schema.safeParse(shaped);
    if (parsed.success) result = pruneTo(shaped, parsed.data, where, drop);
  } catch {
    // a schema that throws on this value: keep what the schema walk kept
  }
  return isPlainObject(result) ? result : {};
}

/** Rounds a canvas coordinate to 0.1 (non-finite values are left to the schema to report). */
export function roundPosition(value: number): number {
  if (!Number.isFinite(value)) return value;
  const scaled = Math.round(value * 10) / 10;
  return Number.isFinite(scaled) ? scaled + 0 : value + 0;
}

/** The allowlist projection of a flow document (a fresh object; the input is not changed). */
export function projectFlow(flow: FlowDoc, options: ProjectOptions = {}): FlowDoc {
  const resolveKind = options.resolveKind ?? getNodeKind;
  const drop = toDrop(options.onDrop);
  const root: Where = { base: '$' };
  const doc = shapeBySchema(flowSchema, flow, root, drop, 0) as Record<string, unknown>;
  const nodes: unknown[] = Array.isArray(doc.nodes) ? doc.nodes : [];
  nodes.forEach((node, i) => {
    if (!isPlainObject(node)) return;
    const position = node.position;
    if (isPlainObject(position)) {
      if (typeof position.x === 'number') position.x = roundPosition(position.x);
      if (typeof position.y === 'number') position.y = roundPosition(position.y);
    }
    const kind = typeof node.kind === 'string' ? resolveKind(node.kind) : undefined;
    node.config = configAt(kind?.configSchema, node.config, at(at(at(root, 'nodes'), i), 'config'), drop);
  });
  return doc as unknown as FlowDoc;
}
