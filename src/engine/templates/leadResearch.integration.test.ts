/**
 * The lead research template's validation layers against the OpenAI-compatible test server,
 * through the real `openai` SDK and the real fetch port, with scripted replies where a test needs
 * a particular answer (the scripted demo responder answers the rest):
 * - a message stating a fact absent from the research is caught by the grounding layer, sent
 *   back, fixed on the second attempt, and the run keeps both attempts;
 * - a schema-invalid reply is retried with the error as feedback;
 * - a judge failure that never recovers leaves the loop by `exhausted` and reaches review;
 * - a quality API that answers with an error is an error, not a pass.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { createMemoryRunStore, type MemoryRunStore } from '../run/memoryStore';
import { startRun, type RunOptions } from '../run/executor';
import type { ReviewPolicy } from '../run/ports';
import { memoryTrustStore, trustPolicy } from '../trust/gatePolicy';
import { testServerRunOptions } from '../testing/testServer';
import { caughtBy, verdictsByAttempt, type Verdict } from '../validation/verdict';
import { LEAD_RESEARCH_MAX_REVISIONS, leadResearchFlow } from './leadResearch';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const INPUTS = {
  company: 'Northwind Logistics',
  contact: 'Dana Whitfield, Head of Operations',
  product: 'Route planning software that cuts empty truck miles by planning loads across depots.',
};

const COMPOSE = 'Write a first message';
const JUDGE = 'busy operations leader';

const goodMessage = {
  subject: 'Fewer empty truck miles at Northwind Logistics',
  body: 'Hi Dana,\n\nAs Head of Operations at Northwind Logistics you plan loads across many depots. Our route planning software cuts empty truck miles by planning loads across depots.\n\nWould you be open to a short call next week?\n\nBest regards',
};
const inventedFact = {
  subject: 'Fewer empty truck miles at Northwind Logistics',
  body: 'Hi Dana,\n\nNorthwind Logistics cut its fleet by 37% last year. Our route planning software cuts empty truck miles by planning loads across depots.\n\nWould you be open to a short call next week?\n\nBest regards',
};

function flow(qualityUrl?: string) {
  const doc = leadResearchFlow('lead-test');
  doc.settings = { ...doc.settings, providerId: 'test', model: 'gpt-4o-mini' };
  if (qualityUrl) {
    const quality = doc.nodes.find((n) => n.id === 'quality')!;
    quality.config = { ...quality.config, url: qualityUrl };
  }
  return doc;
}

const options = (store: MemoryRunStore, reviewPolicy?: ReviewPolicy): RunOptions => testServerRunOptions(server, store, reviewPolicy);

const chatBodies = (contains: string) =>
  server
    .requests()
    .filter((r) => r.path === '/v1/chat/completions' && JSON.stringify(r.body).includes(contains))
    .map((r) => r.body as { messages: { role: string; content: string }[] });

function runVerdicts(store: MemoryRunStore): Verdict[] {
  return store.snapshot().steps.flatMap((s) => s.verdicts ?? []);
}

const layerLine = (v: Verdict) => `${v.layer}:${v.status}`;

describe('lead research template: validation in layers on the test server', () => {
  it('catches a fact absent from the research at the grounding layer, sends it back, and passes the fixed draft', async () => {
    server.script([
      { match: { contains: COMPOSE }, json: inventedFact },
      { match: { contains: COMPOSE }, json: goodMessage },
    ]);
    const store = createMemoryRunStore();
    const run = await (await startRun(flow(), INPUTS, options(store))).done;
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('paused');

    const composes = store.snapshot().steps.filter((s) => s.nodeId === 'compose');
    expect(composes.map((s) => s.visit)).toEqual([0, 1]);
    const attempts = verdictsByAttempt(runVerdicts(store).filter((v) => v.nodeId !== 'identify' && v.nodeId !== 'research'));
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(attempts[0]!.verdicts.map(layerLine)).toEqual(['structure:pass', 'judge:pass', 'grounding:fail']);
    expect(attempts[1]!.verdicts.map(layerLine)).toEqual(['structure:pass', 'judge:pass', 'grounding:pass', 'quality:pass']);

    const caught = caughtBy(attempts[0]!.verdicts)!;
    expect(caught).toMatchObject({ layer: 'grounding', validator: 'Grounding check', status: 'fail' });
    const finding = caught.findings.find((f) => f.severity === 'fail' && f.span?.text.includes('37'));
    expect(finding?.span?.path).toBe('/body');
    expect(inventedFact.body.slice(finding!.span!.start, finding!.span!.end)).toBe(finding!.span!.text);

    // The second draft was written with the failure as feedback.
    const second = chatBodies(COMPOSE)[1]!;
    const prompt = second.messages.find((m) => m.role === 'user')!.content;
    expect(prompt).toContain('Feedback on your previous attempt');
    expect(prompt).toContain('37%');

    const item = store.snapshot().reviews[0]!;
    expect(item.output).toEqual(goodMessage);
    expect(item.subjectNodeId).toBe('compose');
    expect(new Set(item.verdicts?.map((v) => v.attempt))).toEqual(new Set([1, 2]));
  });

  it('retries a schema-invalid reply with the error as feedback, inside the same attempt', async () => {
    server.script([
      { match: { contains: COMPOSE }, json: { subject: 'A subject line that goes on and on about route planning and empty miles far past ninety characters', body: goodMessage.body } },
      { match: { contains: COMPOSE }, json: goodMessage },
    ]);
    const store = createMemoryRunStore();
    const run = await (await startRun(flow(), INPUTS, options(store))).done;
    expect(run.status).toBe('paused');
    const composes = store.snapshot().steps.filter((s) => s.nodeId === 'compose');
    expect(composes).toHaveLength(1);
    expect(composes[0]!.verdicts?.map((v) => [v.layer, v.status, v.iteration, v.path])).toEqual([
      ['structure', 'fail', 1, '/subject'],
      ['structure', 'pass', 2, undefined],
    ]);
    const retry = chatBodies(COMPOSE)[1]!;
    expect(retry.messages.at(-1)?.content).toMatch(/^Your reply did not match the required schema: \/subject/);
    expect(store.snapshot().reviews[0]!.output).toEqual(goodMessage);
  });

  it('a judge failure that never recovers leaves by exhausted and reaches review, forced by the failing layer', async () => {
    const low = { match: { contains: JUDGE }, json: { reasons: ['Too generic: nothing about their company.'], score: 3 } };
    server.script([low, low, low]);
    const store = createMemoryRunStore();
    const policy = trustPolicy(memoryTrustStore(), { now: () => 1, newSeed: () => 'seed' });
    const run = await (await startRun(flow(), INPUTS, options(store, policy))).done;
    expect(run.status).toBe('paused');
    const steps = store.snapshot().steps;
    expect(steps.filter((s) => s.nodeId === 'compose')).toHaveLength(1 + LEAD_RESEARCH_MAX_REVISIONS);
    expect(steps.filter((s) => s.nodeId === 'failed').map((s) => s.loopOutcome)).toEqual(['looped', 'looped', 'exhausted']);
    expect(steps.filter((s) => s.nodeId === 'grounding').every((s) => s.status === 'skipped')).toBe(true);

    const item = store.snapshot().reviews[0]!;
    const judged = (item.verdicts ?? []).filter((v) => v.layer === 'judge');
    expect(judged.map((v) => [v.attempt, v.status, v.score])).toEqual([
      [1, 'fail', 3],
      [2, 'fail', 3],
      [3, 'fail', 3],
    ]);
    // The reviewer sees the last draft itself, not the failure wrapped around it.
    const lastDraft = steps.filter((s) => s.nodeId === 'compose').at(-1)!.outputs!.out;
    expect(item.output).toEqual(lastDraft);
    expect(item.reason.kind).toBe('full');
    expect(item.reason.kind === 'full' && item.reason.rules).toEqual([expect.stringContaining('Judge "Quality judge" failed')]);
  });

  it('a quality API that answers with an error is an error, not a pass', async () => {
    server.script([
      { match: { contains: COMPOSE }, json: goodMessage },
      { match: { contains: COMPOSE }, json: goodMessage },
      { match: { path: '/quality/score' }, status: 503, error: { message: 'The scoring service is overloaded.' } },
    ]);
    const store = createMemoryRunStore();
    const run = await (await startRun(flow(`${server.origin}/quality/score`), INPUTS, options(store))).done;
    expect(run.status).toBe('paused');
    const quality = runVerdicts(store).filter((v) => v.layer === 'quality');
    expect(quality.map((v) => [v.attempt, v.status])).toEqual([
      [1, 'error'],
      [2, 'pass'],
    ]);
    expect(quality[0]!.explanation).toContain('503');
    const first = verdictsByAttempt(runVerdicts(store)).find((a) => a.attempt === 1)!;
    expect(caughtBy(first.verdicts)).toMatchObject({ layer: 'quality', status: 'error' });
    const scored = server.requests().filter((r) => r.path === '/quality/score');
    expect(scored).toHaveLength(2);
    expect(JSON.stringify(scored[1]!.body)).toContain('short call next week');
  });
});
