/**
 * PII detection (Node): precision and recall per entity type on the annotated corpus
 * (src/engine/pii/corpus: 47 documents the rules were tuned on, and two held-out sets of 12 and 10
 * documents written afterwards; their scores before they were used for fixes are in
 * src/engine/pii/detect.ts), decoys touched, and throughput of `detectPii` on the corpus text
 * repeated to ~1 MB. DESIGN.md sets no budget; the budgets here: recall 1.0 on the structured
 * types (email, phone, credit card, SSN, IBAN, IP: a miss sends data to a model unmasked),
 * precision >= 0.95 on them (a false positive only masks a harmless number); recall and precision
 * >= 0.9 on dates of birth and names (context rules); at most the one known decoy touched; and
 * >= 1 kB/ms, so a 20 kB prompt costs under 20 ms.
 *
 * Call `piiBenchmarks(notes)` from the bench runner; `node --expose-gc --import tsx bench/pii.ts`
 * runs it alone.
 */
import { CORPUS, goldSpans, type CorpusDocument } from '../src/engine/pii/corpus/index';
import { evaluateCorpus, type CorpusReport } from '../src/engine/pii/corpus/evaluate';
import { HOLDOUT } from '../src/engine/pii/corpus/holdout';
import { HOLDOUT_2 } from '../src/engine/pii/corpus/holdout2';
import { detectPii } from '../src/engine/pii/detect';
import { PII_TYPES, type BuiltinPiiType } from '../src/engine/pii/types';
import { medianMs, printTable, result, type BenchResult } from './lib';

const STRUCTURED: readonly BuiltinPiiType[] = ['email', 'phone', 'credit_card', 'ssn', 'iban', 'ip_address'];

function table(title: string, docs: readonly CorpusDocument[], report: CorpusReport): string {
  const golds = docs.flatMap(goldSpans);
  const rows = PII_TYPES.map((type) => {
    const s = report.scores[type];
    const count = golds.filter((g) => g.type === type).length;
    return `  ${type.padEnd(14)} ${String(count).padStart(4)}  precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  (${s.falsePositives} false positives, ${s.misses} missed)`;
  });
  const problems = [...report.missed.map((m) => `missed ${m}`), ...report.spurious.map((m) => `false positive ${m}`), ...report.decoyHits];
  return [`${title}: ${docs.length} documents, ${golds.length} entities, ${docs.flatMap((d) => d.decoys ?? []).length} decoys`, ...rows, ...problems.map((p) => `  ${p}`)].join('\n');
}

export async function piiBenchmarks(notes: string[]): Promise<BenchResult[]> {
  const detect = (text: string) => detectPii(text);
  const all = [...CORPUS, ...HOLDOUT, ...HOLDOUT_2];
  const report = evaluateCorpus(detect, all);
  const minOf = (types: readonly BuiltinPiiType[], key: 'precision' | 'recall') => Math.min(...types.map((type) => report.scores[type][key]));

  const base = all.map((doc) => doc.text).join('\n\n');
  const text = base.repeat(Math.ceil(1_000_000 / base.length));
  const ms = await medianMs(() => detectPii(text), 7);
  const kbPerMs = text.length / 1000 / ms;

  notes.push(table('PII corpus (tuning set)', CORPUS, evaluateCorpus(detect, CORPUS)));
  notes.push(table('PII corpus (first held-out set, since used for fixes)', HOLDOUT, evaluateCorpus(detect, HOLDOUT)));
  notes.push(table('PII corpus (second held-out set: JSON, tables, chats; since used for fixes)', HOLDOUT_2, evaluateCorpus(detect, HOLDOUT_2)));
  notes.push(`PII detection throughput: ${text.length.toLocaleString('en-US')} characters in ${ms.toFixed(0)} ms (${kbPerMs.toFixed(2)} kB/ms), ${detectPii(text).length.toLocaleString('en-US')} entities.`);
  return [
    result('PII recall, structured types (lowest of email, phone, card, SSN, IBAN, IP)', minOf(STRUCTURED, 'recall'), '', 1, 'min'),
    result('PII precision, structured types (lowest)', minOf(STRUCTURED, 'precision'), '', 0.95, 'min'),
    result('PII recall, dates of birth', report.scores.date_of_birth.recall, '', 0.9, 'min'),
    result('PII precision, dates of birth', report.scores.date_of_birth.precision, '', 0.9, 'min'),
    result('PII recall, person names', report.scores.person.recall, '', 0.9, 'min'),
    result('PII precision, person names', report.scores.person.precision, '', 0.9, 'min'),
    result('PII decoys touched (look-alike numbers, common-word names, other dates; 1 known)', report.decoyHits.length, '', 1),
    result('PII detection throughput, ~1 MB of corpus text', kbPerMs, 'kB/ms', 1, 'min'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const notes: string[] = [];
  const results = await piiBenchmarks(notes);
  printTable(results);
  for (const note of notes) console.log(`\n${note}`);
}
