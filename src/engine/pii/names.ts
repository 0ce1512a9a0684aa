/**
 * Person names by context (rules; see detect.ts for how a name library adds to them). A capitalised
 * word or run of words is a name when something around it says so:
 * - strong cues take even names that are also common words ("Will", "May", "Grant", "Bill",
 *   "Hope"): a title (Mr, Ms, Dr...), "my name is", a label ("Name:", "Customer:", "From:"), a
 *   greeting at the start of a line or sentence ("Hi Dana,"), a sign-off followed by a name line
 *   ("Best regards,\nDana Whitfield") or on the same line ("Thanks, Will");
 * - weak cues ("spoke with", "this is", "I'm", "<name> said") take only words that are not common
 *   words, or a given name followed by a family name.
 * The title, label or greeting itself is not part of the entity: "Dr <PERSON_1>" keeps its sense.
 */
import type { Span } from './context';

/** A capitalised name word: Dana, O'Brien, McAllister, Smith-Jones, José, Łukasz. */
const WORD = String.raw`(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?`;
const INITIAL = String.raw`\p{Lu}\.`;
const PARTICLE = String.raw`(?:van|von|de|der|den|da|di|del|della|du|la|le|bin|ibn|al|el|dos|das|ter|ten)`;
/** One to four name words on one line, with initials and particles between: "Anna van der Berg", "J. R. Tolkien". */
export const NAME_SEQUENCE = String.raw`(?:${INITIAL}[ \t]?)*${WORD}(?:[ \t]+(?:${PARTICLE}[ \t]+){0,2}(?:${INITIAL}[ \t]?)*${WORD}){0,3}`;

/** Capitalised words that are never a name on their own after a cue ("Hi team", "Dear Customer"). */
const NOT_NAMES = new Set(
  `all everyone everybody team teams there folks guys sir madam customer customers support sales billing colleagues friends
  again both you all again so for and the this that it we they he she i me us them our your my his her their a an to of in on at
  please thanks thank good morning afternoon evening hello hi hey dear regards best kind cheers sincerely yours
  monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october
  november december today tomorrow yesterday admin administrator user users member members manager managers department
  service services help helpdesk desk office account accounts finance hr it legal ops operations security privacy compliance`
    .split(/\s+/)
    .filter(Boolean),
);

const TITLE = String.raw`\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Miss|Mister|Sir|Dame|Madam|Mme|Mlle|Herr|Frau|Sr|Sra|Srta)\.?[ \t]+`;
const INTRO = String.raw`\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame is|[Ii] am called|[Cc]all me)[ \t]+`;
const LABEL = String.raw`(?:^|\n)[ \t]*(?:(?:Full |Customer |Client |Contact |Account |Legal |First |Last |Family |Given )?[Nn]ame|Customer|Client|Contact|Contact person|Cardholder|Card holder|Account holder|Account owner|Patient|Caller|Requester|Requested by|Reported by|Submitted by|Assigned to|Assignee|Owner|Agent|Rep|Employee|Applicant|Guest|Passenger|Tenant|Signed|Signature|From|To|Cc|Attn|Attention)[ \t]*:[ \t]*`;
const GREETING = String.raw`(?:^|\n|[.!?][ \t]+)[ \t]*(?:Hi|Hello|Hey|Dear|Morning|Good morning|Good afternoon|Good evening|Thanks|Thank you|Thx|Cheers|Hiya|Greetings|Welcome|Congrats|Congratulations),?[ \t]+`;
const SIGN_OFF = String.raw`(?:^|\n)[ \t]*(?:(?:Best|Kind|Warm|Warmest|Many thanks and)?[ \t]*[Rr]egards|Best(?: wishes)?|Thanks(?: again)?|Thank you|Many thanks|Cheers|Sincerely|Yours(?: sincerely| truly| faithfully)?|All the best|Take care|Talk soon|Respectfully|--|—|–)[,!.]?[ \t]*(?:\n[ \t]*|(?=[ \t]*\p{Lu})[ \t]*)`;

const STRONG = [TITLE, INTRO, LABEL, GREETING, SIGN_OFF].map((cue) => new RegExp(`${cue}(${NAME_SEQUENCE})`, 'gu'));

/** The name words of a match, less trailing words that are not names ("Hi Dana Team" keeps "Dana"). */
function trimmed(text: string, start: number, end: number): [number, number] | null {
  const words = [...text.slice(start, end).matchAll(/\S+/g)];
  while (words.length > 0 && NOT_NAMES.has(words[words.length - 1]![0].toLowerCase())) words.pop();
  if (words.length === 0 || NOT_NAMES.has(words[0]![0].toLowerCase())) return null;
  const last = words[words.length - 1]!;
  return [start, start + last.index + last[0].length];
}

export function detectNamesByRules(text: string): Span[] {
  const spans: Span[] = [];
  for (const regex of STRONG) {
    for (const match of text.matchAll(regex)) {
      const end = match.index + match[0].length;
      const range = trimmed(text, end - (match[1] ?? '').length, end);
      if (range) spans.push({ type: 'person', start: range[0], end: range[1] });
    }
  }
  return spans;
}
