/**
 * Small deterministic text helpers for the scripted demo responder: a stable hash, and values
 * derived from the user's message (first sentences, a few words, an id, an email, a URL).
 */

/** FNV-1a, 32 bits: a stable hash for deterministic choices. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A number in [0, 1) from a stable hash. */
export function stableFraction(text: string): number {
  return stableHash(text) / 0x1_0000_0000;
}

export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function sentences(text: string): string[] {
  const flat = normalizeSpace(text);
  if (!flat) return [];
  return (flat.match(/[^.!?]+(?:[.!?]+|$)/g) ?? [flat]).map(normalizeSpace).filter(Boolean);
}

/** `count` sentences from sentence `start` on, at most `maxChars` characters (cut at a word, with an ellipsis). */
export function sentencesFrom(text: string, start: number, count: number, maxChars: number): string {
  return clip(sentences(text).slice(start, start + count).join(' '), maxChars);
}

/** The first `count` sentences, at most `maxChars` characters. */
export function firstSentences(text: string, count: number, maxChars: number): string {
  return sentencesFrom(text, 0, count, maxChars);
}

/** Cuts text to at most `maxChars`, at a word boundary when possible, adding an ellipsis. */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 1) return text.slice(0, Math.max(0, maxChars));
  const cut = text.slice(0, maxChars - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length >= maxChars / 2 ? atWord : cut}…`;
}

/** The first `count` words, without trailing punctuation. */
export function firstWords(text: string, count: number): string {
  const words = normalizeSpace(text).split(' ').filter(Boolean).slice(0, count);
  return words.join(' ').replace(/[\s.,;:!?]+$/, '');
}

/** The first token that looks like an identifier (contains a digit), e.g. "#A-1042" -> "A-1042". */
export function findIdLike(text: string): string | undefined {
  const match = /(?:^|[\s(#:])([A-Za-z]{0,6}[-_]?\d[\w-]*)/.exec(text);
  return match?.[1]?.replace(/[-_]+$/, '');
}

export function findEmail(text: string): string | undefined {
  return /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(text)?.[0];
}

export function findUrl(text: string): string | undefined {
  return /https?:\/\/[^\s"'<>)]+/.exec(text)?.[0]?.replace(/[.,;:!?]+$/, '');
}

export function countWords(text: string): number {
  const flat = normalizeSpace(text);
  return flat ? flat.split(' ').length : 0;
}

/** Splits text into about `pieces` fragments at word boundaries; joined, they give back the text exactly. */
export function splitIntoChunks(text: string, pieces: number): string[] {
  if (!text) return [];
  const tokens = text.match(/\s*\S+\s*/g) ?? [text];
  const size = Math.max(1, Math.ceil(tokens.length / Math.max(1, pieces)));
  const chunks: string[] = [];
  for (let i = 0; i < tokens.length; i += size) chunks.push(tokens.slice(i, i + size).join(''));
  const joined = chunks.join('');
  // Whitespace-only text has no tokens: send it whole.
  return joined === text ? chunks : [text];
}

/** A property name split into lowercase words: "customerEmail" -> "customer email". */
export function nameWords(name: string | undefined): string {
  if (!name) return '';
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .toLowerCase()
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * How often `value` appears as a word in `text` ("billing_issue" also matches "billing issue";
 * a plural "s" is allowed), and where it first appears.
 */
export function wordOccurrences(value: string, text: string): { count: number; first: number; matched: string | null } {
  const words = value.split(/[\s_-]+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return { count: 0, first: -1, matched: null };
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s_-]+')}(?:e?s)?(?![\\p{L}\\p{N}])`, 'giu');
  let count = 0;
  let first = -1;
  let matched: string | null = null;
  for (const match of text.matchAll(pattern)) {
    if (count === 0) {
      first = match.index ?? 0;
      matched = match[0];
    }
    count += 1;
  }
  return { count, first, matched };
}
