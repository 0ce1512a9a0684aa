/**
 * JSONata for Transform and Router: loaded on first use (it stays out of the entry bundle),
 * compiled expressions cached by their text, evaluation bounded in time and depth, results
 * turned into plain JSON, and errors that say where in the expression things went wrong.
 */
import type jsonataType from 'jsonata';
import { TrellisError } from '../util/errors';

type Jsonata = typeof jsonataType;
type Expression = ReturnType<Jsonata>;

/** Bounds of every evaluation: wall time, and nesting depth of the evaluator (runaway recursion). */
export const EXPRESSION_LIMITS = { timeoutMs: 1000, depth: 5000 } as const;

/**
 * Names JSONata binds itself ($string, $sum, $now, ...). An input bound under one of them would
 * hide the function, so inputs may not use them.
 */
export const JSONATA_FUNCTION_NAMES: ReadonlySet<string> = new Set(
  ('sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad ' +
    'match contains replace split join formatNumber formatBase formatInteger parseInteger number floor ceil round abs ' +
    'sqrt power random boolean not map zip filter single reduce sift keys lookup append exists spread merge reverse each ' +
    'error assert type sort shuffle distinct encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval toMillis ' +
    'fromMillis clone now millis').split(' '),
);

let jsonataPromise: Promise<Jsonata> | undefined;

function loadJsonata(): Promise<Jsonata> {
  jsonataPromise ??= import('jsonata').then((mod) => ((mod as { default?: Jsonata }).default ?? (mod as unknown as Jsonata)));
  return jsonataPromise;
}

interface JsonataErrorLike {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
}

const compiled = new Map<string, Expression | JsonataErrorLike>();

async function compile(expression: string): Promise<Expression> {
  let entry = compiled.get(expression);
  if (!entry) {
    const jsonata = await loadJsonata();
    try {
      entry = jsonata(expression, { timeout: EXPRESSION_LIMITS.timeoutMs, stack: EXPRESSION_LIMITS.depth });
    } catch (error) {
      entry = { ...(error as JsonataErrorLike), message: (error as JsonataErrorLike).message ?? String(error) };
    }
    if (compiled.size >= 500) compiled.clear();
    compiled.set(expression, entry);
  }
  if (typeof (entry as Expression).evaluate !== 'function') throw entry;
  return entry as Expression;
}

export interface ExpressionSubject {
  /** The node, e.g. `Transform "Score lead"`. */
  node: string;
  /** What is evaluated, e.g. `expression` or `branch "hot" condition`. */
  what: string;
}

/** Reports a syntax error in an expression, or null when it compiles. For editors and checks. */
export async function checkExpression(expression: string): Promise<{ message: string; position: number } | null> {
  try {
    await compile(expression);
    return null;
  } catch (error) {
    const e = error as JsonataErrorLike;
    return { message: e.message ?? String(error), position: e.position ?? 0 };
  }
}

/** Evaluates an expression over `input` ($) with extra `$name` bindings; returns plain JSON (undefined: no match). */
export async function evaluateExpression(
  expression: string,
  input: unknown,
  bindings: Record<string, unknown>,
  subject: ExpressionSubject,
): Promise<unknown> {
  let result: unknown;
  try {
    const expr = await compile(expression);
    result = await expr.evaluate(input, bindings);
  } catch (error) {
    throw expressionError(error, subject);
  }
  return toPlainJson(result, subject);
}

function expressionError(error: unknown, { node, what }: ExpressionSubject): TrellisError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as JsonataErrorLike;
  const details = { jsonataCode: e.code, position: e.position, token: e.token };
  if (e.code === 'D1012') {
    return new TrellisError('timeout', `${node}: ${what} ran longer than its ${EXPRESSION_LIMITS.timeoutMs} ms limit; check for an infinite loop or runaway recursion`, { details });
  }
  if (e.code === 'D1011' || (error instanceof RangeError && /call stack/i.test(error.message))) {
    return new TrellisError('exhausted', `${node}: ${what} nested too deeply; check for runaway recursion`, { details });
  }
  const where = typeof e.position === 'number' ? ` at position ${e.position}` : '';
  const message = e.message ?? 'unknown error';
  // Syntax errors (S...) are the expression's fault; evaluation errors usually come from the data.
  const code = typeof e.code === 'string' && e.code.startsWith('S') ? 'config' : 'input';
  return new TrellisError(code, `${node}: ${what} error${where}: ${message}`, { details, cause: error });
}

function isJsonataFunction(value: object): boolean {
  return '_jsonata_lambda' in value || '_jsonata_function' in value;
}

/** Turns a JSONata result (sequences, undefined members) into plain JSON; functions are an error. */
function toPlainJson(value: unknown, subject: ExpressionSubject, path = 'result'): unknown {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'function' || (typeof value === 'object' && isJsonataFunction(value))) {
    throw new TrellisError('input', `${subject.node}: ${subject.what} produced a function at ${path}; only data can flow between steps`);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const plain = toPlainJson(item, subject, `${path}[${i}]`);
      if (plain !== undefined) out.push(plain);
    });
    return out;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const plain = toPlainJson(item, subject, `${path}.${key}`);
      if (plain !== undefined) out[key] = plain;
    }
    return out;
  }
  throw new TrellisError('input', `${subject.node}: ${subject.what} produced a ${typeof value} at ${path}, which is not JSON`);
}

/** JSONata's truthiness ($boolean): empty strings, arrays and objects, 0, null and functions are false. */
export function jsonataTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.some(jsonataTruthy);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return false;
}
