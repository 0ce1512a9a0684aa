/**
 * The grounding check's deterministic pre-check (Node): numbers and names of a 1-page output
 * (~3,000 characters) checked against ~20 pages of sources (~60,000 characters of generated
 * business prose full of numbers and names). DESIGN.md sets no budget for it; the budget here is
 * 5 ms, since a pre-check must be cheap next to the model call it can save.
 *
 * Call `groundingBenchmarks(notes)` from the bench runner;
 * `node --expose-gc --import tsx bench/grounding.ts` runs it alone.
 */
import { groundingPrecheck, type PrecheckText } from '../src/engine/validation/precheck';
import { medianMs, printTable, result, type BenchResult } from './lib';

const COMPANIES = ['Northwind Logistics', 'Contoso Health', 'Fabrikam Energy', 'Adventure Works', 'Tailspin Toys', 'Litware Systems', 'Proseware Analytics', 'Wingtip Partners', 'Coho Vineyard', 'Alpine Ski House', 'Lucerne Publishing', 'Woodgrove Bank', 'Fourth Coffee', 'Trey Research'];
const PEOPLE = ['Sarah Chen', "Daniel O'Brien", 'Priya Patel', 'Marcus Johnson', 'Elena Rossi', 'Kenji Tanaka', 'Amara Okafor', 'Lucas Meyer', 'Sofia Alvarez', 'Hannah Berg', 'Omar Haddad', 'Grace Liu'];
const CITIES = ['Rotterdam', 'Chicago', 'Singapore', 'Nairobi', 'Austin', 'Lyon', 'Toronto', 'Melbourne', 'Denver', 'Seoul'];
const ROLES = ['chief executive', 'head of operations', 'VP of Sales', 'chief financial officer', 'director of engineering', 'head of customer success'];
const MONTHS = ['January', 'March', 'April', 'June', 'September', 'November'];

/** mulberry32: a small seeded generator, so every run measures the same text. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sentenceMaker(seed: number): () => string {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const templates: Array<() => string> = [
    () => `${pick(COMPANIES)} reported revenue of $${int(2, 90)}.${int(1, 9)}M in ${int(2015, 2024)}, up ${int(3, 60)}% from the year before.`,
    () => `${pick(PEOPLE)}, who joined ${pick(COMPANIES)} as ${pick(ROLES)} in ${pick(MONTHS)} ${int(2016, 2024)}, leads a team of ${int(12, 480)} people in ${pick(CITIES)}.`,
    () => `The company ships ${int(1, 95)},${String(int(0, 999)).padStart(3, '0')} orders a month from its warehouse in ${pick(CITIES)}, and on-time delivery reached ${int(80, 99)}.${int(0, 9)}%.`,
    () => `In its latest survey, ${int(40, 95)}% of customers said they would recommend ${pick(COMPANIES)}; churn fell to ${int(2, 9)}.${int(0, 9)}% over ${int(2, 6)} quarters.`,
    () => `According to ${pick(PEOPLE)}, the partnership with ${pick(COMPANIES)} cut onboarding time from ${int(10, 40)} days to ${int(2, 9)} and saved about $${int(100, 900)},000 a year.`,
    () => `Analysts expect the market in ${pick(CITIES)} to grow to $${int(1, 12)}.${int(0, 9)} billion by ${int(2026, 2032)}, with ${pick(COMPANIES)} holding a share of roughly ${int(4, 30)} percent.`,
    () => `Most teams still reconcile invoices by hand, which is slow, error-prone and hard to audit when volumes spike at the end of each quarter.`,
    () => `The board approved a budget of €${int(1, 40)}.${int(1, 9)}m for new hires, mostly engineers and account managers based in ${pick(CITIES)}.`,
  ];
  return () => pick(templates)();
}

/** ~`chars` characters of paragraphs of 4-6 sentences. */
function prose(seed: number, chars: number): string {
  const sentence = sentenceMaker(seed);
  const next = random(seed + 1);
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const count = 4 + Math.floor(next() * 3);
    const paragraph = Array.from({ length: count }, sentence).join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

/** A 1-page output: sentences taken from the sources (grounded), and every fifth one made up. */
function output(sources: string, chars: number): string {
  const grounded = sources.split(/(?<=[.!?])\s+/);
  const madeUp = sentenceMaker(99);
  const next = random(7);
  const parts = ['Hi Sarah,', ''];
  let length = 0;
  for (let i = 0; length < chars; i += 1) {
    const sentence = i % 5 === 4 ? madeUp() : (grounded[Math.floor(next() * grounded.length)] as string);
    parts.push(sentence);
    length += sentence.length + 1;
  }
  parts.push('', 'Would a 20-minute call next Tuesday work?', '', 'Best regards,', 'Maya Rodriguez', 'Trellis');
  return parts.join('\n');
}

export async function groundingBenchmarks(notes: string[]): Promise<BenchResult[]> {
  const sources = prose(1, 60_000);
  const texts: PrecheckText[] = [{ path: '/body', text: output(sources, 3_000) }];
  const options = { numbers: true, names: true, allow: ['Trellis', 'Maya Rodriguez'] };
  const findings = groundingPrecheck(texts, sources, options);
  const ms = await medianMs(() => groundingPrecheck(texts, sources, options), 300);
  const large = prose(1, 600_000);
  const largeMs = await medianMs(() => groundingPrecheck(texts, large, options), 30);
  const pages = (chars: number) => Math.round(chars / 3_000);
  notes.push(
    `Grounding pre-check: ${ms.toFixed(2)} ms for a ${texts[0]!.text.length.toLocaleString('en-US')}-character output against ${sources.length.toLocaleString('en-US')} characters of sources ` +
      `(~${pages(sources.length)} pages; ${findings.length} unsupported numbers/names found), ${largeMs.toFixed(1)} ms against ${large.length.toLocaleString('en-US')} (~${pages(large.length)} pages): ` +
      `${(largeMs / ms).toFixed(1)}x the time for 10x the sources.`,
  );
  return [result('grounding pre-check: 1-page output vs 20 pages of sources (budget set here, not in DESIGN.md)', ms, 'ms', 5)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const notes: string[] = [];
  const results = await groundingBenchmarks(notes);
  printTable(results);
  for (const note of notes) console.log(`\n${note}`);
}
