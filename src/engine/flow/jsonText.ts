/**
 * Reading JSON text with errors a person can act on. `JSON.parse` does the parsing; when it fails,
 * a small scanner finds where (line, column, and the JSON path being read) and why, the same way
 * in every browser (engines word and place their own errors differently, some give no position).
 */
import { joinPath, type FlowProblem } from './problems';

/** Largest flow file accepted, in characters (UTF-16 code units). */
export const MAX_IMPORT_CHARS = 32 * 1024 * 1024;

export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  /** JSON path of the value being read when the error was found (`$` at the top). */
  path: string;
  message: string;
}

interface Frame {
  type: 'object' | 'array';
  open: number;
  key: string | null;
  index: number;
}

type State = 'value' | 'first-value-or-end' | 'first-key-or-end' | 'key' | 'colon' | 'after-value' | 'end';

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function describeChar(c: string | undefined): string {
  if (c === undefined) return 'end of input';
  if (c === "'") return `"'" (JSON strings use double quotes)`;
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `'${c}'`;
}

/** Finds the first syntax error in `text`, or null if it is valid JSON. Linear, no recursion. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: Frame[] = [];
  let state = 'value' as State;
  let i = 0;
  const path = () => joinPath('$', stack.flatMap((f): (string | number)[] => (f.type === 'array' ? [f.index] : f.key === null ? [] : [f.key])));
  const error = (offset: number, message: string): JsonSyntaxError => ({ offset, ...lineColumn(text, offset), path: path(), message });

  // Returns the offset after the string starting at `start` (a '"'), or an error.
  const scanString = (start: number): number | JsonSyntaxError => {
    let j = start + 1;
    for (;;) {
      const c = text[j];
      if (c === undefined) return error(start, 'this string is never closed (missing ")');
      if (c === '"') return j + 1;
      if (c === '\\') {
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return error(j, 'invalid \\u escape (expected 4 hex digits)');
          j += 6;
        } else if (e !== undefined && ESCAPES.has(e)) j += 2;
        else return error(j, `invalid escape "\\${e ?? ''}" in string`);
        continue;
      }
      if (c.charCodeAt(0) < 0x20) return error(j, `${describeChar(c)} inside a string (write \\n, \\t, ... instead)`);
      j += 1;
    }
  };

  const valueDone = () => {
    state = stack.length === 0 ? 'end' : 'after-value';
  };

  for (;;) {
    while (i < text.length && WS.has(text[i] as string)) i += 1;
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === undefined) {
      if (state === 'end') return null;
      if (stack.length === 0 && state === 'value') return error(i, text.trim() === '' ? 'the file is empty' : 'unexpected end of input');
      const open = lineColumn(text, top?.open ?? 0);
      const what = top?.type === 'array' ? 'array' : 'object';
      return error(i, `unexpected end of input: the ${what} opened at line ${open.line}, column ${open.column} is not closed`);
    }
    switch (state) {
      case 'end':
        return error(i, `unexpected ${describeChar(c)} after the end of the document`);
      case 'first-key-or-end':
      case 'key':
        if (c === '}' && state === 'first-key-or-end') {
          stack.pop();
          i += 1;
          valueDone();
        } else if (c === '"') {
          const end = scanString(i);
          if (typeof end !== 'number') return end;
          if (top) top.key = JSON.parse(text.slice(i, end)) as string;
          i = end;
          state = 'colon';
        } else if (c === '}') return error(i, 'trailing comma before "}"');
        else return error(i, `unexpected ${describeChar(c)}; expected a property name in double quotes`);
        break;
      case 'colon':
        if (c !== ':') return error(i, `unexpected ${describeChar(c)}; expected ":" after the property name`);
        i += 1;
        state = 'value';
        break;
      case 'after-value':
        if (c === ',') {
          i += 1;
          if (top?.type === 'array') {
            top.index += 1;
            state = 'value';
          } else state = 'key';
        } else if ((c === ']' && top?.type === 'array') || (c === '}' && top?.type === 'object')) {
          stack.pop();
          i += 1;
          valueDone();
        } else {
          const expected = top?.type === 'array' ? '"," or "]" after an array item' : '"," or "}" after a property value';
          return error(i, `unexpected ${describeChar(c)}; expected ${expected}`);
        }
        break;
      case 'first-value-or-end':
      case 'value': {
        if (c === ']' && state === 'first-value-or-end') {
          stack.pop();
          i += 1;
          valueDone();
          break;
        }
        if (c === ']' && top?.type === 'array') return error(i, 'trailing comma before "]"');
        if (c === '{' || c === '[') {
          stack.push({ type: c === '{' ? 'object' : 'array', open: i, key: null, index: 0 });
          state = c === '{' ? 'first-key-or-end' : 'first-value-or-end';
          i += 1;
          break;
        }
        if (c === '"') {
          const end = scanString(i);
          if (typeof end !== 'number') return end;
          i = end;
          valueDone();
          break;
        }
        if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          const end = m ? i + m[0].length : i;
          const following = text[end];
          if (!m || (following !== undefined && /[0-9.eE+-]/.test(following))) return error(i, 'invalid number');
          i = end;
          valueDone();
          break;
        }
        WORD.lastIndex = i;
        const word = WORD.exec(text)?.[0];
        if (word === 'true' || word === 'false' || word === 'null') {
          i += word.length;
          valueDone();
          break;
        }
        if (word) return error(i, `unexpected "${word.slice(0, 20)}"; expected a value (a string, number, object, array, true, false or null)`);
        return error(i, `unexpected ${describeChar(c)}; expected a value`);
      }
    }
  }
}

/** Parses JSON text; on failure, one problem at `$` saying where and why. */
export function parseJsonText(input: string): { ok: true; value: unknown } | { ok: false; problems: FlowProblem[] } {
  if (input.length > MAX_IMPORT_CHARS) {
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    return { ok: false, problems: [{ path: '$', message: `the file is too large (${mb(input.length)}; the limit is ${mb(MAX_IMPORT_CHARS)})` }] };
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (parseError) {
    const found = findJsonSyntaxError(text);
    if (!found) {
      const reason = parseError instanceof Error ? parseError.message : String(parseError);
      return { ok: false, problems: [{ path: '$', message: `could not be parsed as JSON (${reason})` }] };
    }
    const where = found.path === '$' ? '' : ` (in ${found.path})`;
    return { ok: false, problems: [{ path: '$', message: `not valid JSON at line ${found.line}, column ${found.column}${where}: ${found.message}` }] };
  }
}
