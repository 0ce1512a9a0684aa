/**
 * The trace viewer, end to end in Chromium: an agent with a code tool and an output schema, then a
 * judge, run against the OpenAI-compatible test server. While the agent waits for its first
 * reply the trace shows the step running; once done, the waterfall has a row per span (run,
 * steps, model calls with their first token marked, the tool call, the checks) with bars on a
 * shared time axis. The keyboard moves through the tree grid, opens a model call (the exact
 * messages sent, role by role, and the raw response, as text) and collapses and expands a step;
 * the timeline zooms to a span. A seeded run with 2,001 spans renders few rows and scrolls to its
 * end. axe in light and dark.
 */
import type { Locator, Page } from '@playwright/test';
import type { FlowDoc } from '../src/engine/flow/schema';
import { createControlClient } from '../test-support/control';
import { expect, test } from './fixtures';
import { SERVER_ORIGIN, axeSerious, openApp, seedFlow, useTestServer } from './runs-support';
import { BIG_RUN_ID, seedBigRun } from './trace-support';

test.use({ viewport: { width: 1366, height: 900 } });
const control = createControlClient(`${SERVER_ORIGIN}/v1`);

test.beforeEach(async () => {
  await control.reset();
});

const TICKET = 'I was charged twice for order 4417 <b>please</b> refund one charge.';
const REPLY = { subject: 'Refund for order 4417', body: 'Hello, we refunded the duplicate charge on order 4417.' };

function node(id: string, kind: string, label: string, x: number, config: Record<string, unknown>): FlowDoc['nodes'][number] {
  return { id, kind, label, position: { x, y: 100 }, config };
}

function toolFlow(id: string): FlowDoc {
  const edge = (n: number, source: string, sourcePort: string, target: string, targetPort: string) => ({ id: `e${n}`, source, sourcePort, target, targetPort });
  return {
    format: 'trellis.flow',
    version: 1,
    id,
    name: 'Reply with a tool',
    description: 'An agent that counts words with a tool, checked by a judge (end-to-end test flow)',
    nodes: [
      node('in', 'input', 'Ticket', 0, { fields: [{ name: 'ticket', type: 'string', required: true }] }),
      node('compose', 'agent', 'Compose reply', 240, {
        role: 'Support agent',
        goal: 'Reply to the customer',
        backstory: '',
        instructions: 'Write a reply to the customer.\n\nTicket: {{ticket}}',
        temperature: 0.2,
        maxIterations: 3,
        outputSchema: { type: 'object', required: ['subject', 'body'], properties: { subject: { type: 'string' }, body: { type: 'string' } }, additionalProperties: false },
        tools: [
          {
            type: 'code',
            name: 'word_count',
            description: 'Counts the words in a text',
            parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
            code: 'function main(args) { return { words: args.text.split(/\\s+/).filter(Boolean).length }; }',
          },
        ],
      }),
      node('judge', 'judge', 'Tone', 480, { criteria: 'The reply is polite and answers the ticket.', threshold: 7 }),
      node('out', 'output', 'Reply', 720, { name: 'reply' }),
    ],
    edges: [edge(1, 'in', 'ticket', 'compose', 'ticket'), edge(2, 'compose', 'out', 'judge', 'value'), edge(3, 'judge', 'pass', 'out', 'value')],
    settings: { concurrency: 4 },
  };
}

const grid = (page: Page) => page.getByRole('treegrid', { name: 'Spans of the run' });
const rows = (page: Page) => grid(page).locator('[role="row"][data-span-id]');
const row = (page: Page, kind: string, text: string | RegExp) => rows(page).and(page.locator(`[data-kind="${kind}"]`)).filter({ hasText: text });
const focusedRow = (page: Page) => rows(page).and(page.locator(':focus'));

async function barWidth(target: Locator): Promise<number> {
  return (await target.locator('.tw-bar').boundingBox())?.width ?? 0;
}

/** How much of its row's timeline a span's bar takes. */
async function barShare(target: Locator): Promise<number> {
  const lane = (await target.locator('.tw-lane').boundingBox())?.width ?? 1;
  return (await barWidth(target)) / lane;
}

test('the trace of a run with a tool and checks: rows and bars, a model call opened by keyboard, collapse and expand, zoom, live while running', async ({ page }) => {
  await openApp(page);
  await useTestServer(page, 'sk-trellis-trace-e2e-000000000000');
  const flow = toolFlow('e2e-trace');
  await seedFlow(page, flow);
  await control.script([
    { match: { contains: 'Write a reply to the customer' }, toolCalls: [{ id: 'call_wc', name: 'word_count', arguments: { text: TICKET } }], delayMs: 2500 },
    { match: { contains: 'Write a reply to the customer' }, json: REPLY, chunkDelayMs: 40 },
    { match: { contains: 'The reply is polite' }, json: { reasons: ['Polite and complete.'], score: 8 } },
  ]);

  await page.goto(`/#/flows/${flow.id}`);
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run this flow' });
  await panel.getByRole('textbox', { name: /^ticket/ }).fill(TICKET);
  await panel.getByRole('button', { name: 'Run', exact: true }).click();

  // Live: the trace follows the run while the agent waits for the model.
  await panel.getByRole('link', { name: 'Run details' }).click();
  await page.getByRole('navigation', { name: 'Run views' }).getByRole('link', { name: 'Trace' }).click();
  await expect(page).toHaveURL(/#\/runs\/[^/]+\/trace$/);
  await expect(row(page, 'step', 'Compose reply')).toContainText('Running');
  await expect(row(page, 'run', 'Reply with a tool')).toContainText('Running');
  await page.screenshot({ path: '/tmp/trace-live.png' });
  await expect(page.getByRole('status').filter({ hasText: 'Succeeded' })).toBeVisible({ timeout: 20_000 });

  // Rows: the run, its four steps, and under them two model calls, the tool call and the checks.
  await expect(rows(page)).toHaveCount(11);
  await expect(rows(page).first()).toHaveAttribute('aria-level', '1');
  await expect(row(page, 'step', 'Compose reply')).toHaveAttribute('aria-expanded', 'true');
  await expect(row(page, 'llm', 'chat gpt-4o-mini')).toHaveCount(3);
  await expect(row(page, 'tool', 'tool word_count')).toHaveAttribute('aria-level', '3');
  await expect(row(page, 'validation', 'Structure: output schema')).toHaveAttribute('aria-label', /^Check: Structure: output schema, Pass, /);
  await expect(row(page, 'validation', 'Judge: Tone').locator('.tw-status')).toHaveAttribute('title', 'Pass');
  await expect(grid(page).locator('.tw-tick').first()).toHaveText('0');
  expect(await grid(page).locator('.tw-tick').count()).toBeGreaterThanOrEqual(3);
  // Bars: the run's spans the whole axis; every model call shows where its first token came.
  const runBar = await barWidth(row(page, 'run', 'Reply with a tool'));
  const composeBar = await barWidth(row(page, 'step', 'Compose reply'));
  expect(composeBar).toBeGreaterThan(runBar * 0.5);
  expect(composeBar).toBeLessThanOrEqual(runBar + 1);
  await expect(grid(page).locator('.tw-ttft')).toHaveCount(3);
  for (const call of await row(page, 'llm', 'chat gpt-4o-mini').all()) expect(await barWidth(call)).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: 'Trace totals' })).toContainText('Model time');
  await expect(page.getByRole('region', { name: 'Trace totals' })).toContainText('3 model calls');

  // Keyboard: into the grid, down to the agent's first model call, Enter opens it.
  await rows(page).first().click();
  await expect(rows(page).first()).toBeFocused();
  // Ticket, Compose reply, its structure check (it spans the step), then the first model call.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(focusedRow(page)).toHaveAttribute('data-kind', 'llm');
  await page.keyboard.press('Enter');
  await expect(focusedRow(page)).toHaveAttribute('aria-selected', 'true');
  const detail = page.getByRole('region', { name: 'chat gpt-4o-mini' });
  const messages = detail.getByRole('list', { name: 'Messages sent' }).locator(':scope > li');
  await expect(messages).toHaveCount(2);
  await expect(messages.nth(0).locator('.trace-msg-role')).toContainText('System');
  await expect(messages.nth(0)).toContainText('Support agent');
  await expect(messages.nth(1).locator('.trace-msg-role')).toContainText('User');
  await expect(messages.nth(1).locator('pre')).toHaveText(`Write a reply to the customer.\n\nTicket: ${TICKET}`);
  const response = detail.getByRole('group', { name: 'Raw response' });
  await expect(response.getByRole('list', { name: 'Tool calls asked for' })).toContainText('word_count');
  await expect(response.locator('pre')).toContainText(JSON.stringify({ text: TICKET }));
  await expect(detail).toContainText('tool_calls');
  // Text, never markup: the ticket's <b> is shown as typed.
  await expect(detail.locator('b')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/trace-llm.png' });
  // Escape closes the details; the focus stays on the row.
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(focusedRow(page)).toHaveAttribute('data-kind', 'llm');

  // The second call: it sent the tool's result back and got the reply.
  await page.keyboard.press('ArrowDown');
  await expect(focusedRow(page)).toHaveAttribute('data-kind', 'tool');
  await page.keyboard.press(' ');
  const toolDetail = page.getByRole('region', { name: 'tool word_count' });
  await expect(toolDetail.getByRole('definition')).toHaveText([/.+/, /.+/, JSON.stringify({ text: TICKET }, null, 2), JSON.stringify({ words: 11 }, null, 2)]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const second = page.getByRole('region', { name: 'chat gpt-4o-mini' }).getByRole('list', { name: 'Messages sent' }).locator(':scope > li');
  await expect(second).toHaveCount(4);
  await expect(second.nth(2)).toContainText('Assistant');
  await expect(second.nth(3)).toContainText('Tool result for call_wc');
  await expect(second.nth(3).locator('pre')).toHaveText('{"words":11}');
  await expect(page.getByRole('group', { name: 'Raw response' }).locator('pre')).toHaveText(JSON.stringify(REPLY));

  // Left goes to the parent step, Left again collapses it, Right expands it.
  await page.keyboard.press('ArrowLeft');
  await expect(focusedRow(page)).toContainText('Compose reply');
  await page.keyboard.press('ArrowLeft');
  await expect(row(page, 'step', 'Compose reply')).toHaveAttribute('aria-expanded', 'false');
  await expect(rows(page)).toHaveCount(7);
  await expect(row(page, 'tool', 'word_count')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(row(page, 'step', 'Compose reply')).toHaveAttribute('aria-expanded', 'true');
  await expect(rows(page)).toHaveCount(11);
  await expect(focusedRow(page)).toContainText('Compose reply');
  // A step's details: its inputs and outputs.
  await page.keyboard.press('Enter');
  const stepDetail = page.getByRole('region', { name: 'Compose reply' });
  await expect(stepDetail.getByRole('definition').filter({ hasText: 'Refund for order 4417' })).toBeVisible();

  // Zoom: the timeline fits the tool call (cut-off bars say so); back to the whole run.
  const tool = row(page, 'tool', 'word_count');
  expect(await barShare(tool)).toBeLessThan(0.3);
  await tool.click();
  await page.getByRole('region', { name: 'tool word_count' }).getByRole('button', { name: 'Zoom the timeline to this span' }).click();
  await expect(page.getByText('Time axis zoomed to “tool word_count”')).toBeVisible();
  expect(await barShare(tool)).toBeGreaterThan(0.75);
  await expect(row(page, 'run', 'Reply with a tool').locator('.tw-bar')).toHaveClass(/tw-bar-cut-start/);
  await page.screenshot({ path: '/tmp/trace-zoomed.png' });
  await page.getByRole('button', { name: 'Show the whole run' }).first().click();
  await expect(page.getByText('Time axis zoomed to')).toHaveCount(0);
  expect(await barShare(tool)).toBeLessThan(0.3);

  // A check's verdict.
  await row(page, 'validation', 'Judge: Tone').click();
  await expect(page.getByRole('region', { name: 'Judge: Tone' }).getByRole('group', { name: 'Verdict of Judge: Tone' })).toContainText(/✓ Pass.*score 8 of 10 \(needs 7\)/);

  await row(page, 'llm', 'chat gpt-4o-mini').first().click();
  expect(await axeSerious(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/trace-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeSerious(page)).toEqual([]);
  await page.screenshot({ path: '/tmp/trace-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // The flow's runs: totals over them.
  await page.goto(`/#/runs?flow=${flow.id}`);
  const totals = page.getByRole('region', { name: /^Totals/ });
  await expect(totals).toContainText('over 1 run of this flow');
  await expect(totals.getByRole('definition').nth(3)).not.toContainText('counting');
  await page.screenshot({ path: '/tmp/trace-flow-totals.png' });
});

test('a run with 2,001 spans renders few rows and scrolls to its end', async ({ page }) => {
  await openApp(page);
  await seedBigRun(page, 400);
  await page.goto(`/#/runs/${BIG_RUN_ID}/trace`);
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Trace totals' })).toContainText('2,001');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '2002');
  expect(await rows(page).count()).toBeLessThan(150);
  await page.screenshot({ path: '/tmp/trace-big.png' });

  // End jumps to the last span, focused and on screen; still few rows in the page.
  await rows(page).first().click();
  await page.keyboard.press('End');
  const last = rows(page).and(page.locator(`[data-span-id="s:399:0:check:0"]`));
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  expect(await rows(page).count()).toBeLessThan(150);
  await page.keyboard.press('Home');
  await expect(rows(page).first()).toBeFocused();

  // Scrolling with the wheel to the end renders the last rows.
  const scroller = grid(page).locator('.tw-scroll');
  await scroller.hover();
  for (let i = 0; i < 40 && !(await last.isVisible()); i++) await page.mouse.wheel(0, 4000);
  await expect(last).toBeInViewport();
  expect(await rows(page).count()).toBeLessThan(150);

  // Collapse all leaves the run; expand all brings every span back.
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '2002');
  expect(await axeSerious(page, '.trace')).toEqual([]);
});
