/**
 * Person names, by rules (no library: see detect.ts for the libraries weighed and why). A
 * capitalised word or run of words is a name when the text around it says so:
 * 1. strong cues, which take even given names that are also common words ("Will", "May", "Grant",
 *    "Bill", "Hope"): a title (Mr, Ms, Dr, Herr, Mme...), "my name is" (and its French, German,
 *    Spanish, Portuguese, Italian, Dutch forms), a label at the start of a line ("Name:",
 *    "Customer:", "Emergency contact:", "From:", a JSON key like "full_name"; a lowercase value when
 *    it is the whole of a name field, "Name: marcus oyelaran"), a chat mention ("@Robin"), a
 *    greeting at the start of a line or sentence
 *    ("Hi Dana,", "Bonjour Camille"), a sign-off followed by a name ("Best regards,\nDana
 *    Whitfield", "Thanks, Will"), a colleague's team ("Sunny from the billing team");
 * 2. weak cues ("spoke with", "this is", "his wife,", "the candidate,", "<name> said"), which take
 *    two or more name words, or one given name that is not also a common word;
 * 3. given names (nameWords.ts) followed by family names ("Sabine Vogel", "Will Carver"), any
 *    capitalised word before a frequent family name ("Hamish Ferguson"), and unambiguous given
 *    names alone ("Priyanka"); a given name that is also a common word needs the family name, so
 *    "Bill Payment Failed" and "Grant Application" are not names;
 * 4. words of a name found once, found again in the same text ("Mrs. Hope Abernathy ... Mrs.
 *    Abernathy", "Will Carver ... Will mentioned"), except an ambiguous word opening a sentence
 *    and followed by what a question or an order would follow it with ("Will this be fixed?",
 *    "May I have", "Grant access").
 * Titles, labels and greetings are not part of the entity ("Dr <PERSON_1>" keeps its sense).
 */
import type { Span } from './context';
import { AMBIGUOUS_GIVEN_NAMES, FAMILY_NAMES, GIVEN_NAMES, NOT_NAME_WORDS } from './nameWords';

/** A capitalised name word: Dana, O'Brien, McAllister, Smith-Jones, José, Łukasz. */
const WORD = String.raw`(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?`;
const INITIAL = String.raw`\p{Lu}\.`;
const PARTICLE = String.raw`(?:van|von|de|der|den|da|di|del|della|du|la|le|bin|ibn|al|el|dos|das|ter|ten)`;
/** Name words on one line, with initials and particles between: "Anna van der Berg", "J. R. Tolkien". */
const SEQUENCE = String.raw`(?:${INITIAL}[ \t]?)*${WORD}(?:[ \t]+(?:${PARTICLE}[ \t]+){0,2}(?:${INITIAL}[ \t]?)*${WORD}){0,3}`;
const NOT_LETTER_BEFORE = String.raw`(?<![\p{L}\p{N}_'’.-])`;

/** "[Ss]poke with": cues match with either case of their first letter. */
function cue(list: string): string {
  return list
    .split('|')
    .map((phrase) => phrase.replace(/^\p{L}/u, (first) => `[${first.toUpperCase()}${first.toLowerCase()}]`))
    .join('|');
}

const LINE_START = String.raw`(?:^|\n)[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*)?(?:[-—–*•>][ \t]*)?`;
const TITLE = String.raw`\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Miss|Mister|Sir|Dame|Madam|Mme|Mlle|Herr|Frau|Sr|Sra|Srta|Sig|Sig\.ra)\.?[ \t]+`;
const INTRO = String.raw`\b(?:${cue('my name is|my name\'s|name is|i am called|call me|meu nome é|me llamo|mi nombre es|je m\'appelle|ich heiße|ich heisse|mein name ist|mi chiamo|mijn naam is')})[ \t]+`;
const ROLES = 'name|names|attendees|participants|present|customer|client|contact|contact person|holder|cardholder|policyholder|owner|patient|caller|requester|reporter|applicant|co-applicant|guest|passenger|tenant|employee|agent|rep|assignee|by|to|from|cc|bcc|attn|attention|signed|signature|signatory|claimant|beneficiary|insured|payee|recipient|addressee|sender|driver|member|user|candidate|witness|lead|person|attendee|speaker|host|interviewer|interviewee|parent|guardian|spouse|partner|kin|manager|supervisor|reviewer|approver|author|student|teacher|doctor|physician|nurse|buyer|seller|landlord|consignee';
/** The same roles as JSON keys: "full_name": "...", "customerName": "...", "contact": "...". */
const JSON_LABEL = String.raw`"(?:[A-Za-z]+[_ -]?){0,2}(?:[Nn]ame|[Cc]ustomer|[Cc]lient|[Cc]ontact|[Hh]older|[Oo]wner|[Pp]atient|[Cc]aller|[Rr]equester|[Rr]eporter|[Aa]pplicant|[Gg]uest|[Pp]assenger|[Ee]mployee|[Aa]gent|[Aa]ssignee|[Ss]ender|[Rr]ecipient|[Mm]anager|[Rr]eviewer|[Aa]uthor|[Ss]igner)"[ 	]*:[ 	]*"`;
/** A mention in a chat export: "@Robin can you check", "cc @Will". */
const MENTION = String.raw`(?<![\p{L}\p{N}_.])@`;
/** "Name: marcus oyelaran" in a form: lowercase words, the whole value of a name field. */
const NAME_FIELD_LOWERCASE = new RegExp(String.raw`(?:${LINE_START}|"(?:[A-Za-z]+[_ -]?){0,2}[Nn]ame"[ 	]*:[ 	]*")(?:(?:[Ff]ull|[Ff]irst|[Ll]ast|[Gg]iven|[Ff]amily|[Cc]ustomer|[Cc]ontact|[Cc]lient|[Pp]atient|[Aa]ccount)[ 	]+)?(?:[Nn]ame|NAME)[ 	]*:?[ 	]*(\p{Ll}{2,}(?:[ '-]\p{Ll}{2,}){0,3})(?=[ 	]*(?:
|$|"))`, 'gu');
const LABEL = String.raw`(?:${LINE_START}|[.!?][ \t]+)(?:[\p{L}'-]+[ \t]+){0,2}(?:${cue(ROLES)})[ \t]*:[ \t]*`;
const GREETINGS = 'hi|hello|hey|dear|morning|good morning|good afternoon|good evening|thanks|thank you|thx|cheers|hiya|greetings|welcome|congrats|congratulations|bonjour|bonsoir|salut|hallo|hola|olá|ola|oi|ciao|buongiorno|grüezi|gruezi|servus|moin|hej|hei|estimado|estimada|querido|querida|cher|chère|liebe|lieber|sehr geehrte|sehr geehrter|caro|cara|gentile|prezado|prezada';
const GREETING = String.raw`(?:${LINE_START}|[.!?:][ \t]+)(?:${cue(GREETINGS)}),?[ \t]+`;
const SIGN_OFFS = 'regards|best regards|kind regards|warm regards|warmest regards|best|best wishes|thanks|thanks again|thank you|many thanks|cheers|sincerely|yours|yours sincerely|yours truly|yours faithfully|all the best|take care|talk soon|respectfully|cordialement|bien à vous|bien cordialement|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|freundliche grüsse|viele grüße|viele grüsse|beste grüße|liebe grüße|lg|mfg|saludos|un saludo|atentamente|obrigado|obrigada|abraços|cumprimentos|atenciosamente|distinti saluti|cordiali saluti|saluti|grazie|met vriendelijke groet|groeten|groetjes|med vänliga hälsningar|vänliga hälsningar|hälsningar|mvh|vennlig hilsen|med venlig hilsen|venlig hilsen|pozdrawiam|merci|danke|gracias|--|—|–';
const SIGN_OFF = String.raw`${LINE_START}(?:${cue(SIGN_OFFS)})[,!.]?[ \t]*(?:\n[ \t]*|(?=\p{Lu}))`;

const WEAK_CUES = 'spoke with|spoke to|speaking with|talked to|talking to|met with|meeting with|according to|this is|it\'s|it is|i\'m|i am|ask for|asked for|assigned to|requested by|reported by|submitted by|approved by|signed by|handled by|escalated to|forwarded to|cc|cc\'d|wife|husband|partner|son|daughter|brother|sister|mother|father|mum|mom|dad|colleague|colleagues|manager|boss|candidate|customer|client|contact|guest|applicant|reporter|caller|patient|tenant|landlord|employee|technician|doctor|nurse|lawyer|attorney|neighbour|neighbor|friend|named|soy|sono|ik ben|je suis|ich bin|sou';
const WEAK = String.raw`\b(?:${cue(WEAK_CUES)}),?[ \t]+`;
const SAID = 'said|says|wrote|writes|called|calls|rang|phoned|emailed|texted|asked|asks|confirmed|confirms|replied|mentioned|reported|explained|noted|added|agreed|complained|requested|visited|joined|left|signed|paid|booked|cancelled|canceled|ordered|opened|raised|sent|shared|wants|needs|will|would|has|had|is|was';

/** "<name> from the billing team": a colleague introduced by their team. */
const FROM_TEAM = String.raw`(?=[ \t]+from[ \t]+(?:the[ \t]+|our[ \t]+)?(?:\p{L}+[ \t]+)?(?:team|department|dept|desk|office|support|billing|sales|accounts|hr|it)\b)`;
const LIST_TAIL = String.raw`(?:[ \t]*(?:,|;|&|\band\b)[ \t]*(?:${TITLE})?${SEQUENCE})*`;

const STRONG_RULES = [
  ...[INTRO, GREETING, SIGN_OFF].map((before) => new RegExp(`${before}(${SEQUENCE})`, 'gu')),
  // A title may come before a family name with its particle: "Mr de Jong", "Frau von Arnim".
  new RegExp(`${TITLE}((?:${PARTICLE}[ \t]+){0,2}${SEQUENCE})`, 'gu'),
  new RegExp(`${JSON_LABEL}(${SEQUENCE})`, 'gu'),
  new RegExp(`${MENTION}(${WORD})`, 'gu'),
  // A label takes a list: "Attendees: Art Delgado, Mark Chen and Dr. Penelope Strauss".
  new RegExp(`${LABEL}(${SEQUENCE}${LIST_TAIL})`, 'gu'),
  new RegExp(`${NOT_LETTER_BEFORE}(${SEQUENCE})${FROM_TEAM}`, 'gu'),
];
const WEAK_RULES = [new RegExp(`${WEAK}(${SEQUENCE})`, 'gu'), new RegExp(`${NOT_LETTER_BEFORE}(${SEQUENCE})(?=[ \\t]+(?:${SAID})\\b)`, 'gu')];
const RUN = new RegExp(`${NOT_LETTER_BEFORE}${WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+){0,2}${WORD})*`, 'gu');
const WORD_IN_RUN = new RegExp(`${WORD}|${PARTICLE}`, 'gu');

const lower = (word: string) => word.toLowerCase();
const isAmbiguous = (word: string) => AMBIGUOUS_GIVEN_NAMES.has(lower(word));
const isGiven = (word: string) => GIVEN_NAMES.has(lower(word));
/** Not a name, whatever the cue ("Hi team", "Customer: Mrs. ..."). */
const isNotName = (word: string) => NOT_NAME_WORDS.has(lower(word)) && !isAmbiguous(word);
const PARTICLE_ALONE = new RegExp(`^${PARTICLE}$`);
const isParticle = (word: string) => PARTICLE_ALONE.test(word);

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsIn(text: string, start: number, end: number): Word[] {
  return [...text.slice(start, end).matchAll(WORD_IN_RUN)].map((m) => ({ text: m[0], start: start + m.index, end: start + m.index + m[0].length }));
}

/** The leading name words of a cued sequence: cut at the first word that is not a name, particles not last. */
function nameWords(words: readonly Word[]): Word[] {
  const kept: Word[] = [];
  for (const word of words) {
    if (isNotName(word.text)) break;
    kept.push(word);
  }
  while (kept.length > 0 && isParticle(kept[kept.length - 1]!.text)) kept.pop();
  return kept;
}

const spanOf = (words: readonly Word[]): Span => ({ type: 'person', start: words[0]!.start, end: words[words.length - 1]!.end });

const LIST_SEPARATOR = /[ \t]*(?:,|;|&|\band\b)[ \t]*/gu;
const TITLE_AT_START = new RegExp(`^${TITLE}`, 'u');

/** The name in one cued sequence, or null. */
function cuedName(text: string, start: number, end: number, weak: boolean): Span | null {
  const all = wordsIn(text, start, end);
  const words = nameWords(all);
  if (words.length === 0) return null;
  const single = words.length === 1 && words[0]!;
  if (single && weak && (!isGiven(single.text) || isAmbiguous(single.text))) return null;
  // "Best wishes,\nTreasury Operations": one unknown word cut from a longer capitalised phrase is not a name.
  if (single && all.length > 1 && !isGiven(single.text) && !isAmbiguous(single.text)) return null;
  if (inCompanyName(text, words[words.length - 1]!.end)) return null;
  return spanOf(words);
}

function cuedNames(text: string, rules: readonly RegExp[], weak: boolean): Span[] {
  const spans: Span[] = [];
  for (const rule of rules) {
    for (const match of text.matchAll(rule)) {
      const captured = match[1] ?? '';
      const start = match.index + match[0].length - captured.length;
      let from = 0;
      for (const separator of [...captured.matchAll(LIST_SEPARATOR), null]) {
        const to = separator ? separator.index : captured.length;
        const part = captured.slice(from, to);
        const title = TITLE_AT_START.exec(part)?.[0].length ?? 0;
        const name = cuedName(text, start + from + title, start + to, weak);
        if (name) spans.push(name);
        if (separator) from = separator.index + separator[0].length;
      }
    }
  }
  return spans;
}

/** "St. Louis", "San Diego", "Fort William", "Lake Louise": a place, not a person. */
const PLACE_BEFORE = /\b(?:St|Ste|Saint|Sainte|San|Santa|Santo|São|Fort|Ft|Port|Lake|Mount|Mt|Cape|Glen|Isle|Bad)\.?[ \t]$/;

/** Given names and the family names after them, anywhere in the text. */
function lexiconNames(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(RUN)) {
    if (PLACE_BEFORE.test(text.slice(Math.max(0, match.index - 8), match.index))) continue;
    const words = wordsIn(text, match.index, match.index + match[0].length);
    for (let i = 0; i < words.length; i += 1) {
      const first = words[i]!;
      const beforeFamilyName = i + 1 < words.length && FAMILY_NAMES.has(lower(words[i + 1]!.text)) && !isNotName(first.text) && !isParticle(first.text);
      if (!isGiven(first.text) && !isAmbiguous(first.text) && !beforeFamilyName) continue;
      const name = [first];
      for (let j = i + 1; j < words.length && name.length < 5; j += 1) {
        const word = words[j]!;
        if (isNotName(word.text) || (isAmbiguous(word.text) && !isParticle(word.text))) break;
        name.push(word);
      }
      while (name.length > 1 && isParticle(name[name.length - 1]!.text)) name.pop();
      if (name.length === 1 && isAmbiguous(first.text)) continue;
      if (inCompanyName(text, name[name.length - 1]!.end)) continue;
      spans.push(spanOf(name));
      i += name.length - 1;
    }
  }
  return spans;
}

/** Lowercase words that follow an ambiguous word opening a question or an order: "Will this", "May I", "Grant access". */
const NOT_AFTER_NAME = new Set('this that these those the a an you your we i it its they he she me us them him her be not there access permission all some any one our my his their to yes no'.split(' '));

/** After an ambiguous word opening a sentence: a verb, a comma or the end of the line, not "this", "I", "access". */
function followedLikeAName(text: string, end: number): boolean {
  const next = /^[ \t]+(\p{L}+)|^[ \t]*(?:[,;]|\n|$)/u.exec(text.slice(end, end + 40));
  if (!next) return false;
  return next[1] === undefined || !NOT_AFTER_NAME.has(next[1].toLowerCase());
}

/** "Grant Application", "Bill Payment": an ambiguous word heading a capitalised phrase that is not a name. */
function headsPhrase(text: string, end: number): boolean {
  const next = /^[ \t]+(\p{Lu}\p{Ll}+)/u.exec(text.slice(end, end + 40));
  return next !== null && isNotName(next[1]!);
}

const COMPANY_AHEAD = /^(?:[ \t]+(?:&[ \t]+)?\p{Lu}[\p{L}&'-]*){0,3},?[ \t]+(?:Ltd|Limited|Inc|LLC|LLP|GmbH|AG|KG|SA|S\.A\.|S\.r\.l\.|SRL|SpA|S\.p\.A\.|BV|B\.V\.|NV|plc|PLC|Corp|Corporation|Co|Company|Group|Pty|Oy|AB|AS|ApS)(?![\p{L}])/u;

/** "Coho Vineyard Ltd", "Romano Forniture S.r.l.": the words are part of a company name. */
function inCompanyName(text: string, end: number): boolean {
  return COMPANY_AHEAD.test(text.slice(end, end + 80));
}

function opensSentence(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  return start === 0 || /(?:^|[.!?:\n]\s*|\n\s*)$/.test(before) || /[.!?]["')\]]?\s+$/.test(before);
}

/** Words of names already found, found again in the same text (see rule 4). */
function repeatedNames(text: string, found: readonly Span[]): Span[] {
  const known = new Set<string>();
  for (const span of found) for (const word of wordsIn(text, span.start, span.end)) if (!isParticle(word.text) && !isNotName(word.text)) known.add(word.text);
  if (known.size === 0) return [];
  const escaped = [...known].sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`${NOT_LETTER_BEFORE}(?:${escaped.join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    const word = match[0];
    const end = match.index + word.length;
    if (isAmbiguous(word) && ((opensSentence(text, match.index) && !followedLikeAName(text, end)) || headsPhrase(text, end))) continue;
    if (inCompanyName(text, end)) continue;
    spans.push({ type: 'person', start: match.index, end });
  }
  return spans;
}

/** Joins person spans that only whitespace separates ("Dana" + "Whitfield" found apart). */
function joined(spans: readonly Span[], text: string): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else if (last && /^[ \t]+$/.test(text.slice(last.end, span.start))) last.end = span.end;
    else out.push({ ...span });
  }
  return out;
}

/** Lowercase values of name fields, unless they are placeholders ("n/a" is not matched; "none", "unknown" are refused). */
function lowercaseNameFields(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(NAME_FIELD_LOWERCASE)) {
    const value = match[1] ?? '';
    if (value.split(/[ '-]/).some((word) => NOT_NAME_WORDS.has(word) || PLACEHOLDER_VALUES.has(word))) continue;
    const end = match.index + match[0].length;
    spans.push({ type: 'person', start: end - value.length, end });
  }
  return spans;
}

const PLACEHOLDER_VALUES = new Set('none unknown null undefined test tbd anonymous redacted withheld blank empty'.split(' '));

export function detectNamesByRules(text: string): Span[] {
  const found = [...cuedNames(text, STRONG_RULES, false), ...cuedNames(text, WEAK_RULES, true), ...lexiconNames(text), ...lowercaseNameFields(text)];
  return joined([...found, ...repeatedNames(text, found)], text);
}
