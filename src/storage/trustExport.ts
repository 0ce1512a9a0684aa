/**
 * A step's reviewed examples as JSONL, ready to use as an evaluation set or as training data:
 * one line per decided review item of the step (every configuration it has had), oldest first:
 *
 *   {"input":…,"output":…,"decision":"approved"|"edited"|"rejected","editedOutput":…|null,
 *    "reason":"…"|null,"reviewer":"…","decidedAt":"2026-01-31T12:00:00.000Z","runId":"…",
 *    "checks":[{"layer":"judge","validator":"…","status":"pass","score":8,"threshold":7},…]}
 *
 * `output` is what the step produced; `editedOutput` what the reviewer made of it (edits only);
 * `reason` the rejection's reason (or a note given with another decision); `checks` where each
 * validator stood when the person decided (its latest verdict), so a validator can be measured
 * against people: what it passed that they rejected. Pending and withdrawn
 * items are left out: they have no decision.
 */
import { Dexie } from 'dexie';
import type { ReviewItem } from '../engine/run/types';
import { trustDecisionFor, trustKey, type TrustDecision } from '../engine/trust';
import type { TrellisDB } from './db';
import { trustKeyOf } from './trustDecisions';
import { latestVerdicts, type VerdictLayer, type VerdictStatus } from '../engine/validation/verdict';

export interface ReviewedExample {
  input: unknown;
  output: unknown;
  decision: TrustDecision;
  editedOutput: unknown;
  reason: string | null;
  reviewer: string;
  decidedAt: string;
  runId: string;
  checks: ExampleCheck[];
}

export interface ExampleCheck {
  layer: VerdictLayer;
  validator: string;
  status: VerdictStatus;
  score: number | null;
  threshold: number | null;
}

/** The example a decided item makes; null for an item without a decision. */
export function exampleOf(item: ReviewItem): ReviewedExample | null {
  const decision = item.decision;
  if (!decision) return null;
  return {
    input: item.input ?? null,
    output: item.output ?? null,
    decision: trustDecisionFor(decision.action),
    editedOutput: decision.action === 'edit' ? (decision.editedOutput ?? null) : null,
    reason: decision.reason ?? null,
    reviewer: decision.by,
    decidedAt: new Date(decision.at).toISOString(),
    runId: item.runId,
    checks: latestVerdicts((item.verdicts ?? []).filter((v) => v.layer !== 'human')).map((v) => ({
      layer: v.layer,
      validator: v.validator,
      status: v.status,
      score: v.score,
      threshold: v.threshold,
    })),
  };
}

/** One JSON object per line, each line ending in "\n" (empty text for no examples). */
export function toJsonl(examples: readonly ReviewedExample[]): string {
  return examples.map((example) => `${JSON.stringify(example)}\n`).join('');
}

/**
 * The decided review items whose outputs count for the trust record `flowId`/`nodeId`, oldest
 * first: the step's outputs reviewed at a gate (by the `[flowId+subjectNodeId+createdAt]`
 * index), and, when the record is a gate's own (a gate with no step before it), that gate's items.
 */
export async function reviewedItems(db: TrellisDB, flowId: string, nodeId: string): Promise<ReviewItem[]> {
  const key = trustKey(flowId, nodeId);
  const [bySubject, byGate] = await Promise.all([
    db.reviews.where('[flowId+subjectNodeId+createdAt]').between([flowId, nodeId, Dexie.minKey], [flowId, nodeId, Dexie.maxKey], true, true).toArray(),
    db.reviews.where('[status+flowId+gateNodeId+createdAt]').between(['decided', flowId, nodeId, Dexie.minKey], ['decided', flowId, nodeId, Dexie.maxKey], true, true).toArray(),
  ]);
  const items = [...bySubject, ...byGate.filter((item) => item.subjectNodeId === undefined)];
  return items.filter((item) => item.decision !== undefined && trustKeyOf(item) === key).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The step's reviewed examples as JSONL text, and how many there are. */
export async function reviewedExamplesJsonl(db: TrellisDB, flowId: string, nodeId: string): Promise<{ text: string; count: number }> {
  const examples = (await reviewedItems(db, flowId, nodeId)).flatMap((item) => {
    const example = exampleOf(item);
    return example ? [example] : [];
  });
  return { text: toJsonl(examples), count: examples.length };
}
