/**
 * Audit trail verification (Node, Web Crypto): a chain of 100,000 entries shaped like the app's
 * (mostly step results with input and output hashes, runs, decisions, trust changes) is verified
 * end to end: every entry re-hashed (SHA-256 over canonical JSON) and every link checked. DESIGN.md
 * sets no budget; the budget here is 2 s, so the Audit page's "Verify" on a large log finishes
 * while the person waits. Also reported: how fast entries are chained when appended (each hash
 * needs the previous one, so appending is sequential).
 *
 * Call `auditBenchmarks(notes)` from the bench runner; `node --expose-gc --import tsx bench/audit.ts`
 * runs it alone.
 */
import { chainDrafts, EMPTY_HEAD, verifyChain, type AuditDraft } from '../src/engine/audit';
import { medianMs, printTable, result, type BenchResult } from './lib';

const COUNT = 100_000;
const HASH = 'a3f1'.repeat(16);

function draft(i: number): AuditDraft {
  const runId = `run_${String(Math.floor(i / 12)).padStart(8, '0')}`;
  const at = 1_760_000_000_000 + i * 37;
  switch (i % 12) {
    case 0:
      return { at, type: 'run.started', subject: { runId, flowId: 'flow-support' }, data: { flowVersion: HASH, resumed: false, flowName: 'Support ticket triage', inputsHash: HASH } };
    case 10:
      return { at, type: 'review.decided', actor: 'Ada Reviewer', subject: { reviewId: `${runId}:6:0`, runId, flowId: 'flow-support', gateNodeId: 'review', nodeId: 'draft' }, data: { action: 'approve', flowName: 'Support ticket triage', step: 'Draft reply' } };
    case 11:
      return { at, type: 'run.finished', subject: { runId, flowId: 'flow-support' }, data: { flowVersion: HASH, flowName: 'Support ticket triage', status: 'succeeded', outputsHash: HASH } };
    default:
      return {
        at,
        type: 'step.finished',
        subject: { runId, stepId: `${runId}:${i % 12}:0`, nodeId: `node-${i % 12}` },
        data: { stepIndex: i % 12, visit: 0, kind: 'agent', label: `Step ${i % 12}`, status: 'succeeded', attempts: 1, inputsHash: HASH, outputsHash: HASH },
      };
  }
}

export async function auditBenchmarks(notes: string[]): Promise<BenchResult[]> {
  const drafts = Array.from({ length: COUNT }, (_, i) => draft(i));
  const chainStart = performance.now();
  const entries = await chainDrafts(EMPTY_HEAD, drafts);
  const chainMs = performance.now() - chainStart;
  const head = { seq: COUNT - 1, hash: entries[COUNT - 1]!.hash };
  let checked = 0;
  const ms = await medianMs(async () => {
    const outcome = await verifyChain(entries, { head });
    if (!outcome.ok) throw new Error(`the benchmark chain does not verify: ${outcome.reason}`);
    checked = outcome.count;
  }, 3, undefined, 1);
  const bytes = JSON.stringify(entries).length;
  notes.push(
    `Audit trail: ${checked.toLocaleString('en-US')} entries (${(bytes / 1e6).toFixed(1)} MB as JSON) verified in ${Math.round(ms)} ms ` +
      `(${((ms * 1000) / COUNT).toFixed(1)} µs an entry: canonical JSON, SHA-256 through Web Crypto in batches of 512, links); ` +
      `chaining them one after another as appends do took ${Math.round(chainMs)} ms (${((chainMs * 1000) / COUNT).toFixed(1)} µs an entry).`,
  );
  return [result('audit: verify a 100,000-entry chain (budget set here, not in DESIGN.md)', ms, 'ms', 2000)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const notes: string[] = [];
  const results = await auditBenchmarks(notes);
  printTable(results);
  for (const note of notes) console.log(`\n${note}`);
}
