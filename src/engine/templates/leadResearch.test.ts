import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { importFlow } from '../flow/import';
import { exportFlow } from '../flow/canonical';
import { flowSchema } from '../flow/schema';
import { getNodeKind } from '../nodes/registry';
import { createScriptedProvider } from '../llm/scripted';
import { createModelResolver } from '../llm/resolver';
import type { ChatProvider, ChatRequest } from '../llm/types';
import { createMemoryRunStore } from '../run/memoryStore';
import { startRun } from '../run/executor';
import { createFetchHttpPort } from '../run/fetchHttp';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { LEAD_RESEARCH_MAX_REVISIONS, leadResearchFlow } from './leadResearch';
import { getTemplate, supportTriageFlow, templates } from './index';

const services = (provider: ChatProvider = createScriptedProvider()) => ({
  models: createModelResolver([provider]),
  http: createFetchHttpPort(),
  sandbox: createQuickJsSandbox(),
});

const INPUTS = {
  company: 'Northwind Traders',
  contact: 'Maria Anders, Head of Operations',
  product: 'Trellis: agent workflows your team can supervise, with review that scales down as the agents earn trust.',
};

describe('lead research template', () => {
  it('compiles cleanly, is a valid document, and survives an export/import round trip', () => {
    const flow = leadResearchFlow();
    expect(flowSchema.safeParse(flow).success).toBe(true);
    expect(compile(flow).diagnostics).toEqual([]);
    const imported = importFlow(exportFlow(flow));
    expect(imported.ok).toBe(true);
    if (imported.ok) {
      expect(imported.warnings).toEqual([]);
      expect(exportFlow(imported.flow)).toBe(exportFlow(flow));
    }
  });

  it('keeps agents inside a deterministic flow: agents for judgement, deterministic steps for the decision and the loop', () => {
    const flow = leadResearchFlow();
    const category = (id: string) => getNodeKind(flow.nodes.find((n) => n.id === id)!.kind)?.category;
    expect(['identify', 'research', 'compose', 'validate'].map(category)).toEqual(['agent', 'agent', 'agent', 'agent']);
    expect(['lead', 'join', 'decide', 'approved'].map(category)).toEqual(['deterministic', 'deterministic', 'deterministic', 'deterministic']);
    const loop = flow.edges.find((e) => e.loop);
    expect(loop).toMatchObject({ source: 'decide', target: 'compose', targetPort: 'feedback', loop: { maxIterations: 2 } });
    const { plan } = compile(flow);
    expect(plan.loops).toHaveLength(1);
    expect(plan.loops[0]).toMatchObject({ hasExhaustedBranch: true });
  });

  it('runs on the demo model: researches with the code tool, passes validation first time, returns the message', async () => {
    const store = createMemoryRunStore();
    const handle = await startRun(leadResearchFlow(), INPUTS, { store, services: services() });
    const run = await handle.done;
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('succeeded');
    expect(Object.keys(run.outputs).sort()).toEqual(['message', 'research', 'validation']);
    const message = run.outputs.message as { subject: string; body: string };
    expect(typeof message.subject).toBe('string');
    expect(message.subject.length).toBeGreaterThan(0);
    expect(message.subject.length).toBeLessThanOrEqual(90);
    expect(message.body.length).toBeGreaterThan(0);
    expect(run.outputs.validation).toMatchObject({ pass: true });
    expect((run.outputs.validation as { score: number }).score).toBeGreaterThanOrEqual(7);
    const research = run.outputs.research as { painPoints: string[]; talkingPoints: string[] };
    expect(research.painPoints.length).toBeGreaterThan(0);

    const steps = store.snapshot().steps;
    const researchStep = steps.find((s) => s.nodeId === 'research');
    expect(researchStep?.toolCalls?.map((c) => c.name)).toEqual(['company_domain']);
    expect(researchStep?.toolCalls?.[0]).toHaveProperty('result');
    expect(steps.find((s) => s.nodeId === 'out_needs_review')?.status).toBe('skipped');
    expect(steps.filter((s) => s.nodeId === 'compose')).toHaveLength(1);
  });

  it('sends a failed draft back to the composer with the feedback, at most twice, then ends in needs_review', async () => {
    // A demo model whose judge always fails the draft.
    const scripted = createScriptedProvider();
    const strict: ChatProvider = {
      ...scripted,
      async chat(request: ChatRequest, options) {
        const response = await scripted.chat(request, options);
        if (request.responseFormat?.name === 'Validate' && response.content) {
          const verdict = JSON.parse(response.content) as Record<string, unknown>;
          return { ...response, content: JSON.stringify({ ...verdict, pass: false, score: 3, feedback: 'Mention their recent expansion.' }) };
        }
        return response;
      },
    };
    const store = createMemoryRunStore();
    const handle = await startRun(leadResearchFlow(), INPUTS, { store, services: services(strict) });
    const run = await handle.done;
    expect(run.status).toBe('succeeded');
    expect(Object.keys(run.outputs).sort()).toEqual(['needs_review', 'research', 'validation']);
    expect(run.outputs.needs_review).toMatchObject({ verdict: { pass: false, score: 3 } });
    const composes = store.snapshot().steps.filter((s) => s.nodeId === 'compose');
    expect(composes).toHaveLength(1 + LEAD_RESEARCH_MAX_REVISIONS);
    expect(composes[1]?.inputs?.feedback).toMatchObject({ verdict: { feedback: 'Mention their recent expansion.' } });
  });
});

describe('template registry', () => {
  it('offers both built-in templates, each creating a fresh document under the id it is given', () => {
    expect(templates.map((t) => t.id)).toEqual(['lead-research', 'support-triage']);
    for (const t of templates) {
      const doc = t.create('flow-abc');
      expect(doc.id).toBe('flow-abc');
      expect(doc.name).toBe(t.name);
      expect(t.description.length).toBeGreaterThan(20);
      expect(compile(doc).diagnostics).toEqual([]);
      expect(t.create('other')).not.toBe(t.create('other'));
    }
    expect(getTemplate('support-triage')?.create('x')).toEqual(supportTriageFlow('x'));
    expect(getTemplate('nope')).toBeUndefined();
  });
});
