import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { importFlow } from '../flow/import';
import { exportFlow } from '../flow/canonical';
import { flowSchema } from '../flow/schema';
import { getNodeKind } from '../nodes/registry';
import { createScriptedProvider } from '../llm/scripted';
import { createModelResolver } from '../llm/resolver';
import type { ChatProvider } from '../llm/types';
import { createMemoryRunStore } from '../run/memoryStore';
import { startRun } from '../run/executor';
import { createFetchHttpPort } from '../run/fetchHttp';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { leadResearchFlow } from './leadResearch';
import { getTemplate, supportTriageFlow, templates } from './index';
import { defaultPiiPolicy } from '../pii/policy';

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

  it('keeps agents inside a deterministic flow: agents and validators for judgement, deterministic steps for the wiring and the loop', () => {
    const flow = leadResearchFlow();
    const category = (id: string) => getNodeKind(flow.nodes.find((n) => n.id === id)!.kind)?.category;
    expect(['identify', 'research', 'compose', 'judge', 'grounding'].map(category)).toEqual(['agent', 'agent', 'agent', 'agent', 'agent']);
    expect(['lead', 'sources', 'quality', 'failed', 'ready'].map(category)).toEqual(['deterministic', 'deterministic', 'deterministic', 'deterministic', 'deterministic']);
    expect(category('gate')).toBe('human');
    const loop = flow.edges.find((e) => e.loop);
    expect(loop).toMatchObject({ source: 'failed', target: 'compose', targetPort: 'feedback', loop: { maxIterations: 2 } });
    const { plan } = compile(flow);
    expect(plan.loops).toHaveLength(1);
    expect(plan.loops[0]).toMatchObject({ hasExhaustedBranch: true });
    // The three layers run in order, each only after the one before passed.
    const order = (id: string) => plan.steps.findIndex((s) => s.nodeId === id);
    expect(order('compose')).toBeLessThan(order('judge'));
    expect(order('judge')).toBeLessThan(order('grounding'));
    expect(order('grounding')).toBeLessThan(order('quality'));
    expect(order('quality')).toBeLessThan(order('gate'));
  });

  it('runs on the demo model: researches with the code tool, passes the three layers first time, and waits for a person', async () => {
    const store = createMemoryRunStore();
    const handle = await startRun(leadResearchFlow(), INPUTS, { store, services: services() });
    const run = await handle.done;
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('paused');
    expect(run.waitingFor?.map((w) => w.nodeId)).toEqual(['gate']);
    expect(Object.keys(run.outputs)).toEqual(['research']);

    const snap = store.snapshot();
    const researchStep = snap.steps.find((s) => s.nodeId === 'research');
    expect(researchStep?.toolCalls?.map((c) => c.name)).toEqual(['company_domain']);
    expect(researchStep?.toolCalls?.[0]).toHaveProperty('result');
    expect(snap.steps.filter((s) => s.nodeId === 'compose')).toHaveLength(1);
    expect(snap.steps.find((s) => s.nodeId === 'failed')?.status).toBe('skipped');

    const item = snap.reviews[0]!;
    expect(item.subjectNodeId).toBe('compose');
    const message = item.output as { subject: string; body: string };
    expect(message.subject.length).toBeGreaterThan(0);
    expect(message.subject.length).toBeLessThanOrEqual(90);
    expect(message.body.length).toBeGreaterThan(0);
    const layers = (item.verdicts ?? []).map((v) => `${v.layer}:${v.validator}:${v.status}`);
    expect(layers).toEqual([
      'structure:Identify lead: output schema:pass',
      'structure:Research: output schema:pass',
      'structure:Compose message: output schema:pass',
      'judge:Quality judge:pass',
      'grounding:Grounding check:pass',
      'quality:Quality API:pass',
    ]);
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
    // A flow made from a template is a new flow: it gets the default PII policy (masking on).
    const triage = supportTriageFlow('x');
    expect(getTemplate('support-triage')?.create('x')).toEqual({ ...triage, settings: { ...triage.settings, pii: defaultPiiPolicy() } });
    expect(getTemplate('nope')).toBeUndefined();
  });
});
