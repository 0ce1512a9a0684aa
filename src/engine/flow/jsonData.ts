/**
 * Plain JSON data: checking that an arbitrary value is JSON data (for `importFlow` given an
 * object rather than text), and cloning it into fresh plain objects.
 */
import { isPlainObject } from '../util/json';
import { formatLazyPath, lazyAt, type FlowProblem, type LazyPath } from './problems';

/** Deepest nesting an imported document may have (the document itself is depth 1). */
export const MAX_NESTING = 100;
/** Most values (objects, arrays and primitives together) an imported document may have. */
export const MAX_VALUES = 5_000_000;

/** Sets an own, enumerable property, even one named `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * A fresh copy of JSON-like data: `undefined`, functions and symbols are left out of objects and
 * become `null` in arrays, NaN and ±Infinity become `null`, `-0` becomes `0`.
 */
export function cloneJson(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (Array.isArray(value)) return value.map((item: unknown) => (isAbsent(item) ? null : cloneJson(item)));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (!isAbsent(item)) setOwn(out, key, cloneJson(item));
    }
    return out;
  }
  return null;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

type ReadResult = { ok: true; value: unknown } | { ok: false; problems: FlowProblem[] };

/**
 * Checks that `value` is JSON data (no functions, class instances, cycles, non-finite numbers,
 * excessive nesting or size) and returns a fresh copy. Object properties that are `undefined`
 * count as absent, as in JSON.
 */
export function readJsonData(value: unknown, maxProblems = 50): ReadResult {
  return walkJsonData(value, maxProblems, true);
}

/**
 * Checks the nesting and size of a value fresh from JSON.parse (which is JSON data by
 * construction) without copying it.
 */
export function checkParsedJson(value: unknown, maxProblems = 50): ReadResult {
  return walkJsonData(value, maxProblems, false);
}

function walkJsonData(value: unknown, maxProblems: number, copy: boolean): ReadResult {
  const problems: FlowProblem[] = [];
  const ancestors = new Set<object>();
  let count = 0;
  let stopped = false;

  const fail = (path: LazyPath, message: string): null => {
    if (problems.length < maxProblems) problems.push({ path: formatLazyPath(path), message });
    else stopped = true;
    return null;
  };

  const visit = (item: unknown, path: LazyPath, depth: number): unknown => {
    if (stopped) return null;
    count += 1;
    if (count > MAX_VALUES) {
      stopped = true;
      problems.push({ path: '$', message: `the document is too large (more than ${MAX_VALUES.toLocaleString('en-US')} values)` });
      return null;
    }
    if (item === null || typeof item === 'string' || typeof item === 'boolean') return item;
    if (typeof item === 'number') return Number.isFinite(item) ? item + 0 : fail(path, `${String(item)} is not a JSON number`);
    if (typeof item !== 'object') return fail(path, `a ${typeof item} is not JSON data`);
    if (ancestors.has(item)) return fail(path, 'circular reference: the value contains itself');
    if (depth > MAX_NESTING) {
      stopped = true;
      problems.push({ path: formatLazyPath(path), message: `nested too deeply (more than ${MAX_NESTING} levels)` });
      return null;
    }
    if (!Array.isArray(item) && !isPlainObject(item)) return fail(path, 'not JSON data');
    const proto: unknown = Object.getPrototypeOf(item);
    if (!Array.isArray(item) && proto !== Object.prototype && proto !== null) {
      return fail(path, `not JSON data (a ${(item as { constructor?: { name?: string } }).constructor?.name ?? 'class'} instance)`);
    }
    if (!copy) {
      if (Array.isArray(item)) for (const [index, element] of item.entries()) visit(element, lazyAt(path, index), depth + 1);
      else for (const key of Object.keys(item)) visit((item as Record<string, unknown>)[key], lazyAt(path, key), depth + 1);
      return item;
    }
    ancestors.add(item);
    let out: unknown;
    if (Array.isArray(item)) {
      out = item.map((element: unknown, index) => visit(element, lazyAt(path, index), depth + 1));
    } else {
      const record: Record<string, unknown> = {};
      for (const key of Object.keys(item)) {
        const child = (item as Record<string, unknown>)[key];
        if (child !== undefined) setOwn(record, key, visit(child, lazyAt(path, key), depth + 1));
      }
      out = record;
    }
    ancestors.delete(item);
    return out;
  };

  const result = visit(value, { base: '$' }, 1);
  if (problems.length > 0) {
    if (stopped && problems.length >= maxProblems) problems.push({ path: '$', message: 'more problems not shown' });
    return { ok: false, problems };
  }
  return { ok: true, value: result };
}
