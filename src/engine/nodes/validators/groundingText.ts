/**
 * The text a grounding check reads: the strings of the checked value (all of them, or those under
 * the configured JSON pointers), and where a model's quote sits in them (a text span).
 */
import type { PrecheckText } from '../../validation/precheck';
import type { TextSpan } from '../../validation/verdict';

/** At most this many strings are checked in one value. */
const MAX_TEXTS = 1000;

function escapeToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let value: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Every non-blank string in `value`, with its JSON pointer (prefixed by `base`). */
function stringsIn(value: unknown, base: string, out: PrecheckText[]): void {
  if (out.length >= MAX_TEXTS) return;
  if (typeof value === 'string') {
    if (value.trim()) out.push({ path: base, text: value });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => stringsIn(item, `${base}/${index}`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) stringsIn(item, `${base}/${escapeToken(key)}`, out);
  }
}

/**
 * The texts to check: every string in the value when `fields` is empty, else the strings at (or
 * under) each pointer. `missing` lists the pointers that lead nowhere in this value.
 */
export function collectTexts(value: unknown, fields: readonly string[]): { texts: PrecheckText[]; missing: string[] } {
  const texts: PrecheckText[] = [];
  const missing: string[] = [];
  if (fields.length === 0) stringsIn(value, '', texts);
  for (const field of fields) {
    const found = resolvePointer(value, field);
    if (found === undefined) missing.push(field);
    else stringsIn(found, field, texts);
  }
  return { texts, missing };
}

/** The texts as the model reads them: the text itself, or each field under its pointer. */
export function textsForPrompt(texts: readonly PrecheckText[]): string {
  if (texts.length === 1 && texts[0]?.path === '') return texts[0].text;
  return texts.map((item) => `[${item.path || '(value)'}]\n${item.text}`).join('\n\n');
}

const FOLD: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '\u00a0': ' ' };

/** Lowercase, typographic quotes and dashes folded, whitespace runs as one space; `at[i]` is where char i came from. */
function folded(text: string): { text: string; at: number[] } {
  let out = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const raw = text[i] as string;
    if (/\s/.test(raw)) {
      if (out.endsWith(' ') || out === '') continue;
      out += ' ';
    } else {
      const lower = (FOLD[raw] ?? raw).toLowerCase();
      out += lower.length === 1 ? lower : raw;
    }
    at.push(i);
  }
  return { text: out, at };
}

function findExact(item: PrecheckText, quote: string): TextSpan | null {
  const start = item.text.indexOf(quote);
  return start >= 0 ? { path: item.path, start, end: start + quote.length, text: quote } : null;
}

function findFolded(item: PrecheckText, quote: string): TextSpan | null {
  const haystack = folded(item.text);
  const needle = folded(quote).text.trim();
  const index = needle ? haystack.text.indexOf(needle) : -1;
  if (index < 0) return null;
  const start = haystack.at[index] as number;
  const end = (haystack.at[index + needle.length - 1] as number) + 1;
  return { path: item.path, start, end, text: item.text.slice(start, end) };
}

/**
 * Where the model's quote sits in the checked texts: exactly, then ignoring case, whitespace and
 * typographic quotes, then without the quote's outer punctuation. Null when it cannot be found.
 */
export function locateQuote(texts: readonly PrecheckText[], quote: string): TextSpan | null {
  const trimmed = quote.trim().replace(/^[\s"'“”‘’.,;:!?…-]+|[\s"'“”‘’.,;:!?…-]+$/g, '');
  for (const candidate of [quote, trimmed]) {
    if (!candidate.trim()) continue;
    for (const find of [findExact, findFolded]) {
      for (const item of texts) {
        const span = find(item, candidate);
        if (span) return span;
      }
    }
  }
  return null;
}
