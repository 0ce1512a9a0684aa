/**
 * Helpers for the inspector's end-to-end tests: small flows that exercise the forms, selecting
 * nodes and connections on the canvas, and reading and typing in Monaco editors.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import { canvasNode, storedFlow } from './helpers';
import { createEmptyFlow } from '../src/engine/flow/create';
import type { FlowDoc } from '../src/engine/flow/schema';

/** Input (company) -> Agent "Research" (with an output schema) -> Template "Write-up" -> Output. */
export function researchFlow(name = 'Research write-up'): FlowDoc {
  const doc = createEmptyFlow(name);
  doc.nodes = [
    { id: 'lead', kind: 'input', label: 'Lead', position: { x: 0, y: 120 }, config: { fields: [{ name: 'company', type: 'string', required: true, description: 'Company name' }] } },
    {
      id: 'research',
      kind: 'agent',
      label: 'Research',
      position: { x: 280, y: 100 },
      config: {
        role: 'company researcher',
        goal: 'Summarise what the company does',
        backstory: '',
        instructions: 'Research {{company}}.',
        temperature: 0.3,
        maxIterations: 3,
        outputSchema: { type: 'object', properties: { summary: { type: 'string' }, score: { type: 'integer' } }, required: ['summary', 'score'] },
        tools: [],
      },
    },
    { id: 'write', kind: 'template', label: 'Write-up', position: { x: 580, y: 120 }, config: { template: 'About {{company}}: {{research}}' } },
    { id: 'out', kind: 'output', label: 'Result', position: { x: 860, y: 120 }, config: { name: 'result' } },
  ];
  doc.edges = [
    { id: 'e1', source: 'lead', sourcePort: 'company', target: 'research', targetPort: 'company' },
    { id: 'e2', source: 'lead', sourcePort: 'company', target: 'write', targetPort: 'company' },
    { id: 'e3', source: 'research', sourcePort: 'out', target: 'write', targetPort: 'research' },
    { id: 'e4', source: 'write', sourcePort: 'text', target: 'out', targetPort: 'value' },
  ];
  return doc;
}

/** Input -> Composer (agent) -> Check (schema check) -> Output, and Check.invalid back to Composer.feedback. */
export function reviseFlow(name = 'Compose and check'): FlowDoc {
  const doc = createEmptyFlow(name);
  doc.nodes = [
    { id: 'brief', kind: 'input', label: 'Brief', position: { x: 0, y: 120 }, config: { fields: [{ name: 'brief', type: 'string', required: true }] } },
    {
      id: 'composer',
      kind: 'agent',
      label: 'Composer',
      position: { x: 260, y: 100 },
      config: { role: 'writer', goal: 'Write a short email', backstory: '', instructions: 'Write an email about {{brief}}', temperature: 0.5, maxIterations: 3, outputSchema: null, tools: [] },
    },
    { id: 'check', kind: 'schema_check', label: 'Check', position: { x: 560, y: 120 }, config: { schema: { type: 'string', minLength: 20 } } },
    { id: 'out', kind: 'output', label: 'Email', position: { x: 840, y: 120 }, config: { name: 'email' } },
  ];
  doc.edges = [
    { id: 'e1', source: 'brief', sourcePort: 'brief', target: 'composer', targetPort: 'brief' },
    { id: 'e2', source: 'composer', sourcePort: 'out', target: 'check', targetPort: 'in' },
    { id: 'e3', source: 'check', sourcePort: 'valid', target: 'out', targetPort: 'value' },
    { id: 'back', source: 'check', sourcePort: 'invalid', target: 'composer', targetPort: 'feedback' },
  ];
  return doc;
}

/** The inspector's region of the sidebar. */
export function inspector(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Details' }).getByRole('tabpanel');
}

/** Selects a node by clicking its label on the canvas. */
export async function selectNode(page: Page, label: string): Promise<void> {
  await canvasNode(page, label).locator('.fnode-label').click();
  await expect(inspector(page).getByRole('heading', { level: 2, name: label })).toBeVisible();
}

/** Selects a connection from the keyboard (React Flow edges are focusable; Enter selects). */
export async function selectEdge(page: Page, edgeId: string): Promise<void> {
  const edge = page.getByTestId(`rf__edge-${edgeId}`);
  await edge.focus();
  await page.keyboard.press('Enter');
}

/** A Monaco editor's text area, once Monaco (not its plain stand-in) is showing. */
export async function monaco(page: Page, name: string): Promise<Locator> {
  const area = inspector(page).locator('.code-editor').getByRole('textbox', { name, exact: true });
  await expect(area).toBeAttached();
  return area;
}

/** The text a Monaco editor shows, with its soft-wrapped lines joined (so it has no line breaks). */
export async function monacoText(page: Page, name: string): Promise<string> {
  const editor = inspector(page).locator('.code-editor').filter({ has: page.getByRole('textbox', { name, exact: true }) });
  const lines = await editor.locator('.view-line').evaluateAll((elements) =>
    elements
      .map((element) => ({ top: parseFloat((element as HTMLElement).style.top), text: element.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text),
  );
  return lines.join('').replace(/\u00a0/g, ' ');
}

/** A node's config as saved in IndexedDB (autosave), for checking what an edit stored. */
export async function savedConfig(page: Page, flowId: string, nodeId: string): Promise<Record<string, unknown> | undefined> {
  return (await storedFlow(page, flowId))?.doc.nodes.find((n) => n.id === nodeId)?.config;
}

/** Serious and critical axe violations inside `selector`. */
export { axeSerious } from './axe';
