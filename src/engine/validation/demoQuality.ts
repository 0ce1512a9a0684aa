/**
 * The demo quality service (`demo:quality`): a pure, deterministic scorer of how readable and
 * specific a short message is, so a Quality API node works offline and the test server can
 * answer `/quality/score` with the same result. It is plainly a demo heuristic, not a model:
 * six checks with weights that sum to 1; an empty message scores 0, and placeholder text
 * ("[Your name]", "lorem ipsum", "TODO") caps the score below a passing 0.7.
 */
import { countWords, normalizeSpace, sentences } from '../llm/scriptedText';

export const DEMO_QUALITY_URL = 'demo:quality';
export const DEMO_QUALITY_LABEL = 'Demo quality service (scripted, offline)';

export interface DemoQualityCheck {
  /** Stable id: 'not_empty', 'length', 'sentence_length', 'no_placeholder', 'ask', 'specific'. */
  name: string;
  pass: boolean;
  /** What was found, in words. */
  message: string;
  weight: number;
}

export interface DemoQualityResult {
  /** 0..1, rounded to two decimals; higher is better. */
  score: number;
  checks: DemoQualityCheck[];
  service: typeof DEMO_QUALITY_LABEL;
}

const MIN_WORDS = 5;
const MAX_WORDS = 300;
const MAX_AVERAGE_SENTENCE = 25;
const MAX_SENTENCE = 40;
/** A message with placeholder text scores at most this. */
const PLACEHOLDER_CAP = 0.4;

const PLACEHOLDERS: readonly RegExp[] = [
  /\blorem ipsum\b/i,
  /\b(?:TODO|TBD|FIXME|XXX+)\b/,
  /\{\{[^}]*\}\}/,
  /\[(?:insert|your|name|first name|last name|recipient|company|date|time|product|placeholder|tbd|todo|x+)\b[^\]]{0,60}\]/i,
  /<(?:insert|your|name|recipient|company|date|placeholder)\b[^>]{0,60}>/i,
  /\byour name here\b/i,
];

const ASKS: readonly RegExp[] = [
  /\?/,
  /\b(?:please|let me know|could you|can you|would you|will you|reply|confirm|get back to|call me|schedule|book|sign up|register|send (?:me|us)|let's|shall we)\b/i,
];

const MONTHS_AND_DAYS = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|tomorrow)\b/i;

/** A concrete detail: a number, a date word, or a capitalised name that does not start a sentence. */
function specificDetail(text: string, parts: string[]): string | null {
  const digits = /\d[\d.,:%$€£-]*/.exec(text);
  if (digits) return `"${digits[0]}"`;
  const day = MONTHS_AND_DAYS.exec(text);
  if (day) return `"${day[0]}"`;
  for (const sentence of parts) {
    const words = sentence.split(' ').slice(1);
    const name = words.find((word) => /^[A-Z][a-z]+/.test(word) && word !== 'I');
    if (name) return `"${name.replace(/[^A-Za-z'-]+$/, '')}"`;
  }
  return null;
}

export function scoreDemoQuality(input: string): DemoQualityResult {
  const text = normalizeSpace(input);
  const words = countWords(text);
  const parts = sentences(text);
  const lengths = parts.map(countWords);
  const longest = Math.max(0, ...lengths);
  const average = parts.length > 0 ? words / parts.length : 0;
  const placeholder = PLACEHOLDERS.map((pattern) => pattern.exec(text)?.[0]).find((found) => found !== undefined);
  const ask = ASKS.some((pattern) => pattern.test(text));
  const detail = specificDetail(text, parts);

  const checks: DemoQualityCheck[] = [
    { name: 'not_empty', pass: words > 0, message: words > 0 ? `${words} word${words === 1 ? '' : 's'}` : 'the message is empty', weight: 0.1 },
    {
      name: 'length',
      pass: words >= MIN_WORDS && words <= MAX_WORDS,
      message: words < MIN_WORDS ? `too short: ${words} of at least ${MIN_WORDS} words` : words > MAX_WORDS ? `too long: ${words} of at most ${MAX_WORDS} words` : `${words} words, within ${MIN_WORDS}-${MAX_WORDS}`,
      weight: 0.15,
    },
    {
      name: 'sentence_length',
      pass: parts.length > 0 && average <= MAX_AVERAGE_SENTENCE && longest <= MAX_SENTENCE,
      message:
        parts.length === 0
          ? 'no sentences'
          : longest > MAX_SENTENCE
            ? `a sentence of ${longest} words (at most ${MAX_SENTENCE})`
            : average > MAX_AVERAGE_SENTENCE
              ? `sentences average ${Math.round(average)} words (at most ${MAX_AVERAGE_SENTENCE})`
              : `sentences average ${Math.round(average)} words`,
      weight: 0.2,
    },
    { name: 'no_placeholder', pass: words > 0 && placeholder === undefined, message: placeholder !== undefined ? `placeholder text "${placeholder}"` : words > 0 ? 'no placeholder text' : 'nothing to check', weight: 0.2 },
    { name: 'ask', pass: ask, message: ask ? 'asks a question or for an action' : 'no question or request for action', weight: 0.15 },
    { name: 'specific', pass: detail !== null, message: detail !== null ? `a concrete detail: ${detail}` : 'no concrete detail (a name, a number, a date)', weight: 0.2 },
  ];

  let score = words === 0 ? 0 : checks.reduce((sum, check) => sum + (check.pass ? check.weight : 0), 0);
  if (placeholder !== undefined) score = Math.min(score, PLACEHOLDER_CAP);
  return { score: Math.round(score * 100) / 100, checks, service: DEMO_QUALITY_LABEL };
}
