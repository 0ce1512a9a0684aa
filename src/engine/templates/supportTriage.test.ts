import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { importFlow } from '../flow/import';
import { exportFlow } from '../flow/canonical';
import { createScriptedProvider } from '../llm/scripted';
import { createModelResolver } from '../llm/resolver';
import { createMemoryRunStore } from '../run/memoryStore';
import { startRun } from '../run/executor';
import { createFetchHttpPort } from '../run/fetchHttp';
import { createQuickJsSandbox } from '../sandbox/quickjs';
import { supportTriageFlow } from './supportTriage';

const services = () => ({
  models: createModelResolver([createScriptedProvider()]),
  http: createFetchHttpPort(),
  sandbox: createQuickJsSandbox(),
});

describe('support triage template', () => {
  it('compiles cleanly and survives an export/import round trip', () => {
    const flow = supportTriageFlow();
    expect(compile(flow).diagnostics).toEqual([]);
    const imported = importFlow(exportFlow(flow));
    expect(imported.ok).toBe(true);
    if (imported.ok) expect(exportFlow(imported.flow)).toBe(exportFlow(flow));
  });

  it('runs on the demo model: a billing ticket gets a billing reply, the other branches are skipped', async () => {
    const store = createMemoryRunStore();
    const handle = await startRun(supportTriageFlow(), { ticket: '  I have a billing question:   I was charged twice this month. ' }, { store, services: services() });
    const run = await handle.done;
    expect(run.status).toBe('succeeded');
    expect(run.outputs.category).toMatchObject({ branch: 'billing' });
    expect(String(run.outputs.reply)).toContain('[Demo model');
    const steps = store.snapshot().steps;
    expect(steps.filter((s) => s.status === 'skipped').map((s) => s.nodeId).sort()).toEqual(['other_reply', 'technical_reply']);
    expect(steps.find((s) => s.nodeId === 'normalize')?.outputs).toEqual({ out: { text: 'I have a billing question: I was charged twice this month.', words: 11 } });
    expect(run.totals.llmCalls).toBe(2);
  });
});
