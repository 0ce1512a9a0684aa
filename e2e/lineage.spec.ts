/**
 * Lineage, end to end in Chromium on the OpenAI-compatible test server: a drafted reply that a
 * judge sends back once, then passes, reaches a review gate; a reviewer approves it in the queue;
 * on the run detail page "Trace back" on the run output shows the chain — the gate with its
 * reviewer, the second draft with its model and prompt version and the feedback from the first
 * judgement, down to the run inputs — and a step of the chain followed by keyboard opens that
 * step in the steps list. axe, light and dark.
 */
import type { Page } from '@playwright/test';
import type { FlowDoc } from '../src/engine/flow/schema';
import type { ServerReply } from '../test-support/types';
import { createControlClient } from '../test-support/control';
import { expect, test } from './fixtures';
import { SERVER_ORIGIN, axeSerious, openApp, seedFlow, useTestServer } from './runs-support';

test.use({ viewport: { width: 1366, height: 900 } });
const control = createControlClient(`${SERVER_ORIGIN}/v1`);

test.beforeEach(async () => {
  await control.reset();
});

const TICKET = 'My parcel 2231 arrived damaged. Can you send a replacement?';

/** ticket -> draft (agent) -> tone check (judge; a fail goes back to the draft once) -> approve (gate) -> reply. */
function draftedReplyFlow(): FlowDoc {
  const at = (x: number, y = 100) => ({ x, y });
  return {
    format: 'trellis.flow',
    version: 1,
    id: 'e2e-lineage',
    name: 'Drafted reply',
    description: 'A drafted reply, judged, revised once and approved (end-to-end test flow)',
    nodes: [
      { id: 'in', kind: 'input', label: 'Ticket', position: at(0), config: { fields: [{ name: 'ticket', type: 'string', required: true }, { name: 'customer', type: 'string', required: true }] } },
      {
        id: 'draft',
        kind: 'agent',
        label: 'Draft reply',
        position: at(260),
        config: { role: 'Support agent', goal: 'Answer the ticket kindly', backstory: '', instructions: 'Draft a reply to {{customer}} about: {{ticket}}', temperature: 0.3, maxIterations: 2, outputSchema: null, tools: [] },
      },
      { id: 'tone', kind: 'judge', label: 'Tone check', position: at(520), config: { criteria: 'The reply apologises and offers a concrete next step.', threshold: 7 } },
      { id: 'gate', kind: 'review_gate', label: 'Approve reply', position: at(780), config: { instructions: 'Send it?', onReject: 'fail', rules: [] } },
      { id: 'out', kind: 'output', label: 'Reply', position: at(1040), config: { name: 'reply' } },
    ],
    edges: [
      { id: 'e1', source: 'in', sourcePort: 'ticket', target: 'draft', targetPort: 'ticket' },
      { id: 'e2', source: 'in', sourcePort: 'customer', target: 'draft', targetPort: 'customer' },
      { id: 'e3', source: 'draft', sourcePort: 'out', target: 'tone', targetPort: 'value' },
      { id: 'e4', source: 'tone', sourcePort: 'fail', target: 'draft', targetPort: 'feedback', loop: { maxIterations: 1 } },
      { id: 'e5', source: 'tone', sourcePort: 'pass', target: 'gate', targetPort: 'in' },
      { id: 'e6', source: 'gate', sourcePort: 'approved', target: 'out', targetPort: 'value' },
    ],
    settings: { concurrency: 4 },
  };
}

/** The accessible names of the chain's step links, in order. */
const chainNames = (page: Page) => page.locator('.lineage-chain .lineage-step').evaluateAll((links) => links.map((link) => link.getAttribute('aria-label')));

const judged = (score: number): ServerReply => ({ match: { contains: 'apologises and offers a concrete next step' }, json: { reasons: [score < 7 ? 'No apology.' : 'Apologises and offers a replacement.'], score } });

async function runAndApprove(page: Page, flowId: string): Promise<string> {
  await page.goto(`/#/flows/${flowId}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('textbox', { name: /^ticket/ }).fill(TICKET);
  await panel.getByRole('textbox', { name: /^customer/ }).fill('Sam Ortiz');
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.run-status-line')).toHaveText('Waiting for review at “Approve reply”. The run goes on once a person decides.', { timeout: 20_000 });

  await page.goto('/#/review');
  const card = page.getByRole('feed', { name: 'Pending reviews' }).getByRole('article').first();
  const href = await card.getByRole('link', { name: /^Open run/ }).getAttribute('href');
  await card.getByRole('group', { name: 'Decide' }).getByRole('button', { name: /^Approve/ }).click();
  const name = card.getByRole('textbox', { name: 'Your name' });
  await name.fill('Ada');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('feed', { name: 'Pending reviews' }).getByRole('article')).toHaveCount(0);
  return href ?? '';
}

test('trace back a run output: the gate and its reviewer, the revised draft with model and prompt version, its feedback, the run inputs', async ({ page }) => {
  await openApp(page);
  await useTestServer(page, 'sk-trellis-lineage-e2e-00000000000000');
  const flow = draftedReplyFlow();
  await seedFlow(page, flow);
  await control.script([judged(3), judged(9)]);
  const runHref = await runAndApprove(page, flow.id);

  await page.goto(`/${runHref}`);
  await expect(page.locator('.run-detail-title').getByRole('status')).toHaveText('Succeeded', { timeout: 20_000 });
  await page.locator('.run-io').screenshot({ path: '/tmp/lineage-outputs.png' });
  await page.getByRole('button', { name: 'Trace back output “reply”' }).click();

  const view = page.getByRole('region', { name: /^Trace back:/ });
  await expect(view.getByRole('heading', { name: 'Trace back: output “reply”' })).toBeFocused();
  const chain = view.getByRole('list', { name: 'Steps it was computed from, latest first' });
  const items = chain.getByRole('listitem');
  await expect.poll(() => chainNames(page)).toEqual([
    'Go to step 5: Reply',
    'Go to step 4: Approve reply',
    'Go to step 3: Tone check, attempt 2 of 2',
    'Go to step 2: Draft reply, attempt 2 of 2',
    'Go to step 3: Tone check, attempt 1 of 2',
    'Go to step 2: Draft reply, attempt 1 of 2',
    'Go to step 1: Ticket',
  ]);
  await expect(items.nth(0)).toContainText('Tracedthe run output “reply”');
  await expect(items.nth(1)).toContainText('Approved by Ada.');
  await expect(items.nth(1)).toContainText('approved → value of Reply');

  const draft2 = items.nth(3);
  await expect(draft2).toContainText('Modelgpt-4o-mini');
  await expect(draft2.locator('.lineage-facts code')).toHaveText(/^[0-9a-f]{8}$/);
  await expect(draft2.locator('.lineage-facts code')).toHaveAttribute('title', /^Configuration fingerprint [0-9a-f]{16}$/);
  await expect(draft2).toContainText('out → value of Tone check (attempt 2)');
  const judge1 = items.nth(4);
  await expect(judge1).toContainText('fail → feedback of Draft reply (attempt 2, revise loop)');
  await expect(judge1).toContainText('Tone check failed');
  await expect(items.nth(6)).toContainText('ticket → ticket of Draft reply (attempts 1, 2)');

  const inputs = view.getByRole('definition').filter({ hasText: TICKET });
  await expect(inputs).toHaveCount(1);
  await expect(view.getByLabel('Run inputs used, from Ticket')).toContainText('Sam Ortiz');
  await view.getByText('Traced value').click();
  await expect(view.locator('.lineage-value pre')).toContainText('[Demo model');
  expect(await axeSerious(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/lineage-view.png', fullPage: false });
  await view.screenshot({ path: '/tmp/lineage-chain.png' });

  // Keyboard: from the traced value, Tab to the second draft's link and press Enter; the step opens, highlighted, focused.
  const link = draft2.getByRole('button', { name: 'Go to step 2: Draft reply, attempt 2 of 2' });
  for (let tabs = 0; tabs < 14 && !(await link.evaluate((el) => el === document.activeElement)); tabs++) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  const steps = page.getByRole('list', { name: 'Steps in plan order' });
  const step = steps.locator('.detail-step-focused');
  await expect(step).toHaveCount(1);
  await expect(step.locator('details')).toHaveAttribute('open', '');
  const visit = step.locator('.detail-visit-focused');
  await expect(visit).toBeFocused();
  await expect(visit.locator('.detail-visit-title')).toHaveText(/^Visit 2/);
  await expect(visit).toBeInViewport();
  await page.screenshot({ path: '/tmp/lineage-step-selected.png' });

  // From a step: the first draft's own trace reads only first-attempt sources.
  await step.getByRole('button', { name: 'Trace back the outputs of Draft reply, attempt 1' }).click();
  await expect(view.getByRole('heading', { name: 'Trace back: the outputs of Draft reply, attempt 1' })).toBeFocused();
  await expect.poll(() => chainNames(page)).toEqual(['Go to step 2: Draft reply, attempt 1 of 2', 'Go to step 1: Ticket']);

  // From the gate's decision.
  await steps.locator('summary[aria-label^="Step 4: Approve reply"]').click();
  await page.getByRole('button', { name: 'Trace back the review decision at Approve reply, attempt 1' }).click();
  await expect(view.getByRole('heading', { name: 'Trace back: the review decision at Approve reply' })).toBeFocused();
  await expect(chain.getByRole('listitem').first()).toContainText('Approved by Ada.');

  // The whole page, with steps expanded: their long values scroll in boxes the keyboard can reach.
  expect(await axeSerious(page)).toEqual([]);
  expect(await axeSerious(page, '.lineage')).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeSerious(page, '.lineage')).toEqual([]);
  await view.screenshot({ path: '/tmp/lineage-chain-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // Closing returns focus to the button that opened the trace.
  await view.getByRole('button', { name: 'Close trace' }).click();
  await expect(view).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Trace back the review decision at Approve reply, attempt 1' })).toBeFocused();
});
