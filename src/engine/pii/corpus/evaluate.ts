/**
 * Scores a detector on the corpus: per built-in type, true and false positives and misses, so the
 * tests and the benchmark read the same figures. A detection counts when it has the annotated
 * offsets exactly; for names, when it lies inside an annotated name, and an annotated name is
 * found when detections cover all of it (a detected "Dana" in "Dana Whitfield" is not a miss
 * of "Dana", but "Whitfield" is left to find). Decoy hits are detections touching a decoy.
 */
import { PII_TYPES, type BuiltinPiiType, type PiiEntity } from '../types';
import { CORPUS, goldSpans, occurrences, type CorpusDocument, type GoldSpan } from './index';

export interface TypeScore {
  truePositives: number;
  falsePositives: number;
  misses: number;
  precision: number;
  recall: number;
}

export interface CorpusReport {
  scores: Record<BuiltinPiiType, TypeScore>;
  /** Annotated entities not found: `doc: type "value"`. */
  missed: string[];
  /** Detections that are not annotated entities. */
  spurious: string[];
  decoyHits: string[];
}

function covered(gold: GoldSpan, found: readonly PiiEntity[]): boolean {
  if (gold.type !== 'person') return found.some((e) => e.type === gold.type && e.start === gold.start && e.end === gold.end);
  const parts = found.filter((e) => e.type === 'person' && e.start < gold.end && e.end > gold.start).sort((a, b) => a.start - b.start);
  let reach = gold.start;
  for (const part of parts) if (part.start <= reach) reach = Math.max(reach, part.end);
  // Only letters are required to be covered: "Dana Whitfield" found as "Dana" + "Whitfield" is whole.
  return reach >= gold.end || parts.length > 1 && /^\s*$/.test(gold.value.slice(reach - gold.start));
}

function correct(entity: PiiEntity, golds: readonly GoldSpan[]): boolean {
  if (entity.type === 'person') return golds.some((g) => g.type === 'person' && g.start <= entity.start && g.end >= entity.end);
  return golds.some((g) => g.type === entity.type && g.start === entity.start && g.end === entity.end);
}

export function evaluateCorpus(detect: (text: string) => PiiEntity[], corpus: readonly CorpusDocument[] = CORPUS): CorpusReport {
  const counts = Object.fromEntries(PII_TYPES.map((type) => [type, { truePositives: 0, falsePositives: 0, misses: 0 }])) as Record<BuiltinPiiType, Omit<TypeScore, 'precision' | 'recall'>>;
  const report: CorpusReport = { scores: {} as Record<BuiltinPiiType, TypeScore>, missed: [], spurious: [], decoyHits: [] };
  for (const doc of corpus) {
    const golds = goldSpans(doc);
    const found = detect(doc.text);
    for (const gold of golds) {
      if (!covered(gold, found)) {
        counts[gold.type].misses += 1;
        report.missed.push(`${doc.id}: ${gold.type} "${gold.value}"`);
      }
    }
    for (const entity of found) {
      const type = entity.type as BuiltinPiiType;
      if (!counts[type]) continue;
      if (correct(entity, golds)) counts[type].truePositives += 1;
      else {
        counts[type].falsePositives += 1;
        report.spurious.push(`${doc.id}: ${type} "${entity.value}"`);
      }
    }
    for (const decoy of doc.decoys ?? []) {
      const places = occurrences(doc.text, decoy);
      if (places.length === 0) throw new Error(`${doc.id}: decoy "${decoy}" is not in the text`);
      for (const [start, end] of places) {
        const hit = found.find((e) => e.start < end && e.end > start);
        if (hit) report.decoyHits.push(`${doc.id}: decoy "${decoy}" touched by ${hit.type} "${hit.value}"`);
      }
    }
  }
  for (const type of PII_TYPES) {
    const { truePositives, falsePositives, misses } = counts[type];
    const golds = corpus.flatMap(goldSpans).filter((g) => g.type === type).length;
    report.scores[type] = {
      truePositives,
      falsePositives,
      misses,
      precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
      recall: golds === 0 ? 1 : (golds - misses) / golds,
    };
  }
  return report;
}
