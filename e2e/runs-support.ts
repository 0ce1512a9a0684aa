/**
 * Helpers for the running specs: flows to run, and seeding the app's IndexedDB (`trellis`)
 * directly through the page (flows, runs, batches), so the specs do not depend on other screens.
 * Raw writes bypass Dexie's change notifications, so a page is reloaded after seeding.
 */
import type { Page } from '@playwright/test';
import type { FlowDoc } from '../src/engine/flow/schema';
import type { RunRecord, RunStatus } from '../src/engine/run/types';
import { expect } from './fixtures';

export const TEST_SERVER_PORT = Number(process.env.TEST_SERVER_PORT ?? 4010);
export const SERVER_ORIGIN = `http://127.0.0.1:${TEST_SERVER_PORT}`;

/** Opens the runs list, which opens (and if need be creates) the app's database. */
export async function openApp(page: Page, hash = '#/runs'): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'trellis' && (d.version ?? 0) > 1));
}

/** Puts rows into a store of the app's database. */
export async function seed(page: Page, store: string, rows: unknown[]): Promise<void> {
  await page.evaluate(
    async ({ store, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('trellis');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite');
        const objects = tx.objectStore(store);
        for (const row of rows) objects.put(row);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { store, rows },
  );
}

export async function seedFlow(page: Page, doc: FlowDoc): Promise<void> {
  const now = Date.now();
  await seed(page, 'flows', [{ id: doc.id, name: doc.name, doc, createdAt: now, updatedAt: now, revision: 1 }]);
}

function node(id: string, kind: string, label: string, x: number, config: Record<string, unknown>) {
  return { id, kind, label, position: { x, y: 100 }, config };
}

function flow(id: string, name: string, nodes: FlowDoc['nodes'], edges: [string, string, string, string][]): FlowDoc {
  return {
    format: 'trellis.flow',
    version: 1,
    id,
    name,
    description: `${name} (end-to-end test flow)`,
    nodes,
    edges: edges.map(([source, sourcePort, target, targetPort], i) => ({ id: `e${i}`, source, sourcePort, target, targetPort })),
    settings: { concurrency: 4 },
  };
}

/** Deterministic and fast: input (name, count, loud, extra) -> template -> output. */
export function greeterFlow(id = 'e2e-greeter'): FlowDoc {
  return flow(
    id,
    'Greeter',
    [
      node('in', 'input', 'Person', 0, {
        fields: [
          { name: 'name', type: 'string', required: true, description: 'Who to greet' },
          { name: 'count', type: 'number', required: false, default: 2 },
          { name: 'loud', type: 'boolean', required: false },
          { name: 'extra', type: 'json', required: false },
        ],
      }),
      node('greet', 'template', 'Compose greeting', 240, { template: 'Hello {{name}}!' }),
      node('out', 'output', 'Greeting', 480, { name: 'greeting' }),
    ],
    [
      ['in', 'name', 'greet', 'name'],
      ['greet', 'text', 'out', 'value'],
    ],
  );
}

/** An agent's answer to a question, which a person reviews at a gate before it is output. */
export function reviewedAnswerFlow(id = 'e2e-review-gate', name = 'Reviewed answer'): FlowDoc {
  return flow(
    id,
    name,
    [
      node('in', 'input', 'Question', 0, { fields: [{ name: 'question', type: 'string', required: true }] }),
      node('answer', 'agent', 'Draft answer', 260, { role: 'Helpful expert', goal: 'Answer briefly', backstory: '', instructions: 'Answer: {{question}}', temperature: 0.2, maxIterations: 2, outputSchema: null, tools: [] }),
      node('gate', 'review_gate', 'Check answer', 520, { instructions: 'Is the answer right?', onReject: 'fail', rules: [] }),
      node('out', 'output', 'Answer', 780, { name: 'answer' }),
    ],
    [
      ['in', 'question', 'answer', 'question'],
      ['answer', 'out', 'gate', 'in'],
      ['gate', 'approved', 'out', 'value'],
    ],
  );
}

/**
 * Two HTTP calls to the test server in a row, then an output: the second one can be kept in
 * flight with a scripted `delayMs` (the chat endpoint answers plain POSTs as JSON).
 */
export function httpChainFlow(id = 'e2e-http-chain'): FlowDoc {
  const call = (content: string) => ({
    method: 'POST',
    url: `${SERVER_ORIGIN}/v1/chat/completions`,
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    body: `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"${content}"}]}`,
    timeoutMs: 60_000,
    responseType: 'json',
  });
  return flow(
    id,
    'HTTP chain',
    [
      node('in', 'input', 'Topic', 0, { fields: [{ name: 'topic', type: 'string', required: true }] }),
      node('first', 'http', 'First call', 220, call('FIRST {{topic}}')),
      node('pick', 'transform', 'First status', 440, { expression: '$string($)', inputs: ['in'] }),
      node('second', 'http', 'Slow call', 660, call('SECOND {{after}} {{topic}}')),
      node('out', 'output', 'Status', 880, { name: 'status' }),
    ],
    [
      ['in', 'topic', 'first', 'topic'],
      ['first', 'status', 'pick', 'in'],
      ['in', 'topic', 'second', 'topic'],
      ['pick', 'out', 'second', 'after'],
      ['second', 'status', 'out', 'value'],
    ],
  );
}

let counter = 0;

/** A finished run record, for seeding the runs list. */
export function runRecord(flowDoc: Pick<FlowDoc, 'id' | 'name'>, status: RunStatus, createdAt: number, extra: Partial<RunRecord> = {}): RunRecord {
  counter += 1;
  return {
    id: `run_seed_${createdAt}_${counter}`,
    flowId: flowDoc.id,
    flowName: flowDoc.name,
    flowVersion: 'f'.repeat(64),
    status,
    inputs: { name: `Person ${counter}` },
    outputs: status === 'succeeded' ? { greeting: `Hello Person ${counter}!` } : {},
    ...(status === 'failed' ? { error: { code: 'input', message: 'Input "Person": field "name" is required but the run has no value for it', retryable: false }, failedStep: 0 } : {}),
    createdAt,
    startedAt: createdAt,
    ...(status === 'running' ? {} : { finishedAt: createdAt + 1234 }),
    resumes: 0,
    state: { visits: {}, loops: {} },
    totals: { inputTokens: 120, outputTokens: 45, costUsd: 0.00031, llmCalls: 1 },
    ...extra,
  };
}

export { axeSerious } from './axe';

/** Adds the test server as a provider with `key` in Settings, makes it the default, and dismisses the toasts that said so. */
export async function useTestServer(page: Page, key: string): Promise<void> {
  await page.goto('/#/settings');
  await page.getByRole('button', { name: 'Add provider' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a model provider' });
  await dialog.getByRole('radio', { name: /OpenAI-compatible endpoint/ }).check();
  await dialog.getByLabel('Name').fill('Test server');
  await dialog.getByLabel('Base URL').fill(`${SERVER_ORIGIN}/v1`);
  await dialog.getByLabel(/^API key/).fill(key);
  await dialog.getByLabel('Default model').fill('gpt-4o-mini');
  await dialog.getByRole('button', { name: 'Add provider' }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByRole('list', { name: 'Model providers' }).getByRole('listitem', { name: 'Test server', exact: true });
  await card.getByRole('button', { name: 'Make default' }).click();
  await expect(page.getByRole('link', { name: /^Model provider:/ })).toContainText('Test server');
  const toasts = page.locator('.toasts').getByRole('button', { name: 'Dismiss' });
  while ((await toasts.count()) > 0) await toasts.first().click();
}

/** Runs the support triage template from the editor's Run tab with a billing ticket. */
export async function runTriage(page: Page, flowId: string): Promise<void> {
  await page.goto(`/#/flows/${flowId}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('textbox', { name: /^ticket/ }).fill('I was charged twice for my subscription this month; please refund one charge.');
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/runs-${name}.png`, fullPage: false });
