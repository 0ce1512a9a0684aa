/**
 * Text that may be JSON: a model's reply, a tool's result, an HTTP body. Masking and
 * re-identification work on the text of every JSON string (keys and values) and put it back
 * re-encoded, so a value holding quotes or backslashes cannot break the JSON, and the rest of the
 * text (layout, numbers, punctuation) is kept byte for byte. Anything else is plain text.
 *
 * Content counts as JSON when, trimmed, it starts with `{`, `[` or `"` and parses, or when it is
 * one fenced block (```json ... ```) whose body does (as models often answer).
 */

/** A valid JSON string literal (the text is known to be valid JSON, so this cannot go wrong). */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const FENCED = /^(\s*```(?:json|JSON)?[ \t]*\n?)([\s\S]*?)(\n?```\s*)$/;

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function startsLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' || first === '"';
}

/** Where the JSON sits in `content` ([start, end)), or null when the content is not JSON. */
export function jsonRegion(content: string): { start: number; end: number } | null {
  if (startsLikeJson(content) && parses(content)) return { start: 0, end: content.length };
  const fenced = FENCED.exec(content);
  if (fenced) {
    const body = fenced[2] ?? '';
    const start = (fenced[1] ?? '').length;
    if (startsLikeJson(body) && parses(body)) return { start, end: start + body.length };
  }
  return null;
}

export interface MapContentOptions {
  /**
   * Also offer each JSON number's text to `map`; a number it changes becomes a JSON string (a card
   * number sent as a number is still a card number). Used when masking, not re-identifying.
   */
  numbers?: boolean;
}

/**
 * `map` gets a text, and when the text is the value of an object member, its key (`"email":
 * "..."` gives "email"): detection can read the key as a label, as in `Email: ...`.
 */
export type TextMap = (text: string, key?: string) => string;

/** Applies `map` to the text of every string in valid JSON text, re-encoding what changed. */
export function mapJsonStrings(json: string, map: TextMap, options: MapContentOptions = {}): string {
  const between = (text: string, key: string | undefined) =>
    options.numbers
      ? text.replace(NUMBER, (token, offset: number) => {
          const mapped = map(token, /:\s*$/.test(text.slice(0, offset)) ? key : undefined);
          return mapped === token ? token : JSON.stringify(mapped);
        })
      : text;
  let out = '';
  let last = 0;
  let key: string | undefined;
  for (const match of json.matchAll(STRING_LITERAL)) {
    const before = json.slice(last, match.index);
    out += between(before, key);
    const decoded = JSON.parse(match[0]) as string;
    last = match.index + match[0].length;
    const isKey = /^\s*:/.test(json.slice(last, last + 64));
    const mapped = map(decoded, !isKey && /:\s*$/.test(before) ? key : undefined);
    out += mapped === decoded ? match[0] : JSON.stringify(mapped);
    if (isKey) key = decoded;
  }
  return out + between(json.slice(last), key);
}

/** Applies `map` to content: inside JSON strings when the content is JSON (see the module comment), else to the whole text. */
export function mapContent(content: string, map: TextMap, options: MapContentOptions = {}): string {
  const region = jsonRegion(content);
  if (!region) return map(content);
  return content.slice(0, region.start) + mapJsonStrings(content.slice(region.start, region.end), map, options) + content.slice(region.end);
}
