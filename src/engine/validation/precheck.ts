/**
 * The grounding check's cheap deterministic pre-check: numbers and names in an output that appear
 * nowhere in the sources (nor in the allow list), each with its span in the output. It runs before
 * any model call and aims for few false positives on ordinary prose: sentence-initial words,
 * greetings and sign-offs, days and months, pronouns, meeting lengths, times, dates' day numbers
 * and single digits are not treated as claims.
 *
 * Linear-ish: the sources are normalised once (lowercase, accents off, whitespace and punctuation
 * collapsed into word tokens; a map of each word to where it stands, and a Set of numbers). Each
 * candidate is then a lookup; a multi-word name compares the words after each place its first
 * word stands. No candidate scans the sources.
 */
import type { TextSpan } from './verdict';

export interface PrecheckText {
  /** JSON pointer of the string in the checked value ('' when the value is the string). */
  path: string;
  text: string;
}

export interface PrecheckOptions {
  numbers: boolean;
  names: boolean;
  /** Terms that need no source (the sender's name, product, phone number...). */
  allow: readonly string[];
}

export interface PrecheckFinding {
  kind: 'number' | 'name';
  /** The term as written in the output. */
  term: string;
  span: TextSpan;
}

/** At most this many findings are reported (an output that far off needs no longer list). */
export const MAX_PRECHECK_FINDINGS = 200;

// Capitalised words that are not names: function words, greetings and sign-offs, days, months,
// titles, job-title words, frequent email and business words and acronyms.
const COMMON = new Set(
  `a an the and or but nor so yet for of in on at to by from with without about above after again against all also am any are as
  be because been before being below between both can could did do does doing down during each even ever every few further had has
  have having he her here hers herself him himself his how however i if into is it its itself just let like me more most my myself
  no not now of off once only other our ours ourselves out over own same she should some such than that their theirs them
  themselves then there these they this those through too under until up very was we were what when where which while who whom
  why will would you your yours yourself yourselves one two three four five six seven eight nine ten first second third next last
  many much new old good great best better well still really quick quickly just perhaps maybe please thanks thank cheers regards
  sincerely warmly warm kind kindly best hi hello hey dear greetings congrats congratulations welcome yes ok okay sure p.s ps
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun today tomorrow yesterday
  january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct
  nov dec spring summer autumn fall winter morning afternoon evening week weeks month months year years day days
  mr mrs ms miss mx dr prof sir madam team teams founder cofounder co-founder ceo cto cfo coo cmo cro vp svp evp head director
  manager lead senior junior chief officer president partner associate analyst engineer engineering sales marketing growth
  operations product products customer customers success support account accounts executive business development revenue
  ai api apis crm erp roi saas b2b b2c kpi kpis okr okrs seo hr it pr qa ux ui faq asap fyi eta tl;dr n/a etc inc ltd llc corp
  subject re fw fwd note update intro introduction question questions idea ideas follow following quick call chat meeting demo
  free trial pricing plan plans platform solution solutions service services company companies industry market data report
  every anyone everyone someone something anything nothing everything whether though although since unless because per via vs`
    .split(/\s+/)
    .filter(Boolean),
);

const MONTHS = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;

/** Words whose period does not end a sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'inc', 'ltd', 'co', 'corp', 'no', 'e.g', 'i.e', 'approx', 'dept', 'mt']);

const WORD = /\p{L}[\p{L}\p{M}\p{N}]*(?:['’\-&.][\p{L}\p{M}\p{N}]+)*/gu;
const NUMBER =
  /([$€£¥]\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s?(?:%|percent|per cent|thousand|million|billion|trillion)(?![\p{L}])|(?:k|m|mn|b|bn|x)(?![\p{L}\p{N}]))?/giu;
/** Numbers in the sources: the same digits and units, found without Unicode classes (several times faster on long text). */
const SOURCE_NUMBER = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s?(?:percent|thousand|million|billion|trillion)\b|(?:k|m|mn|b|bn)\b)?/gi;
const MULTIPLIERS: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9, trillion: 1e12 };
/** Skipped after a sentence-initial word: spaces, quotes, brackets, bullets and dashes. */
const OPENER = /[\s"'“”‘’([{*•·\-–—]/u;
const SUFFIX = /(?:['’](?:s|m|ve|d|ll|re)|n['’]t|['’])$/i;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * The word tokens of `text` (runs of letters and digits), lowercase and without accents. The text
 * is lowercased once and walked by char code: a Unicode regex over a long non-ASCII text, or a
 * lowercase call per token, costs several times more.
 */
function tokensOf(text: string): string[] {
  const lower = text.toLowerCase();
  const tokens: string[] = [];
  let start = -1;
  let plain = true;
  for (let i = 0; i <= lower.length; i += 1) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const word = c < 128 ? (c >= 48 && c <= 57) || (c >= 97 && c <= 122) : WORD_CHAR.test(lower[i] as string);
    if (word) {
      if (start < 0) {
        start = i;
        plain = true;
      }
      if (c >= 128) plain = false;
    } else if (start >= 0) {
      const token = plain ? lower.slice(start, i) : lower.slice(start, i).normalize('NFKD').replace(/\p{M}+/gu, '');
      if (token) tokens.push(token);
      start = -1;
    }
  }
  return tokens;
}

/** "12,000" -> "12000", "4.20" -> "4.2", "007" -> "7". */
function canonNumber(digits: string): string {
  let out = digits.includes(',') ? digits.replaceAll(',', '') : digits;
  if (out.includes('.')) out = out.replace(/\.?0+$/, '');
  return out.charCodeAt(0) === 48 && out.length > 1 ? out.replace(/^0+(?=\d)/, '') : out;
}

/** Calls `add` with the forms a number can be matched by: its digits, and its value with the unit applied ($4.2M -> 4200000). */
function numberForms(digits: string, unit: string | undefined, add: (form: string) => void): void {
  const core = canonNumber(digits);
  add(core);
  const multiplier = unit ? MULTIPLIERS[unit.trim().toLowerCase()] : undefined;
  if (multiplier === undefined) return;
  const value = Number(core) * multiplier;
  const whole = Math.round(value);
  add(Math.abs(value - whole) < 1e-6 ? String(whole) : canonNumber(String(Number(value.toPrecision(15)))));
}

/** The sources and allow list, normalised once. */
interface KnownText {
  /** Every word token, the texts one after another with '' between them. */
  tokens: string[];
  /** Where each word token (not starting with a digit) stands in `tokens`: a Set of words, with positions for phrases. */
  positions: Map<string, number[]>;
  /** Every number, in canonical form, and scaled by its unit. */
  numbers: Set<string>;
}

function indexKnown(sourceText: string, allow: readonly string[]): KnownText {
  const known: KnownText = { tokens: [], positions: new Map(), numbers: new Set() };
  const addNumber = (form: string) => known.numbers.add(form);
  for (const text of [sourceText, ...allow]) {
    for (const token of tokensOf(text)) {
      // Names never start with a digit: numbers are matched by value, not as words.
      if (token.charCodeAt(0) > 57) {
        const at = known.positions.get(token);
        if (at) at.push(known.tokens.length);
        else known.positions.set(token, [known.tokens.length]);
      }
      known.tokens.push(token);
    }
    known.tokens.push('');
    SOURCE_NUMBER.lastIndex = 0;
    for (let match = SOURCE_NUMBER.exec(text); match; match = SOURCE_NUMBER.exec(text)) numberForms(match[1] as string, match[2], addNumber);
  }
  return known;
}

/** Whether the term's words stand in the sources or the allow list, in this order, as whole words (any case). */
function isKnownTerm(term: string, known: KnownText): boolean {
  const words = tokensOf(term.replace(SUFFIX, ''));
  const first = words[0];
  if (first === undefined) return true;
  const starts = known.positions.get(first);
  if (!starts || words.length === 1) return starts !== undefined;
  return starts.some((at) => words.every((word, k) => known.tokens[at + k] === word));
}

function startsSentence(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && OPENER.test(text[i] as string) && text[i] !== '\n') i -= 1;
  if (i < 0) return true;
  const c = text[i] as string;
  if ('\n\r!?:;…>'.includes(c)) return true;
  if (c !== '.') return false;
  const before = /[\p{L}.]+$/u.exec(text.slice(Math.max(0, i - 12), i))?.[0];
  return !(before && ABBREVIATIONS.has(before.toLowerCase()));
}

function spanOf(path: string, text: string, start: number, end: number): TextSpan {
  return { path, start, end, text: text.slice(start, end) };
}

/** Numbers that are not claims: times, a day after a month, a meeting's length, single digits, codes like Q3 or COVID-19. */
function isIncidentalNumber(text: string, match: RegExpMatchArray): boolean {
  const start = match.index as number;
  const end = start + match[0].length;
  const [, currency, digits = '', unit] = match;
  const before = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(end, end + 12);
  if (/\p{L}[-_.]?$/u.test(before) || /\d:$/.test(before)) return true;
  if (/^(?:\p{L}|:\d)/u.test(after) || /^\s?[ap]\.?m\b/i.test(after) || /^[-\s]min(?:ute)?s?\b/i.test(after)) return true;
  if (currency || unit || /[.,]/.test(digits)) return false;
  const value = Number(digits);
  if (value < 10) return true;
  const wordBefore = /(\p{L}+)\.?\s+$/u.exec(before)?.[1] ?? '';
  const wordAfter = /^\s+(?:of\s+)?(\p{L}+)/u.exec(after)?.[1] ?? '';
  return value <= 31 && (MONTHS.test(wordBefore) || MONTHS.test(wordAfter));
}

function numberFindings(item: PrecheckText, known: KnownText, out: PrecheckFinding[]): void {
  for (const match of item.text.matchAll(NUMBER)) {
    if (isIncidentalNumber(item.text, match)) continue;
    let found = false;
    numberForms(match[2] as string, match[3], (form) => (found ||= known.numbers.has(form)));
    if (found) continue;
    const start = match.index as number;
    const span = spanOf(item.path, item.text, start, start + match[0].trimEnd().length);
    out.push({ kind: 'number', term: span.text, span });
  }
}

interface Word {
  start: number;
  end: number;
  key: string;
}

/** Runs of capitalised words separated only by spaces: "Acme Corp", "Hi Sarah". */
function capitalisedRuns(text: string): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index as number;
    const capitalised = /^\p{Lu}/u.test(word) && !/\d/.test(word);
    const last = run[run.length - 1];
    if (last && (!capitalised || !/^[ \t]+$/.test(text.slice(last.end, start)))) {
      runs.push(run);
      run = [];
    }
    if (capitalised) run.push({ start, end: start + word.length, key: word.replace(SUFFIX, '').toLowerCase() });
  }
  if (run.length) runs.push(run);
  return runs;
}

function nameFindings(item: PrecheckText, known: KnownText, lowercase: Set<string>, out: PrecheckFinding[]): void {
  const add = (words: Word[]) => {
    const span = spanOf(item.path, item.text, (words[0] as Word).start, (words[words.length - 1] as Word).end);
    out.push({ kind: 'name', term: span.text, span });
  };
  for (const run of capitalisedRuns(item.text)) {
    const atSentenceStart = startsSentence(item.text, (run[0] as Word).start);
    let part: Word[] = [];
    const check = () => {
      if (part.length === 0) return;
      const first = part[0] === run[0] && atSentenceStart;
      const words = part;
      part = [];
      const term = (w: Word[]) => item.text.slice((w[0] as Word).start, (w[w.length - 1] as Word).end);
      if (isKnownTerm(term(words), known)) return;
      if (!first) return add(words);
      // A sentence's first word may be an ordinary word before a name ("Noticed Acme is hiring").
      const rest = words.slice(1);
      if (rest.length > 0 && !isKnownTerm(term(rest), known)) add(rest);
    };
    for (const word of run) {
      const ordinary = word.key.length < 2 || COMMON.has(word.key) || lowercase.has(word.key);
      if (ordinary) check();
      else part.push(word);
    }
    check();
  }
}

/** Numbers and names in `texts` that appear nowhere in `sourceText` or `options.allow`, in text order. */
export function groundingPrecheck(texts: readonly PrecheckText[], sourceText: string, options: PrecheckOptions): PrecheckFinding[] {
  if (!options.numbers && !options.names) return [];
  const known = indexKnown(sourceText, options.allow);
  // A word the output also writes in lowercase is an ordinary word, not a name.
  const lowercase = new Set<string>();
  if (options.names) {
    for (const item of texts) for (const match of item.text.matchAll(/(?<![\p{L}\p{N}'’])\p{Ll}[\p{L}\p{M}]*(?![\p{L}\p{M}'’])/gu)) lowercase.add(match[0]);
  }
  const findings: PrecheckFinding[] = [];
  for (const item of texts) {
    const own: PrecheckFinding[] = [];
    if (options.numbers) numberFindings(item, known, own);
    if (options.names) nameFindings(item, known, lowercase, own);
    findings.push(...own.sort((a, b) => a.span.start - b.span.start));
    if (findings.length >= MAX_PRECHECK_FINDINGS) break;
  }
  return findings.slice(0, MAX_PRECHECK_FINDINGS);
}
