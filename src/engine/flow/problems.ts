/**
 * Problems found in a flow document, each with the JSON path it concerns.
 *
 * Paths: `$` is the document itself; anything inside it is written without the `$`, e.g.
 * `nodes[3].config.model`, `settings.concurrency`, `nodes[0].config["odd key"]`.
 * Messages read as the continuation of the path: `nodes[3].config.model: expected string, got number`.
 */
import type { z } from 'zod';

export interface FlowProblem {
  path: string;
  message: string;
}

export type PathSegment = string | number;

export const ROOT_PATH = '$';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${String(segment)}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || ROOT_PATH;
}

/** Appends segments to an already formatted path. */
export function joinPath(base: string, segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return base;
  const tail = formatPath(segments);
  if (base === ROOT_PATH || base === '') return tail;
  return tail.startsWith('[') ? base + tail : `${base}.${tail}`;
}

/**
 * A path built while walking a document and formatted only when a problem needs it (most walks
 * find none, and formatting every path on the way costs more than the walk).
 */
export type LazyPath = { readonly base: string } | { readonly up: LazyPath; readonly key: string | number };

export function lazyAt(up: LazyPath, key: string | number): LazyPath {
  return { up, key };
}

export function formatLazyPath(path: LazyPath): string {
  const keys: (string | number)[] = [];
  let p = path;
  while ('up' in p) {
    keys.push(p.key);
    p = p.up;
  }
  return joinPath(p.base, keys.reverse());
}

/** `nodes[3].config.model: expected string, got number` */
export function formatProblem(problem: FlowProblem): string {
  return `${problem.path}: ${problem.message}`;
}

/** A short description of a value's type, for "expected X, got Y". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return 'number';
  }
  return typeof value;
}

/** A short, safe preview of a value for messages (strings are cut, objects summarised). */
export function preview(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return describeType(value);
}

const EXPECTED_NAMES: Record<string, string> = {
  int: 'integer',
  record: 'object',
  map: 'object',
};

const SIZE_UNITS: Record<string, [string, string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
  file: ['byte', 'bytes'],
};

function sizeMessage(issue: { origin?: unknown; inclusive?: boolean }, limit: unknown, small: boolean): string {
  const origin = typeof issue.origin === 'string' ? issue.origin : 'value';
  const units = SIZE_UNITS[origin];
  const n = typeof limit === 'bigint' ? limit.toString() : String(limit);
  if (units) {
    const unit = n === '1' ? units[0] : units[1];
    if (small && n === '1' && origin === 'string') return 'must not be empty';
    if (small && n === '1' && origin === 'array') return 'must have at least 1 item';
    return `must have ${small ? 'at least' : 'at most'} ${n} ${unit}`;
  }
  const inclusive = issue.inclusive !== false;
  if (small) return inclusive ? `must be at least ${n}` : `must be greater than ${n}`;
  return inclusive ? `must be at most ${n}` : `must be less than ${n}`;
}

/**
 * A zod error map producing the messages above. Messages written in a schema itself (e.g.
 * `.min(1, 'must not be empty')`) take precedence over this map, as zod defines.
 */
export const flowErrorMap: z.core.$ZodErrorMap = (issue) => {
  const input: unknown = issue.input;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      if (input === undefined) return `missing (expected ${expected})`;
      const got = issue.expected === 'int' && typeof input === 'number' ? String(input) : describeType(input);
      return `expected ${expected}, got ${got}`;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => (typeof v === 'bigint' ? v.toString() : JSON.stringify(v) ?? String(v)));
      const expected = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
      return input === undefined ? `missing (expected ${expected})` : `expected ${expected}, got ${preview(input)}`;
    }
    case 'too_small':
      return sizeMessage(issue, issue.minimum, true);
    case 'too_big':
      return sizeMessage(issue, issue.maximum, false);
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? `must match ${issue.pattern}` : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return 'unknown field';
    case 'invalid_union':
      return input === undefined ? 'missing' : `does not match any of the allowed forms (got ${describeType(input)})`;
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    default:
      return undefined;
  }
};

/**
 * Turns zod issues into problems under `basePath`. An unrecognized-keys issue becomes one problem
 * per key, at the key's own path (`nodes[0].apiKey: unknown field`).
 */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], basePath: string = ROOT_PATH): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ path: joinPath(basePath, [...issue.path, key]), message: 'unknown field' });
      }
      continue;
    }
    problems.push({ path: joinPath(basePath, issue.path), message: issue.message });
  }
  return problems;
}

/** Runs a schema with the flow error map; never throws (a throwing refinement becomes a problem). */
export function validateWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  basePath: string = ROOT_PATH,
): { ok: true; data: z.output<S> } | { ok: false; problems: FlowProblem[] } {
  try {
    const result = schema.safeParse(value, { error: flowErrorMap });
    if (result.success) return { ok: true, data: result.data };
    return { ok: false, problems: issuesToProblems(result.error.issues, basePath) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: basePath, message: `could not be checked: ${reason}` }] };
  }
}
