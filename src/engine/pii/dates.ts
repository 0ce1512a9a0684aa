/**
 * Dates of birth: a date (ISO 1985-03-12, US 03/12/1985, European 12.03.1985 or 12/03/85,
 * "12 March 1985", "March 12th, 1985", "12th of March") counts only when a birth word is near it:
 * "born", "DOB", "date of birth", "birth date", "birthday" within 40 characters before it in the
 * same sentence (or the answer to a question that asks for it) with no other date in between ("DOB 1980-04-02, customer since 2019-05-06" masks
 * only the first), or right after it ("03/12/1985 (DOB)"). Other dates are not personal data here
 * and stay as they are: a model needs them (due dates, order dates). A day and month without a year
 * count only right after the birth word ("birthday: 14 July"). A month and year alone does not.
 */
import { labelEndBefore, withoutNested, type Span } from './context';

const MONTH_NAMES = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const MONTH = `(${MONTH_NAMES})\\.?`;
const ORDINAL = '(?:st|nd|rd|th)?';

interface DateCandidate {
  start: number;
  end: number;
  hasYear: boolean;
}

/** Each format, and how to read day, month and year from its match (month as a number or a name). */
const FORMATS: Array<{ regex: RegExp; parts: (m: RegExpMatchArray) => Array<[day: string, month: string, year: string]> }> = [
  // 1985-03-12, 1985/3/12
  { regex: /(?<![\w./-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\w]|[-/.]\d)/g, parts: (m) => [[m[4]!, m[3]!, m[1]!]] },
  // 12/03/1985, 03-12-85, 12.03.1985: day-month or month-day, either reading will do.
  {
    regex: /(?<![\w./-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w]|[-/.]\d)/g,
    parts: (m) => [
      [m[1]!, m[3]!, m[4]!],
      [m[3]!, m[1]!, m[4]!],
    ],
  },
  // 12 March 1985, 12th of March, 1985, 3 Sept. 85, 14 July
  { regex: new RegExp(`\\b(\\d{1,2})${ORDINAL}\\.?(?:\\s+of)?\\s+${MONTH}(?:,?\\s+(\\d{4}|'\\d{2}))?(?![\\w])`, 'gi'), parts: (m) => [[m[1]!, m[2]!, m[3] ?? '']] },
  // March 12, 1985, Mar 12th 1985, July 14
  { regex: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}|'\\d{2}))?(?![\\w])`, 'gi'), parts: (m) => [[m[2]!, m[1]!, m[3] ?? '']] },
];

const MONTH_INDEX = MONTH_NAMES.split('|').map((name) => name.slice(0, 3));

function monthNumber(month: string): number {
  if (/^\d+$/.test(month)) return Number(month);
  return MONTH_INDEX.indexOf(month.slice(0, 3).toLowerCase()) + 1;
}

function plausible(day: string, month: string, year: string): boolean {
  const d = Number(day);
  const m = monthNumber(month);
  if (d < 1 || d > 31 || m < 1 || m > 12) return false;
  if (year === '') return true;
  const y = Number(year.replace("'", ''));
  return year.length !== 4 || (y >= 1900 && y <= 2030);
}

function dateCandidates(text: string): DateCandidate[] {
  const found: DateCandidate[] = [];
  for (const { regex, parts } of FORMATS) {
    for (const match of text.matchAll(regex)) {
      const readings = parts(match);
      if (!readings.some(([day, month, year]) => plausible(day, month, year))) continue;
      found.push({ start: match.index, end: match.index + match[0].length, hasYear: readings[0]![2] !== '' });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  // A date inside a longer one ("12 March" in "12 March 1985") is dropped.
  return withoutNested(found);
}

const BIRTH_WORD = /\b(?:born|d\.?o\.?b|date of birth|birth ?date|birthday|b-?day|geboren|geb)(?![a-z])\.?/gi;
const LISTED = /^(?:,|;|\/|,? or|,? not|,? and)?\s*(?:not\s+)?$/;
const BIRTH_WORD_AFTER = /^[\s(,:-]{0,4}(?:born|d\.?o\.?b|date of birth|birth ?date|birthday)(?![a-z])/i;

/** A sentence end between the birth word and the date; a question is allowed ("your date of birth?\nIt's 3 May 1971"). */
function sentenceBetween(between: string): boolean {
  return /[.!]\s|\n\s*\n/.test(between) || (between.match(/\?\s/g)?.length ?? 0) > 1;
}

export function detectDatesOfBirth(text: string): Span[] {
  const spans: Span[] = [];
  const candidates = dateCandidates(text);
  candidates.forEach((candidate, i) => {
    const previous = candidates[i - 1];
    const wordEnd = labelEndBefore(text, candidate.start, BIRTH_WORD, 60);
    const near = wordEnd >= 0 && candidate.start - wordEnd <= (candidate.hasYear ? 40 : 16);
    const before = near && wordEnd > (previous?.end ?? -1) && !sentenceBetween(text.slice(wordEnd, candidate.start));
    const after = candidate.hasYear && BIRTH_WORD_AFTER.test(text.slice(candidate.end, candidate.end + 24));
    // "7 Jan 1962, not 1 Jul 1962", "12/03/85 or 03/12/85": a date listed right after a date of birth.
    const listed = previous !== undefined && spans[spans.length - 1]?.end === previous.end && LISTED.test(text.slice(previous.end, candidate.start));
    if (before || after || listed) spans.push({ type: 'date_of_birth', start: candidate.start, end: candidate.end });
  });
  return spans;
}
