/**
 * A string that matches a simple regular expression, for JSON Schema `pattern`. Handles what
 * output schemas use: literals and escapes, classes ([A-Z], [^,], \d \w \s, .), groups with
 * alternation (the first branch) and quantifiers (the minimum, at least one for +). Returns
 * undefined for what it cannot handle (lookarounds, backreferences) or when the result does not match.
 */

const CLASS_SAMPLES: Record<string, string> = { d: '1', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' };
const NEGATED_CANDIDATES = ['a', 'A', '1', '_', '-', ' ', 'z', '.'];

class Unsupported extends Error {}

function parseClass(source: string, start: number): { sample: string; end: number } {
  let i = start + 1;
  const negated = source[i] === '^';
  if (negated) i += 1;
  const members: string[] = [];
  let first = true;
  while (i < source.length && (source[i] !== ']' || first)) {
    first = false;
    let char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      char = CLASS_SAMPLES[next] ?? next;
      i += 2;
    } else i += 1;
    if (source[i] === '-' && source[i + 1] !== ']' && source[i + 1] !== undefined) {
      const to = source[i + 1] === '\\' ? (source[i + 2] ?? '') : source[i + 1]!;
      i += source[i + 1] === '\\' ? 3 : 2;
      members.push(`${char}-${to}`);
    } else members.push(char);
  }
  if (source[i] !== ']') throw new Unsupported('unclosed class');
  const end = i + 1;
  const body = source.slice(start, end);
  if (!negated) {
    const range = members[0] ?? 'a';
    return { sample: range.length === 3 && range[1] === '-' ? range[0]! : range[0] ?? 'a', end };
  }
  const regex = new RegExp(body, 'u');
  const sample = NEGATED_CANDIDATES.find((c) => regex.test(c));
  if (sample === undefined) throw new Unsupported('no sample for negated class');
  return { sample, end };
}

function quantifier(source: string, i: number): { min: number; end: number } {
  const char = source[i];
  let min = 1;
  let end = i;
  if (char === '*' || char === '?') {
    min = 0;
    end = i + 1;
  } else if (char === '+') {
    min = 1;
    end = i + 1;
  } else if (char === '{') {
    const match = /^\{(\d+)(,\d*)?\}/.exec(source.slice(i));
    if (match) {
      min = Number(match[1]);
      end = i + match[0].length;
    }
  }
  if (source[end] === '?' || source[end] === '+') end += 1; // lazy / possessive
  return { min, end };
}

/** Parses a sequence until `)` or the end; alternation keeps the first branch. */
function sequence(source: string, start: number): { sample: string; end: number } {
  let out = '';
  let i = start;
  let skipping = false;
  while (i < source.length && source[i] !== ')') {
    if (source[i] === '|') {
      skipping = true;
      i += 1;
      continue;
    }
    let atom: string;
    const char = source[i]!;
    if (char === '^' || char === '$') {
      i += 1;
      continue;
    }
    if (char === '(') {
      let inner = i + 1;
      if (source[inner] === '?') {
        if (source[inner + 1] !== ':') throw new Unsupported('lookaround or named group');
        inner += 2;
      }
      const group = sequence(source, inner);
      if (source[group.end] !== ')') throw new Unsupported('unclosed group');
      atom = group.sample;
      i = group.end + 1;
    } else if (char === '[') {
      const cls = parseClass(source, i);
      atom = cls.sample;
      i = cls.end;
    } else if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9bBk]/.test(next)) throw new Unsupported('backreference or boundary');
      atom = CLASS_SAMPLES[next] ?? ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[next] ?? next;
      i += 2;
    } else if (char === '.') {
      atom = 'a';
      i += 1;
    } else {
      atom = char;
      i += 1;
    }
    const q = quantifier(source, i);
    i = q.end;
    if (!skipping) out += atom.repeat(q.min);
  }
  return { sample: out, end: i };
}

export function sampleForPattern(pattern: string): string | undefined {
  try {
    const regex = new RegExp(pattern, 'u');
    const { sample, end } = sequence(pattern, 0);
    if (end !== pattern.length) return undefined;
    return regex.test(sample) ? sample : undefined;
  } catch {
    return undefined;
  }
}
