/**
 * Lineage from real runs in memory: the lead research template on the demo model (with a judge
 * that fails the first draft, so the revise loop runs), approved at its review gate; and a small
 * revise loop on a frozen clock, where visits must resolve from the plan alone.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createScriptedProvider } from '../llm/scripted';
import { createModelResolver } from '../llm/resolver';
import type { ChatProvider } from '../llm/types';
import { createMemoryRunStore, type MemoryRunStore } from '../run/memoryStore';
import { resumeRun, startRun } from '../run/executor';
import { createFetchHttpPort } from '../run/fetchHttp';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { leadResearchFlow } from '../templates/leadResearch';
import '../testing/kinds';
import { resetTestKinds } from '../testing/kinds';
import { flowOf } from '../testing/flows';
import { offlineServices } from '../testing/services';
import { configFingerprint } from '../trust/fingerprint';
import { compile } from '../compile';
import { createLineage, type Lineage, type LineageNode, type LineageSource } from './lineage';

const INPUTS = { company: 'Northwind Logistics', contact: 'Dana Whitfield, Head of Operations', product: 'Route planning software.' };

/** The demo model, except that the judge scores the first draft it sees 2 out of 10. */
function strictFirstJudge(): ChatProvider {
  const demo = createScriptedProvider();
  let judged = 0;
  return {
    ...demo,
    async chat(request, options) {
      const system = request.messages[0]?.content ?? '';
      if (system.startsWith('You are an impartial evaluator') && judged++ === 0) {
        const response = await demo.chat(request, options);
        return { ...response, content: JSON.stringify({ reasons: ['It never mentions anything specific about the company.'], score: 2 }) };
      }
      return demo.chat(request, options);
    },
  };
}

const services = (provider: ChatProvider) => ({ models: createModelResolver([provider]), http: createFetchHttpPort(), sandbox: createQuickJsSandbox() });

async function leadRun(provider: ChatProvider, decide = true): Promise<{ store: MemoryRunStore; source: LineageSource }> {
  const store = createMemoryRunStore();
  const flow = leadResearchFlow();
  const paused = await (await startRun(flow, INPUTS, { store, services: services(provider), runId: 'r1' })).done;
  expect(paused.status).toBe('paused');
  if (decide) {
    const item = store.snapshot().reviews[0]!;
    await store.decideReview(item.id, { action: 'approve', by: 'Ada', at: item.createdAt + 1000 });
    const done = await (await resumeRun('r1', { store, services: services(provider) })).done;
    expect(done.status).toBe('succeeded');
  }
  const snap = store.snapshot();
  return { store, source: { flow, run: snap.runs[0]!, steps: snap.steps, reviews: snap.reviews } };
}

const names = (lineage: Lineage) => lineage.nodes.map((n) => `${n.nodeId}@${n.visit}`);
const node = (lineage: Lineage, nodeId: string, visit = 0) => lineage.nodes.find((n) => n.nodeId === nodeId && n.visit === visit) as LineageNode;

describe('lineage of the lead research template', () => {
  it('traces the approved message through the gate, the last draft, its feedback and the first draft to the run inputs', async () => {
    const { source } = await leadRun(strictFirstJudge());
    expect(source.steps.filter((s) => s.nodeId === 'compose')).toHaveLength(2);
    const result = createLineage(source).lineageOf({ type: 'run-output', name: 'message' });
    if (!result.ok) throw new Error(result.problem);
    const { lineage } = result;
    expect(lineage.value).toEqual(source.run.outputs.message);
    expect(lineage.truncated).toBe(false);

    // The target first; every visit before the ones it read from; the run inputs last.
    expect(names(lineage)).toEqual([
      'out_message@0',
      'gate@0',
      'ready@0',
      'quality@1',
      'grounding@1',
      'judge@1',
      'compose@1',
      'failed@0',
      'judge@0',
      'compose@0',
      'sources@0',
      'research@0',
      'identify@0',
      'lead@0',
    ]);
    const position = new Map(lineage.nodes.map((n, i) => [n.stepId, i]));
    for (const n of lineage.nodes) for (const link of n.fed) expect(position.get(link.to)!).toBeLessThan(position.get(n.stepId)!);

    // The gate: who decided, and that a person was asked.
    const gate = node(lineage, 'gate');
    expect(gate.touched.review).toMatchObject({ reviewed: true, itemId: 'r1:' + gate.stepIndex + ':0', decision: { action: 'approve', by: 'Ada' } });
    expect(gate.fed).toEqual([{ to: node(lineage, 'out_message').stepId, fromPort: 'approved', toPort: 'value', feedback: false }]);

    // The last draft: its model, its prompt version, and the feedback from the failed check.
    const flow = leadResearchFlow();
    const composeStep = compile(flow).plan.steps.find((s) => s.nodeId === 'compose')!;
    const compose = node(lineage, 'compose', 1);
    expect(compose.visits).toBe(2);
    expect(compose.touched.models).toEqual([{ providerId: 'demo', model: 'trellis-demo' }]);
    expect(compose.touched.promptVersion).toBe(configFingerprint('agent', composeStep.config, {}));
    expect(compose.touched.promptVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(compose.touched.checks.map((c) => `${c.layer}:${c.status}`)).toEqual(['structure:pass']);
    expect(compose.sources).toContain(node(lineage, 'failed').stepId);
    expect(node(lineage, 'failed').fed).toEqual([{ to: compose.stepId, fromPort: 'out', toPort: 'feedback', feedback: true }]);
    expect(node(lineage, 'judge').touched.checks).toMatchObject([{ layer: 'judge', status: 'fail' }]);
    expect(node(lineage, 'judge').touched.checks[0]!.version).toMatch(/^judge@/);
    expect(node(lineage, 'judge', 1).touched.promptVersion).toMatch(/^[0-9a-f]{16}$/);
    // The first draft read no feedback: the loop had not come round yet.
    expect(node(lineage, 'compose').sources.map((id) => id.split(':')[1])).not.toContain(String(node(lineage, 'failed').stepIndex));

    // Deterministic steps carry no prompt version or model.
    expect(node(lineage, 'ready').touched).toEqual({ models: [], checks: [] });

    // Sources outside the loop: their only visit, fed to both drafts.
    const research = node(lineage, 'research');
    expect(research.fed.map((l) => l.to)).toEqual(expect.arrayContaining([node(lineage, 'compose', 0).stepId, compose.stepId]));
    expect(research.touched.models[0]?.model).toBe('trellis-demo');

    // The run inputs the chain used, by field.
    expect(lineage.inputs).toEqual([
      {
        stepId: node(lineage, 'lead').stepId,
        nodeId: 'lead',
        label: 'Lead',
        fields: [
          { name: 'company', value: INPUTS.company },
          { name: 'contact', value: INPUTS.contact },
          { name: 'product', value: INPUTS.product },
        ],
      },
    ]);
  });

  it('leaves skipped paths and branches not taken out of the chain', async () => {
    const { source } = await leadRun(strictFirstJudge());
    const { lineage } = createLineage(source).lineageOf({ type: 'run-output', name: 'message' }) as { ok: true; lineage: Lineage };
    const skipped = source.steps.filter((s) => s.status === 'skipped').map((s) => s.id);
    expect(skipped.length).toBeGreaterThan(0); // grounding and quality on the first draft, the rejected output
    for (const id of skipped) expect(lineage.nodes.some((n) => n.stepId === id)).toBe(false);
    expect(lineage.nodes.some((n) => n.nodeId === 'out_research' || n.nodeId === 'out_rejected')).toBe(false);
    // Failed check took the judge's fail port; the other layers never ran on that draft.
    expect(node(lineage, 'failed').sources).toEqual([node(lineage, 'judge').stepId]);
  });

  it('traces a step output of the first visit to first-visit sources only', async () => {
    const { source } = await leadRun(strictFirstJudge());
    const judge0 = source.steps.find((s) => s.nodeId === 'judge' && s.visit === 0)!;
    const { lineage } = createLineage(source).lineageOf({ type: 'step', stepId: judge0.id }) as { ok: true; lineage: Lineage };
    expect(lineage.value).toEqual(judge0.outputs);
    expect(names(lineage)).toEqual(['judge@0', 'compose@0', 'sources@0', 'research@0', 'identify@0', 'lead@0']);
    expect(lineage.nodes.every((n) => n.visit === 0)).toBe(true);
  });

  it('traces a review decision, and a pending review item before anyone decided', async () => {
    const decided = await leadRun(createScriptedProvider());
    const item = decided.source.reviews![0]!;
    const fromDecision = createLineage(decided.source).lineageOf({ type: 'review', itemId: item.id });
    if (!fromDecision.ok) throw new Error(fromDecision.problem);
    expect(fromDecision.lineage.nodes[0]).toMatchObject({ nodeId: 'gate', touched: { review: { decision: { by: 'Ada' } } } });
    expect(fromDecision.lineage.value).toEqual(item.output);
    // Passed first time: no loop, so no failed check and one draft.
    expect(names(fromDecision.lineage)).toEqual(['gate@0', 'ready@0', 'quality@0', 'grounding@0', 'judge@0', 'compose@0', 'sources@0', 'research@0', 'identify@0', 'lead@0']);

    const pending = await leadRun(createScriptedProvider(), false);
    const waiting = pending.source.reviews![0]!;
    const fromPending = createLineage(pending.source).lineageOf({ type: 'review', itemId: waiting.id });
    if (!fromPending.ok) throw new Error(fromPending.problem);
    expect(fromPending.lineage.nodes[0]).toMatchObject({ nodeId: 'gate', status: 'waiting_review', touched: { review: { reviewed: true, itemId: waiting.id } } });
    expect(fromPending.lineage.nodes[0]!.touched.review!.decision).toBeUndefined();
    // Decided in the queue but not yet applied to the run: the item's decision shows.
    await pending.store.decideReview(waiting.id, { action: 'reject', by: 'Bo', reason: 'Too long.', at: waiting.createdAt + 1 });
    const later = createLineage({ ...pending.source, reviews: pending.store.snapshot().reviews }).lineageOf({ type: 'review', itemId: waiting.id });
    expect(later.ok && later.lineage.nodes[0]!.touched.review!.decision).toMatchObject({ action: 'reject', by: 'Bo', reason: 'Too long.' });
  });

  it('says why when there is nothing to trace', async () => {
    const { source } = await leadRun(createScriptedProvider(), false);
    const lineage = createLineage(source);
    expect(lineage.lineageOf({ type: 'run-output', name: 'message' })).toEqual({ ok: false, problem: 'No step of this run produced the output "message".' });
    expect(lineage.lineageOf({ type: 'run-output', name: 'nope' })).toEqual({ ok: false, problem: 'The flow has no output named "nope".' });
    expect(lineage.lineageOf({ type: 'step', stepId: 'r1:99:0' })).toMatchObject({ ok: false });
    expect(lineage.lineageOf({ type: 'review', itemId: 'r1:99:0' })).toMatchObject({ ok: false });
  });
});

describe('lineage of a revise loop on a frozen clock', () => {
  beforeEach(() => resetTestKinds());

  it('resolves visits from the plan: same loop, same visit; feedback from the previous turn; outside, the only visit', async () => {
    const flow = flowOf(
      [
        ['in', 't_source', { value: 'draft' }],
        ['compose', 't_step', { inputs: ['in'], optional: ['feedback'] }],
        ['check', 't_branch', { untilVisit: 2 }],
        ['side', 't_step'],
        ['ok', 't_sink', { name: 'ok' }],
      ],
      ['in.out -> compose.in', 'compose.out -> check.in', 'compose.out -> side.in', 'check.yes -> ok.value', { from: 'check.no', to: 'compose.feedback', loop: 3, id: 'revise' }],
    );
    const store = createMemoryRunStore();
    const run = await (await startRun(flow, {}, { store, services: offlineServices(), now: () => 1000, runId: 'loop' })).done;
    expect(run.status).toBe('succeeded');
    const snap = store.snapshot();
    const index = createLineage({ flow, run, steps: snap.steps });
    const { lineage } = index.lineageOf({ type: 'run-output', name: 'ok' }) as { ok: true; lineage: Lineage };
    expect(names(lineage)).toEqual(['ok@0', 'check@2', 'compose@2', 'check@1', 'compose@1', 'check@0', 'compose@0', 'in@0']);
    expect(node(lineage, 'check', 1).fed).toEqual([{ to: node(lineage, 'compose', 2).stepId, fromPort: 'no', toPort: 'feedback', feedback: true }]);
    expect(node(lineage, 'in').fed.map((l) => l.to)).toEqual([2, 1, 0].map((v) => node(lineage, 'compose', v).stepId));
    expect(new Set(lineage.nodes.map((n) => n.stepId)).size).toBe(lineage.nodes.length);
    expect(lineage.nodes.some((n) => n.nodeId === 'side')).toBe(false);

    // The side step ran once, after the loop settled: it read the last draft.
    const side = snap.steps.find((s) => s.nodeId === 'side')!;
    const fromSide = index.lineageOf({ type: 'step', stepId: side.id }) as { ok: true; lineage: Lineage };
    expect(names(fromSide.lineage).slice(0, 2)).toEqual(['side@0', 'compose@2']);
  });
});

describe('lineage bounds', () => {
  it('cuts a chain at the bound and says so', async () => {
    const { source } = await leadRun(createScriptedProvider());
    const result = createLineage(source, { maxNodes: 3 }).lineageOf({ type: 'run-output', name: 'message' });
    if (!result.ok) throw new Error(result.problem);
    expect(result.lineage.truncated).toBe(true);
    expect(names(result.lineage)).toEqual(['out_message@0', 'gate@0', 'ready@0']);
    expect(result.lineage.inputs).toEqual([]);
  });

  it('stays finite when records claim to feed each other (each visit once)', async () => {
    const { source } = await leadRun(createScriptedProvider());
    // Tampered records: every step says it started before everything finished, and reads every port.
    const steps = source.steps.map((s) => ({ ...s, startedAt: 0, finishedAt: 1e15, inputs: { ...s.inputs, feedback: 'x' } }));
    const result = createLineage({ ...source, steps }).lineageOf({ type: 'run-output', name: 'message' });
    if (!result.ok) throw new Error(result.problem);
    expect(new Set(result.lineage.nodes.map((n) => n.stepId)).size).toBe(result.lineage.nodes.length);
    expect(result.lineage.nodes.length).toBeLessThanOrEqual(steps.length);
  });
});
