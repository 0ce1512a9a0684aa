/**
 * Logic-less templates: `{{ name }}` or `{{ name.path.0 }}` is replaced by the value at that
 * path in the variables. Strings render as they are, everything else as JSON. A `\{{` renders a
 * literal `{{`. The root names of the placeholders are the template's variables, which become a
 * node's input ports.
 */

export interface TemplatePart {
  kind: 'text' | 'var';
  /** For text: the literal text. For var: the whole path as written, e.g. `lead.name`. */
  value: string;
  /** For var: the path segments, e.g. ['lead', 'name']. */
  path: string[];
  /** Offset of the part in the source. */
  start: number;
  end: number;
}

export interface TemplateProblem {
  message: string;
  start: number;
  end: number;
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$|^[0-9]+$/;
const cache = new Map<string, { parts: TemplatePart[]; problems: TemplateProblem[] }>();

export function parseTemplate(source: string): { parts: TemplatePart[]; problems: TemplateProblem[] } {
  const cached = cache.get(source);
  if (cached) return cached;
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let text = '';
  let textStart = 0;
  let i = 0;
  const flushText = (end: number) => {
    if (text) parts.push({ kind: 'text', value: text, path: [], start: textStart, end });
    text = '';
  };
  while (i < source.length) {
    if (source.startsWith('\\{{', i)) {
      text += '{{';
      i += 3;
      continue;
    }
    if (source.startsWith('{{', i)) {
      const close = source.indexOf('}}', i + 2);
      if (close < 0) {
        problems.push({ message: 'unclosed "{{": add "}}" or write "\\{{" for a literal', start: i, end: source.length });
        text += source.slice(i);
        break;
      }
      flushText(i);
      const expr = source.slice(i + 2, close).trim();
      const path = expr.split('.');
      if (!expr || !path.every((segment) => SEGMENT.test(segment)) || /^[0-9]/.test(path[0] ?? '')) {
        problems.push({ message: `"{{${source.slice(i + 2, close)}}}" is not a variable path like {{name}} or {{lead.name}}`, start: i, end: close + 2 });
      } else {
        parts.push({ kind: 'var', value: expr, path, start: i, end: close + 2 });
      }
      i = close + 2;
      textStart = i;
      continue;
    }
    text += source[i];
    i += 1;
  }
  flushText(source.length);
  const result = { parts, problems };
  if (cache.size > 2000) cache.clear();
  cache.set(source, result);
  return result;
}

/** The distinct root variable names of a template, in order of first use. */
export function templateVariables(source: string): string[] {
  const names: string[] = [];
  for (const part of parseTemplate(source).parts) {
    const root = part.path[0];
    if (part.kind === 'var' && root !== undefined && !names.includes(root)) names.push(root);
  }
  return names;
}

export function lookupPath(root: unknown, path: readonly string[]): unknown {
  let value: unknown = root;
  for (const segment of path) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

export function renderValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

export function renderTemplate(source: string, variables: Readonly<Record<string, unknown>>): string {
  let out = '';
  for (const part of parseTemplate(source).parts) {
    out += part.kind === 'text' ? part.value : renderValue(lookupPath(variables, part.path));
  }
  return out;
}
