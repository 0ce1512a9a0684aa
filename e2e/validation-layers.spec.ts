/**
 * Validation in layers, end to end in Chromium on the OpenAI-compatible test server: an agent
 * composes a reply (JSON, checked against its output schema), a judge scores it, a grounding check
 * finds a claim the sources do not support and sends it back around a bounded revise loop; the
 * second attempt passes and reaches the review gate. The run panel shows each validator's chip
 * and which layer caught the run; the run detail page shows the attempts, each with its layers in
 * order, the catching layer highlighted and the unsupported claim marked in the output; the
 * review card shows the same layers. A second run that never gets it right leaves the loop
 * exhausted: its review card marks the claim in the output under review. axe on both screens.
 */
import type { Page } from '@playwright/test';
import type { FlowDoc } from '../src/engine/flow/schema';
import type { ServerReply } from '../test-support/types';
import { createControlClient } from '../test-support/control';
import { expect, test } from './fixtures';
import { SERVER_ORIGIN, axeSerious, openApp, seedFlow, useTestServer } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });
const SERVER = `${SERVER_ORIGIN}/v1`;
const control = createControlClient(SERVER);

test.beforeEach(async () => {
  await control.reset();
});

const SOURCES = 'Customer: Dana Reyes. Order 4417 was charged twice. Policy: duplicate charges are refunded to the original card within 5 to 7 business days.';
const FREE_MONTH = 'we added a free month to your plan';
const SUBJECT = 'Refund for order 4417';
const BODY_WITH_CLAIM = `Hello Dana, we are sorry you were charged twice for order 4417. We refunded the duplicate charge, and ${FREE_MONTH}. The refund reaches your card within 5 to 7 business days.`;
const BODY_GROUNDED = 'Hello Dana, we are sorry you were charged twice for order 4417. We refunded the duplicate charge. The refund reaches your card within 5 to 7 business days.';

function node(id: string, kind: string, label: string, x: number, y: number, config: Record<string, unknown>): FlowDoc['nodes'][number] {
  return { id, kind, label, position: { x, y }, config };
}

/** compose -> judge -> grounding -> gate, with judge.fail and grounding.fail sent back once to compose. */
function checkedReplyFlow(id: string): FlowDoc {
  const edge = (n: number, source: string, sourcePort: string, target: string, targetPort: string, loop?: number) => ({
    id: `e${n}`,
    source,
    sourcePort,
    target,
    targetPort,
    ...(loop ? { loop: { maxIterations: loop } } : {}),
  });
  return {
    format: 'trellis.flow',
    version: 1,
    id,
    name: 'Checked refund reply',
    description: 'A reply checked by a judge and a grounding check, revised once (end-to-end test flow)',
    nodes: [
      node('in', 'input', 'Ticket', 0, 100, { fields: [{ name: 'ticket', type: 'string', required: true }, { name: 'sources', type: 'string', required: true }] }),
      node('compose', 'agent', 'Compose reply', 240, 100, {
        role: 'Support agent',
        goal: 'Reply to the customer using only the facts in the sources',
        backstory: '',
        instructions: 'Write a reply to the customer.\n\nTicket: {{ticket}}\n\nSources: {{sources}}',
        temperature: 0.2,
        maxIterations: 2,
        outputSchema: { type: 'object', required: ['subject', 'body'], properties: { subject: { type: 'string' }, body: { type: 'string' } }, additionalProperties: false },
        tools: [],
      }),
      node('judge', 'judge', 'Tone and completeness', 480, 100, { criteria: 'The reply is polite and answers the ticket completely.', threshold: 7 }),
      node('facts', 'grounding_check', 'Facts', 720, 100, { threshold: 1 }),
      node('retry', 'merge', 'Send back', 600, 300, { mode: 'first', inputs: ['judged', 'grounded'] }),
      node('final', 'merge', 'Reply to review', 960, 100, { mode: 'first', inputs: ['passed', 'exhausted'] }),
      node('gate', 'review_gate', 'Check reply', 1200, 100, { instructions: 'Is every fact in the reply right?', onReject: 'fail', rules: [] }),
      node('out', 'output', 'Reply', 1440, 100, { name: 'reply' }),
    ],
    edges: [
      edge(1, 'in', 'ticket', 'compose', 'ticket'),
      edge(2, 'in', 'sources', 'compose', 'sources'),
      edge(3, 'compose', 'out', 'judge', 'value'),
      edge(4, 'judge', 'pass', 'facts', 'value'),
      edge(5, 'in', 'sources', 'facts', 'sources'),
      edge(6, 'judge', 'fail', 'retry', 'judged'),
      edge(7, 'facts', 'fail', 'retry', 'grounded'),
      edge(8, 'retry', 'out', 'compose', 'feedback', 1),
      edge(9, 'facts', 'pass', 'final', 'passed'),
      edge(10, 'retry', 'exhausted', 'final', 'exhausted'),
      edge(11, 'final', 'out', 'gate', 'in'),
      edge(12, 'gate', 'approved', 'out', 'value'),
    ],
    settings: { concurrency: 4 },
  };
}

const compose = (body: string): ServerReply => ({ match: { contains: 'Write a reply to the customer' }, json: { subject: SUBJECT, body } });
const judge: ServerReply = { match: { contains: 'The reply is polite' }, json: { reasons: ['Polite, and it answers the duplicate charge.'], score: 8 } };
const grounding = (withClaim: boolean): ServerReply => ({
  match: { contains: 'grounded in its source material' },
  json: {
    claims: [
      { claim: 'Order 4417 was charged twice', quote: 'charged twice for order 4417', supported: true, reason: 'The sources say order 4417 was charged twice.' },
      ...(withClaim ? [{ claim: 'A free month was added to the plan', quote: FREE_MONTH, supported: false, reason: 'The sources mention no free month.' }] : []),
      { claim: 'The refund takes 5 to 7 business days', quote: 'within 5 to 7 business days', supported: true, reason: 'The refund policy says 5 to 7 business days.' },
    ],
  },
});

async function runFlow(page: Page, flowId: string): Promise<void> {
  await page.goto(`/#/flows/${flowId}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('textbox', { name: /^ticket/ }).fill('I was charged twice for order 4417. Please refund one charge.');
  await panel.getByRole('textbox', { name: /^sources/ }).fill(SOURCES);
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.run-status-line')).toHaveText('Waiting for review at “Check reply”. The run goes on once a person decides.', { timeout: 20_000 });
}

test('a grounding failure sent back once: the run panel, run detail and review card show the layers and what caught the first attempt', async ({ page }) => {
  await openApp(page);
  await useTestServer(page, 'sk-trellis-validation-e2e-0000000000');
  const flow = checkedReplyFlow('e2e-validation-layers');
  await seedFlow(page, flow);
  await control.script([compose(BODY_WITH_CLAIM), judge, grounding(true), compose(BODY_GROUNDED), judge, grounding(false)]);
  await runFlow(page, flow.id);

  // The run panel: a chip per validator step, and one line on what caught the run.
  const panel = page.getByRole('region', { name: 'Run this flow' });
  const steps = panel.getByRole('list', { name: 'Run steps' });
  await expect(steps.getByRole('listitem', { name: /Facts, Succeeded/ }).locator('.verdict-chip')).toHaveText('✓ Grounding: pass · 1 vs 1');
  await expect(steps.getByRole('listitem', { name: /Tone and completeness, Succeeded/ }).locator('.verdict-chip')).toHaveText('✓ Judge: pass · 8 vs 7');
  await expect(steps.getByRole('listitem', { name: /Compose reply, Succeeded/ }).locator('.verdict-chip')).toHaveText('✓ Structure: pass');
  await expect(panel.locator('.run-validation-line')).toHaveText('✓Validation: Caught by Grounding on attempt 1; attempt 2 passed every layer (3 checks). Validation details');
  await page.screenshot({ path: '/tmp/validation-panel.png' });
  await steps.screenshot({ path: '/tmp/validation-panel-steps.png' });

  // The run detail page: attempt 2 (the newest) passed; attempt 1 was caught by grounding, the claim marked.
  await panel.getByRole('link', { name: 'Validation details' }).click();
  const validation = page.getByRole('region', { name: 'Validation' });
  await expect(validation.locator('.run-validation-line')).toHaveText('Caught by Grounding on attempt 1; attempt 2 passed every layer (3 checks).');
  const attempts = validation.getByRole('tablist', { name: 'Attempts (2)' });
  await expect(attempts.getByRole('tab', { name: 'Attempt 2 — passed' })).toHaveAttribute('aria-selected', 'true');
  await expect(validation.getByText('Attempt 2 of 2: Passed every layer (3 checks)')).toBeVisible();
  const layers2 = validation.getByRole('list', { name: 'Layers of attempt 2' });
  await expect(layers2.getByRole('listitem')).toHaveCount(3);
  await expect(layers2.locator('.vl-row-caught')).toHaveCount(0);

  await attempts.getByRole('tab', { name: 'Attempt 1 — caught by Grounding' }).click();
  await expect(validation.getByText('Attempt 1 of 2: Caught by Grounding: 1 unsupported claim of 3')).toBeVisible();
  const layers1 = validation.getByRole('list', { name: 'Layers of attempt 1' });
  await expect(layers1.getByRole('listitem').locator('.vl-layer')).toHaveText(['Structure', 'Judge', 'Grounding']);
  const caught = layers1.locator('.vl-row-caught');
  await expect(caught).toHaveCount(1);
  await expect(caught).toContainText('Grounding');
  await expect(caught).toContainText('Caught it');
  await expect(caught).toContainText('✕ Fail');
  await expect(caught).toContainText('score 0.67 · threshold 1');
  await expect(caught.locator('details.vl-findings')).toHaveAttribute('open', '');
  const claimMark = validation.locator('mark', { hasText: FREE_MONTH });
  await expect(claimMark).toHaveText(FREE_MONTH);
  await expect(claimMark).toHaveAccessibleDescription(/A free month was added to the plan — The sources mention no free month\./);
  await expect(validation.locator('mark')).toHaveCount(1);
  await expect(validation.locator('.hl-fields dt')).toHaveText(['subject', 'body']);
  await validation.screenshot({ path: '/tmp/validation-section.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeSerious(page, '.run-validation')).toEqual([]);
  await validation.screenshot({ path: '/tmp/validation-section-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // The steps list: each validator step's chip (its latest visit).
  const stepList = page.getByRole('list', { name: 'Steps in plan order' });
  await expect(stepList.locator('.verdict-chip')).toHaveText(['✓ Structure: pass', '✓ Judge: pass · 8 vs 7', '✓ Grounding: pass · 1 vs 1']);
  expect(await axeSerious(page)).toEqual([]);
  await validation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/validation-run-detail.png', fullPage: true });

  // The review card: the layers of every attempt, the newest first; attempt 1's catching layer highlighted.
  await page.goto('/#/review');
  const card = page.getByRole('feed', { name: 'Pending reviews' }).getByRole('article').first();
  const cardLayers = card.getByRole('group', { name: 'Validation layers of Compose reply' });
  await expect(cardLayers.getByRole('tab', { name: 'Attempt 2 — passed' })).toHaveAttribute('aria-selected', 'true');
  await expect(card.locator('mark')).toHaveCount(0);
  await cardLayers.getByRole('tab', { name: 'Attempt 1 — caught by Grounding' }).click();
  await expect(cardLayers.locator('.vl-row-caught')).toContainText('Grounding');
  await expect(cardLayers.locator('.vl-summary')).toHaveText(/Caught by Grounding: 1 unsupported claim of 3/);
  expect(await axeSerious(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/validation-review-card.png' });

  // The queue's keys still work with the focus on the attempt switcher: a approves (asking for a name first).
  await expect(cardLayers.getByRole('tab', { name: 'Attempt 1 — caught by Grounding' })).toBeFocused();
  await page.keyboard.press('a');
  const name = card.getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeFocused();
  await name.fill('Ada');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('feed', { name: 'Pending reviews' }).getByRole('article')).toHaveCount(0);
});

test('a reply that never gets grounded leaves the loop exhausted: the review card marks the unsupported claim in the output', async ({ page }) => {
  await openApp(page);
  await useTestServer(page, 'sk-trellis-validation-e2e-0000000000');
  const flow = checkedReplyFlow('e2e-validation-exhausted');
  await seedFlow(page, flow);
  await control.script([compose(BODY_WITH_CLAIM), judge, grounding(true), compose(BODY_WITH_CLAIM), judge, grounding(true)]);
  await runFlow(page, flow.id);
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await expect(panel.locator('.run-validation-line')).toHaveText('✕Validation: Attempt 2 of 2: caught by Grounding: 1 unsupported claim of 3. Validation details');

  await page.goto('/#/review');
  const card = page.getByRole('feed', { name: 'Pending reviews' }).getByRole('article').first();
  const output = card.getByRole('region', { name: 'Output' });
  const claimMark = output.locator('mark');
  await expect(claimMark).toHaveText([FREE_MONTH]);
  await expect(claimMark).toHaveAccessibleDescription(/The sources mention no free month\./);
  await expect(output.getByRole('list', { name: 'Flagged claims' })).toContainText('A free month was added to the plan');
  const cardLayers = card.getByRole('group', { name: 'Validation layers of Compose reply' });
  await expect(cardLayers.getByRole('tab', { name: 'Attempt 2 — caught by Grounding' })).toHaveAttribute('aria-selected', 'true');
  await expect(cardLayers.locator('.vl-row-caught')).toContainText('Grounding');
  expect(await axeSerious(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/validation-review-exhausted.png' });
});
