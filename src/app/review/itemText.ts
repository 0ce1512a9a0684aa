/**
 * How a review card shows an item, always as text (model output is untrusted: it is never
 * rendered as HTML): the output (pretty JSON when it is not a string), a one-line summary of the
 * input, the reason it is in the queue, and the parsing of an edited output. (Its verdicts are
 * shown by ../validation/VerdictLayers.)
 */
import { reviewReasonText } from '../../engine/trust';
import type { ReviewReason } from '../../engine/run/types';

/** Strings are edited and shown as text; anything else as JSON. */
export function isJsonOutput(output: unknown): boolean {
  return typeof output !== 'string';
}

export function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output === undefined) return '';
  try {
    return JSON.stringify(output, null, 2) ?? String(output);
  } catch {
    return String(output);
  }
}

function oneLine(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.replace(/\s+/g, ' ').trim();
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The input on one line, clipped to `max` characters: `name: value · name: value`, with the
 * fields of nested objects named by their path (`ticket.text: …`) and strings without quotes.
 */
export function inputSummary(input: unknown, max = 300): string {
  const parts: string[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (isRecord(value) && depth < 2 && Object.keys(value).length > 0) {
      for (const [name, inner] of Object.entries(value)) walk(inner, path ? `${path}.${name}` : name, depth + 1);
    } else {
      parts.push(path ? `${path}: ${oneLine(value)}` : oneLine(value));
    }
  };
  walk(input, '', 0);
  const text = parts.join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export const REASON_LABELS: Record<ReviewReason['kind'], string> = {
  full: 'Full review',
  forced: 'Forced by a rule',
  sampled: 'Sampled',
  skipped: 'Not reviewed',
};

/** A short chip: "Full review", "Sampled at 20%", "Forced by a rule". */
export function reasonChip(reason: ReviewReason): string {
  if (reason.kind === 'sampled') return `Sampled at ${formatRate(reason.rate)}`;
  if (reason.kind === 'forced') return reason.rules.length > 1 ? `Forced by ${reason.rules.length} rules` : 'Forced by a rule';
  return REASON_LABELS[reason.kind];
}

/** Why the item is in the queue, in full (the trust engine's words). */
export function reasonText(reason: ReviewReason): string {
  return reviewReasonText(reason);
}

export function formatRate(rate: number): string {
  const percent = rate * 100;
  return `${Number.isInteger(percent) ? percent : percent.toPrecision(2)}%`;
}

export type ParsedEdit = { ok: true; value: unknown } | { ok: false; error: string };

/** The edited output: the text itself for a text output, parsed JSON (or where it breaks) otherwise. */
export function parseEdit(text: string, json: boolean): ParsedEdit {
  if (!json) return { ok: true, value: text };
  if (text.trim() === '') return { ok: false, error: 'The output is JSON: enter a JSON value (e.g. {} or "text").' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    // V8 quotes the whole text after "Unexpected token 'x'"; the token is what helps.
    if (!at) return { ok: false, error: `Not valid JSON: ${message.split(', "')[0]}.` };
    const position = Number(at[1]);
    const before = text.slice(0, position);
    const line = lineCount(before);
    const column = position - before.lastIndexOf('\n');
    return { ok: false, error: `Not valid JSON at line ${line}, column ${column}: ${message.replace(/\s*(in JSON )?at position \d+.*$/, '')}.` };
  }
}
