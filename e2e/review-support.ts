/**
 * Helpers for the review queue specs and benchmark: review items (and the paused runs they belong
 * to) written straight into the app's IndexedDB, for volume and for looks; the specs that decide
 * produce their items by really running the support triage template through its review gate.
 * Raw writes bypass Dexie's change notifications, so a page is reloaded after seeding. They need
 * only a Playwright page (no test runner), so the benchmark uses them too.
 */
import type { Page } from '@playwright/test';
import type { ReviewItem, ReviewReason, RunRecord } from '../src/engine/run/types';
import { supportTriageFlow } from '../src/engine/templates/supportTriage';
import { seedFlow } from './helpers';

export interface SeedOptions {
  flowId?: string;
  flowName?: string;
  gateNodeId?: string;
  gateLabel?: string;
  subjectLabel?: string;
  reason?: ReviewReason;
  createdAt?: number;
  output?: unknown;
  input?: unknown;
  extra?: Record<string, unknown>;
}

/** A pending review item and the paused run it belongs to. */
export function pendingItem(n: number, options: SeedOptions = {}): { item: ReviewItem; run: RunRecord } {
  const runId = `run_seed_review_${String(n).padStart(6, '0')}`;
  const flowId = options.flowId ?? 'seed-support';
  const flowName = options.flowName ?? 'Support ticket triage';
  const createdAt = options.createdAt ?? Date.now() - 3_600_000 + n * 1000;
  const gateNodeId = options.gateNodeId ?? 'review';
  const gateLabel = options.gateLabel ?? 'Review reply';
  const item: ReviewItem = {
    id: `${runId}:6:0`,
    runId,
    flowId,
    flowName,
    flowVersion: 'e'.repeat(64),
    stepIndex: 6,
    visit: 0,
    gateNodeId,
    gateLabel,
    subjectNodeId: 'draft',
    subjectLabel: options.subjectLabel ?? 'Draft reply',
    subjectKind: 'agent',
    input: options.input ?? { ticket: { text: `Ticket ${n}: I was charged twice for my subscription this month. Could you refund the extra charge?`, words: 16 }, category: { branch: 'billing' } },
    output: options.output ?? `Hello,\n\nThank you for writing in about ticket ${n}. We have refunded the duplicate charge; it will show on your statement within 5 working days.\n\nBest regards,\nSupport`,
    instructions: 'Check that the reply answers the question, is accurate and kind, and promises nothing we do not do.',
    reason: options.reason ?? { kind: 'full' },
    status: 'pending',
    createdAt,
    comments: [],
    ...options.extra,
  };
  const run: RunRecord = {
    id: runId,
    flowId,
    flowName,
    flowVersion: item.flowVersion,
    status: 'paused',
    inputs: { ticket: `Ticket ${n}` },
    outputs: {},
    createdAt: createdAt - 2000,
    startedAt: createdAt - 2000,
    resumes: 0,
    waitingFor: [{ stepIndex: 6, nodeId: gateNodeId, label: gateLabel, reviewId: item.id }],
    state: { visits: {}, loops: {} },
    totals: { inputTokens: 320, outputTokens: 90, costUsd: 0, llmCalls: 2 },
  };
  return { item, run };
}

/** Writes review items and runs in one transaction (the database must exist: open the app first). */
export async function seedReviews(page: Page, items: ReviewItem[], runs: RunRecord[]): Promise<void> {
  await page.evaluate(
    async ({ items, runs }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('trellis');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['reviews', 'runs'], 'readwrite');
        for (const item of items) tx.objectStore('reviews').put(item);
        for (const run of runs) tx.objectStore('runs').put(run);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { items, runs },
  );
}

/** A row of a store of the app's database, read straight from IndexedDB. */
async function storedRow<T>(page: Page, store: string, id: string): Promise<T | undefined> {
  return page.evaluate(
    async ({ store, id }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('trellis');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const row = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).get(id);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return row as T | undefined;
    },
    { store, id },
  );
}

export const storedReview = (page: Page, id: string) => storedRow<ReviewItem>(page, 'reviews', id);
export const runStatus = async (page: Page, runId: string) => (await storedRow<RunRecord>(page, 'runs', runId))?.status;

export const reviewShot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/review-${name}.png`, fullPage: false });

/**
 * Really runs the support triage template (seeded as flow `flowId`) over `tickets` as a dataset
 * run from the editor's Run tab, on the demo model; each billing or technical ticket pauses at the
 * template's review gate. Resolves once the navigation counts `expected` items waiting.
 */
export async function runTriage(page: Page, tickets: string[], expected = tickets.length, flowId = 'e2e-triage'): Promise<void> {
  await seedFlow(page, supportTriageFlow(flowId));
  await page.goto(`/#/flows/${flowId}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('tab', { name: 'Dataset' }).click();
  const jsonl = tickets.map((ticket) => JSON.stringify({ ticket })).join('\n');
  await panel.getByLabel('Dataset file (CSV or JSONL)').setInputFiles({ name: 'tickets.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl, 'utf8') });
  await panel.getByRole('button', { name: `Run ${tickets.length} row${tickets.length === 1 ? '' : 's'}` }).click();
  await page.waitForFunction((n) => document.querySelector('.nav-count')?.getAttribute('data-count') === String(n), expected);
}

export const TICKETS = [
  'I have a billing question: I was charged twice for my subscription this month.',
  'Billing: my invoice shows the wrong company name. Billing please fix the invoice.',
  'Technical problem: the app crashes on start since the last update. Technical help needed.',
  'Billing question about a refund for the annual plan I cancelled. Billing team please.',
  'Technical issue: I cannot log in; the technical error says session expired.',
  'Billing: I was billed in dollars but I live in France. Billing currency question.',
];
