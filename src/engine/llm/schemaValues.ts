/**
 * Leaf values for the scripted responder's schema sampler: enum choices, strings, numbers and
 * booleans, each derived deterministically from the user's message and the property's name, and
 * kept within the schema's constraints.
 */
import type { JsonValue } from '../util/json';
import { sampleForPattern } from './patternSample';
import {
  clip,
  findEmail,
  findIdLike,
  findUrl,
  firstSentences,
  firstWords,
  nameWords,
  sentencesFrom,
  stableFraction,
  stableHash,
  wordOccurrences,
} from './scriptedText';

export interface SampleState {
  /** The text values are derived from (the last user message). */
  text: string;
  /** Mixed into every hash, so different requests vary but one request is stable. */
  seed: string;
  /** The root schema, for local $ref. */
  root: unknown;
  /** The last enum choice, so a sibling "reason" can explain it. */
  choice?: { value: JsonValue; word: string | null };
  /** Index of the array item being generated: later items draw on later sentences. */
  variant?: number;
  /** Values left to generate before the sampler falls back to minimal values (runaway recursion). */
  budget: number;
}

type Schema = Record<string, unknown>;

/** Picks an enum value: the one the message names most (earliest on a tie), else by stable hash. */
export function chooseEnum(values: unknown[], path: string, state: SampleState): JsonValue {
  let best: { value: JsonValue; count: number; first: number; word: string | null } | undefined;
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const { count, first, matched } = wordOccurrences(value, state.text);
    if (count === 0) continue;
    if (!best || count > best.count || (count === best.count && first < best.first)) best = { value, count, first, word: matched };
  }
  if (best) {
    state.choice = { value: best.value, word: best.word };
    return best.value;
  }
  const value = (values[stableHash(`${state.seed}|enum|${path}`) % values.length] ?? null) as JsonValue;
  state.choice = { value, word: null };
  return value;
}

const FORMATS: Record<string, (state: SampleState, path: string) => string> = {
  email: (state) => findEmail(state.text) ?? 'demo@example.com',
  'idn-email': (state) => findEmail(state.text) ?? 'demo@example.com',
  uri: (state) => findUrl(state.text) ?? 'https://example.com/',
  url: (state) => findUrl(state.text) ?? 'https://example.com/',
  'uri-reference': () => 'https://example.com/',
  iri: () => 'https://example.com/',
  hostname: () => 'example.com',
  ipv4: () => '192.0.2.1',
  ipv6: () => '2001:db8::1',
  date: () => '2024-01-15',
  'date-time': () => '2024-01-15T09:30:00Z',
  time: () => '09:30:00Z',
  duration: () => 'PT1H',
  uuid: (state, path) => {
    const hex = [0, 1, 2, 3].map((i) => stableHash(`${state.seed}|uuid|${path}|${i}`).toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  },
};

function reasonText(state: SampleState): string {
  const choice = state.choice;
  if (choice && choice.word) return `The message mentions "${choice.word}", so "${String(choice.value)}" fits best.`;
  if (choice) return `Nothing in the message names an option; the demo model picked "${String(choice.value)}" deterministically.`;
  return firstSentences(state.text, 1, 160) || 'Scripted demo reasoning.';
}

function derivedString(name: string, path: string, state: SampleState): string {
  const words = nameWords(name);
  const last = words.split(' ').pop() ?? '';
  const fallback = 'demo value';
  if (/\b(email|e mail)\b/.test(words)) return findEmail(state.text) ?? 'demo@example.com';
  if (/\b(url|uri|link|href|website)\b/.test(words)) return findUrl(state.text) ?? 'https://example.com/';
  if (/^(id|identifier|number|no|code|ref|reference|sku|key)$/.test(last)) {
    return findIdLike(state.text) ?? `demo-${(stableHash(`${state.seed}|id|${path}`) % 100000).toString().padStart(5, '0')}`;
  }
  if (/\b(reason|reasons|reasoning|rationale|explanation|justification|why)\b/.test(words)) return reasonText(state);
  const variant = state.variant ?? 0;
  const nth = sentencesFrom(state.text, variant, 1, 400) || state.text;
  if (/\b(title|subject|name|label|topic|headline|heading|category|tag)\b/.test(words)) return firstWords(nth, 6) || fallback;
  if (/\b(query|q|search|keywords|keyword|term|terms|question)\b/.test(words)) return firstWords(nth, 10) || fallback;
  if (/\b(summary|description|text|body|content|answer|reply|response|message|draft|output|result|comment|feedback|note|notes|details|claim|claims|quote|point|points|item|items|step|steps|finding|findings)\b/.test(words)) {
    return sentencesFrom(state.text, variant * 2, 2, 240) || firstSentences(state.text, 2, 240) || fallback;
  }
  return sentencesFrom(state.text, variant, 1, 80) || firstSentences(state.text, 1, 80) || fallback;
}

const PATTERN_CANDIDATES = ['demo', 'a', 'A', 'abc', 'ABC', '0', '1', '123', 'x1', 'A1', 'AB-123', 'demo-1', 'demo_1', '2024-01-15', ''];

export function sampleString(schema: Schema, name: string, path: string, state: SampleState): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  let value = format ? format(state, path) : derivedString(name, path, state);
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const fit = (text: string): string => {
    let out = Array.from(text).length > maxLength ? clip(text, maxLength) : text;
    const chars = Array.from(out).length;
    if (chars < minLength) out += '.'.repeat(minLength - chars);
    return out;
  };
  value = fit(value);
  if (typeof schema.pattern === 'string') {
    let regex: RegExp | undefined;
    try {
      regex = new RegExp(schema.pattern, 'u');
    } catch {
      regex = undefined;
    }
    if (regex && !regex.test(value)) {
      const found = [findIdLike(state.text), sampleForPattern(schema.pattern), firstWords(state.text, 1), ...PATTERN_CANDIDATES]
        .filter((c): c is string => typeof c === 'string')
        .map(fit)
        .find((c) => regex.test(c));
      if (found !== undefined) value = found;
    }
  }
  return value;
}

const HIGH_NUMBER = /\b(score|rating|confidence|quality|grade|relevance|similarity|probability|certainty)\b/;

function decimalsOf(n: number): number {
  const text = String(n);
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  return text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0;
}

export function sampleNumber(schema: Schema, integer: boolean, name: string, path: string, state: SampleState): number {
  const words = nameWords(name);
  const exMinBool = schema.exclusiveMinimum === true;
  const exMaxBool = schema.exclusiveMaximum === true;
  const step = integer ? 1 : 0.01;
  let lo = -Infinity;
  let hi = Infinity;
  if (typeof schema.minimum === 'number') lo = exMinBool ? schema.minimum + step : schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number') lo = Math.max(lo, schema.exclusiveMinimum + step);
  if (typeof schema.maximum === 'number') hi = exMaxBool ? schema.maximum - step : schema.maximum;
  if (typeof schema.exclusiveMaximum === 'number') hi = Math.min(hi, schema.exclusiveMaximum - step);
  if (integer) {
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
  }
  const frac = stableFraction(`${state.seed}|num|${path}`);
  let value: number;
  if (Number.isFinite(lo) && Number.isFinite(hi)) {
    // Scores lean high (0.7 - 1.0 of the range) so demo judges tend to pass; other numbers anywhere.
    const position = HIGH_NUMBER.test(words) ? 0.7 + 0.3 * frac : frac;
    value = lo + (hi - lo) * position;
  } else if (Number.isFinite(lo)) {
    value = lo + Math.floor(frac * 10);
  } else if (Number.isFinite(hi)) {
    value = Math.min(hi, Math.floor(frac * 10));
  } else if (HIGH_NUMBER.test(words)) {
    value = /confidence|probability|certainty|similarity/.test(words) ? 0.8 : 8;
  } else {
    value = 1 + Math.floor(frac * 10);
  }
  value = integer ? Math.round(value) : Math.round(value * 100) / 100;
  const multipleOf = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (multipleOf !== undefined) {
    const places = Math.min(20, decimalsOf(multipleOf));
    const snap = (k: number) => Number((k * multipleOf).toFixed(places));
    let k = Math.round(value / multipleOf);
    if (snap(k) > hi) k = Math.floor(hi / multipleOf);
    if (snap(k) < lo) k = Math.ceil(lo / multipleOf);
    value = snap(k);
  }
  if (value > hi) value = hi;
  if (value < lo) value = lo;
  if (integer) value = Math.round(value);
  return Object.is(value, -0) ? 0 : value;
}

const TRUE_NAMES = /\b(pass|passed|passes|approved|approve|valid|ok|success|successful|supported|grounded|accept|accepted|correct|complete|completed|resolved|relevant|safe|compliant)\b/;
const FALSE_NAMES = /\b(error|errors|failed|fail|flagged|rejected|reject|spam|toxic|harmful|escalate|blocked|unsafe|pii|invalid|hallucinated|unsupported)\b/;

export function sampleBoolean(name: string, path: string, state: SampleState): boolean {
  const words = nameWords(name);
  if (FALSE_NAMES.test(words)) return false;
  if (TRUE_NAMES.test(words)) return true;
  return stableHash(`${state.seed}|bool|${path}`) % 2 === 0;
}
