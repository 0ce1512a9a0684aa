/**
 * Code that runs inside the QuickJS context before the user's code, and helpers to read what
 * the context threw. The prelude keeps its own references to JSON, Array and Object, so user
 * code that replaces them cannot fool the checks on what it returns.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

/**
 * A function of the host's log callback. It installs `console` (lines formatted inside the
 * sandbox, handed to the host as one string) and returns `{ call, encode }`:
 * - `call(fn, json)` calls the entry function with the JSON-decoded arguments;
 * - `encode(value)` returns `{"value": ...}` as JSON text, or `{"problem": "result.x is ..."}`
 *   when the value is not plain JSON data (functions, undefined, NaN, class instances, cycles).
 */
export const PRELUDE = String.raw`(function (hostLog) {
  'use strict';
  const stringify = JSON.stringify, parse = JSON.parse, isArray = Array.isArray, keysOf = Object.keys;
  const getProto = Object.getPrototypeOf, objectProto = Object.prototype, isFiniteNumber = Number.isFinite;
  const toText = String, ErrorType = Error, DateType = Date;
  const show = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof ErrorType) return value.name + ': ' + value.message;
    if (typeof value === 'function') return '[function ' + (value.name || 'anonymous') + ']';
    if (value === undefined || typeof value === 'symbol' || typeof value === 'bigint') return toText(value);
    try { const text = stringify(value); return text === undefined ? toText(value) : text; }
    catch (error) { try { return toText(value); } catch (again) { return '[unprintable]'; } }
  };
  const line = (level) => function (...args) { hostLog(level, args.map(show).join(' ')); };
  globalThis.console = { log: line('log'), info: line('info'), debug: line('debug'), warn: line('warn'), error: line('error') };

  const problem = (value, path, seen) => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
    if (typeof value === 'number') return isFiniteNumber(value) ? null : path + ' is ' + value + ', which JSON cannot hold';
    if (typeof value !== 'object') return path + ' is ' + (value === undefined ? 'undefined' : 'a ' + typeof value);
    if (seen.indexOf(value) >= 0) return path + ' refers back to itself (a circular reference)';
    if (value instanceof DateType) return path + ' is a Date; return date.toISOString() instead';
    seen.push(value);
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (value[i] === undefined) continue;
        const found = problem(value[i], path + '[' + i + ']', seen);
        if (found) return found;
      }
    } else {
      const proto = getProto(value);
      if (proto !== objectProto && proto !== null) {
        const name = value.constructor && value.constructor.name;
        return path + ' is ' + (name ? 'a ' + name : 'an object') + ', not plain data';
      }
      for (const key of keysOf(value)) {
        if (value[key] === undefined) continue;
        const found = problem(value[key], /^[A-Za-z_$][\w$]*$/.test(key) ? path + '.' + key : path + '[' + stringify(key) + ']', seen);
        if (found) return found;
      }
    }
    seen.pop();
    return null;
  };

  return {
    call(fn, json) { return fn(...parse(json)); },
    encode(value) {
      if (value === undefined) return stringify({ problem: 'result is undefined' });
      const found = problem(value, 'result', []);
      if (found) return stringify({ problem: found });
      return stringify({ value: value });
    },
  };
})`;

export interface ThrownInfo {
  name: string;
  message: string;
  /** Line in the user's code, when the stack names it. */
  line: number | undefined;
}

/** Reads a thrown value (an Error or anything else) without running more user code than needed. */
export function describeThrown(vm: QuickJSContext, thrown: QuickJSHandle): ThrownInfo {
  let dumped: unknown;
  try {
    const state = vm.typeof(thrown) === 'object' ? vm.getPromiseState(thrown) : undefined;
    if (state && !(state.type === 'fulfilled' && state.notAPromise)) {
      if (state.type === 'fulfilled') state.value.dispose();
      if (state.type === 'rejected') state.error.dispose();
      return { name: '', message: 'a promise', line: undefined };
    }
    dumped = vm.dump(thrown);
  } catch {
    return { name: '', message: 'an unreadable value', line: undefined };
  }
  if (typeof dumped === 'object' && dumped !== null && 'message' in dumped) {
    const { name, message, stack } = dumped as { name?: unknown; message?: unknown; stack?: unknown };
    const match = typeof stack === 'string' ? /code\.js:(\d+)/.exec(stack) : null;
    return {
      name: typeof name === 'string' ? name : 'Error',
      message: typeof message === 'string' ? message : String(message),
      line: match ? Number(match[1]) : undefined,
    };
  }
  const text = typeof dumped === 'string' ? dumped : (JSON.stringify(dumped) ?? String(dumped));
  return { name: '', message: text.length > 500 ? `${text.slice(0, 500)}...` : text, line: undefined };
}

const MAX_LINE_CHARS = 10_000;

/** One captured console line: warnings and errors are marked. */
export function formatLogLine(level: string, text: string): string {
  const clipped = text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}... (${text.length - MAX_LINE_CHARS} more characters)` : text;
  return level === 'warn' || level === 'error' ? `${level}: ${clipped}` : clipped;
}
