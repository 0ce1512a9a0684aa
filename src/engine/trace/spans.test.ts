/**
 * Traces from real runs: the lead research template on the demo model, paused at its review gate
 * and then decided, gives a tree of spans whose parents come first, whose model calls, tool calls
 * and validation layers sit under their steps within the steps' time, whose totals match the
 * run's, and whose review span is open until a person decides.
 */
import { describe, expect, it } from 'vitest';
import { createScriptedProvider } from '../llm/scripted';
import { createModelResolver } from '../llm/resolver';
import { createMemoryRunStore } from '../run/memoryStore';
import { resumeRun, startRun } from '../run/executor';
import { createFetchHttpPort } from '../run/fetchHttp';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { leadResearchFlow } from '../templates/leadResearch';
import { buildTrace } from './spans';

const services = () => ({ models: createModelResolver([createScriptedProvider()]), http: createFetchHttpPort(), sandbox: createQuickJsSandbox() });
const INPUTS = { company: 'Northwind Logistics', contact: 'Dana Whitfield, Head of Operations', product: 'Route planning software.' };

describe('buildTrace', () => {
  it('turns a paused, then decided, run into a tree of timed spans', async () => {
    const store = createMemoryRunStore();
    const paused = await (await startRun(leadResearchFlow(), INPUTS, { store, services: services(), runId: 'r1' })).done;
    expect(paused.status).toBe('paused');
    let snap = store.snapshot();
    const waiting = buildTrace(paused, snap.steps, snap.reviews, paused.startedAt + 60_000);
    const open = waiting.spans.find((s) => s.kind === 'review');
    expect(open).toMatchObject({ status: 'waiting', endMs: null, review: { decision: null } });
    expect(waiting.totals.reviewWaitMs).toBeGreaterThan(0);

    const item = snap.reviews[0]!;
    await store.decideReview(item.id, { action: 'approve', by: 'Ada', at: item.createdAt + 5000 });
    const run = await (await resumeRun('r1', { store, services: services() })).done;
    expect(run.status).toBe('succeeded');
    snap = store.snapshot();
    const { spans, totals } = buildTrace(run, snap.steps, snap.reviews);

    expect(spans[0]).toMatchObject({ id: 'run', parentId: null, kind: 'run', status: 'ok', depth: 0 });
    const ids = new Set<string>();
    for (const span of spans) {
      if (span.parentId !== null) expect(ids.has(span.parentId), `${span.id} after its parent`).toBe(true);
      ids.add(span.id);
    }
    expect(ids.size).toBe(spans.length);
    expect(spans.filter((s) => s.kind === 'step')).toHaveLength(snap.steps.length);

    const calls = snap.steps.flatMap((s) => s.llmCalls);
    expect(spans.filter((s) => s.kind === 'llm')).toHaveLength(calls.length);
    expect(totals.llmCalls).toBe(run.totals.llmCalls);
    expect(totals.inputTokens).toBe(run.totals.inputTokens);
    expect(totals.outputTokens).toBe(run.totals.outputTokens);
    expect(totals.modelMs).toBeCloseTo(calls.reduce((sum, c) => sum + c.latencyMs, 0), 3);

    const tool = spans.find((s) => s.kind === 'tool');
    expect(tool).toMatchObject({ name: 'tool company_domain', status: 'ok', tool: { type: 'code', iteration: 1 } });
    const research = spans.find((s) => s.id === tool!.parentId)!;
    expect(research.name).toBe('Research');
    expect(tool!.startMs).toBeGreaterThanOrEqual(research.startMs);
    expect(tool!.endMs!).toBeLessThanOrEqual(research.endMs!);

    expect(spans.filter((s) => s.kind === 'validation').map((s) => `${s.check!.layer}:${s.check!.status}`)).toEqual([
      'structure:pass',
      'structure:pass',
      'structure:pass',
      'judge:pass',
      'grounding:pass',
      'quality:pass',
    ]);
    const review = spans.find((s) => s.kind === 'review')!;
    expect(review).toMatchObject({ status: 'ok', startMs: item.createdAt, endMs: item.createdAt + 5000, review: { decision: { action: 'approve', by: 'Ada' } } });
    expect(totals.reviewWaitMs).toBe(5000);
    for (const span of spans.filter((s) => s.kind === 'llm')) {
      const parent = spans.find((s) => s.id === span.parentId)!;
      expect(span.startMs).toBeGreaterThanOrEqual(parent.startMs);
      expect(span.llm?.model).toBe('trellis-demo');
    }
  });
});
