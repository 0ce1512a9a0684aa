/**
 * Built-in template: support-ticket triage. A deterministic flow with an agent placed where
 * judgement is needed and a person checking what the agent writes: normalise the ticket (code),
 * classify it (LLM router), draft a reply to billing and technical tickets (agent), have a person
 * review the draft (review gate: a rejection goes back to the drafter with the reviewer's feedback,
 * at most twice), acknowledge anything else (template, no review needed), and return the reply
 * and the category. Runs out of the box on the demo model (and pauses at the review gate).
 */
import { FLOW_FORMAT, FLOW_VERSION, type FlowDoc } from '../flow/schema';

/** Revise loop bound: the drafter gets at most this many second chances after a rejection. */
export const SUPPORT_TRIAGE_MAX_REVISIONS = 2;

export function supportTriageFlow(id = 'support-triage'): FlowDoc {
  return {
    format: FLOW_FORMAT,
    version: FLOW_VERSION,
    id,
    name: 'Support ticket triage',
    description: 'Classifies a support ticket, drafts a reply to billing and technical questions for a person to review (a rejection sends it back for revision), and acknowledges the rest.',
    nodes: [
      { id: 'ticket', kind: 'input', label: 'Ticket', position: { x: 0, y: 160 }, config: { fields: [{ name: 'ticket', type: 'string', required: true, description: "The customer's message", default: 'Hello, I have a billing question: I was charged twice for my subscription this month. Could you refund the extra charge?' }] } },
      {
        id: 'normalize',
        kind: 'code',
        label: 'Normalise text',
        position: { x: 240, y: 160 },
        config: {
          code: "function main(inputs) {\n  const text = String(inputs.ticket).trim().replace(/\\s+/g, ' ');\n  return { text, words: text ? text.split(' ').length : 0 };\n}\n",
          inputs: ['ticket'],
          timeoutMs: 1000,
          memoryMb: 16,
        },
      },
      {
        id: 'classify',
        kind: 'llm_router',
        label: 'Classify ticket',
        position: { x: 480, y: 160 },
        config: {
          instructions: 'Classify this support ticket by what the customer needs.\n\nTicket: {{ticket.text}}',
          branches: [
            { name: 'billing', description: 'Charges, invoices, refunds, payment methods, billing questions' },
            { name: 'technical', description: 'Errors, bugs, outages, or how the product works' },
            { name: 'other', description: 'Anything else' },
          ],
          temperature: 0,
          maxAttempts: 2,
        },
      },
      { id: 'needs_reply', kind: 'merge', label: 'Billing or technical', position: { x: 720, y: 0 }, config: { mode: 'first', inputs: ['billing', 'technical'] } },
      {
        id: 'draft',
        kind: 'agent',
        label: 'Draft reply',
        position: { x: 960, y: 0 },
        config: {
          role: 'Customer support specialist',
          goal: 'Resolve billing and technical questions accurately and kindly',
          backstory: 'You know the refund and invoicing policy well, and you write short, concrete troubleshooting steps.',
          instructions: 'Draft a reply to this customer. Their ticket is a {{category.branch}} question.\n\nTicket: {{ticket.text}}',
          temperature: 0.4,
          maxIterations: 3,
          outputSchema: null,
          tools: [],
        },
      },
      {
        id: 'review',
        kind: 'review_gate',
        label: 'Review reply',
        position: { x: 1200, y: 0 },
        config: {
          instructions: 'Check that the reply answers the question, is accurate and kind, and promises nothing we do not do. Fix small things yourself; otherwise reject it saying what to change.',
          onReject: 'branch',
          rules: [],
        },
      },
      {
        id: 'other_reply',
        kind: 'template',
        label: 'Acknowledge',
        position: { x: 960, y: 300 },
        config: { template: 'Thank you for your message. We have passed it to the right team, who will reply within one working day.\n\nYour message: "{{ticket.text}}"' },
      },
      { id: 'reply', kind: 'merge', label: 'Reply', position: { x: 1200, y: 220 }, config: { mode: 'first', inputs: ['reviewed', 'acknowledged'] } },
      { id: 'out_reply', kind: 'output', label: 'Reply to customer', position: { x: 1440, y: 220 }, config: { name: 'reply' } },
      { id: 'out_category', kind: 'output', label: 'Category', position: { x: 720, y: 400 }, config: { name: 'category' } },
      { id: 'out_rejected', kind: 'output', label: 'Rejected reply', position: { x: 1440, y: 0 }, config: { name: 'rejected' } },
    ],
    edges: [
      { id: 'e1', source: 'ticket', sourcePort: 'ticket', target: 'normalize', targetPort: 'ticket' },
      { id: 'e2', source: 'normalize', sourcePort: 'out', target: 'classify', targetPort: 'ticket' },
      { id: 'e3', source: 'classify', sourcePort: 'billing', target: 'needs_reply', targetPort: 'billing' },
      { id: 'e4', source: 'classify', sourcePort: 'technical', target: 'needs_reply', targetPort: 'technical' },
      { id: 'e5', source: 'classify', sourcePort: 'other', target: 'other_reply', targetPort: 'ticket' },
      { id: 'e6', source: 'needs_reply', sourcePort: 'out', target: 'draft', targetPort: 'ticket' },
      { id: 'e7', source: 'classify', sourcePort: 'decision', target: 'draft', targetPort: 'category' },
      { id: 'e8', source: 'draft', sourcePort: 'out', target: 'review', targetPort: 'in' },
      { id: 'revise', source: 'review', sourcePort: 'rejected', target: 'draft', targetPort: 'feedback', loop: { maxIterations: SUPPORT_TRIAGE_MAX_REVISIONS } },
      { id: 'e9', source: 'review', sourcePort: 'approved', target: 'reply', targetPort: 'reviewed' },
      { id: 'e10', source: 'other_reply', sourcePort: 'text', target: 'reply', targetPort: 'acknowledged' },
      { id: 'e11', source: 'reply', sourcePort: 'out', target: 'out_reply', targetPort: 'value' },
      { id: 'e12', source: 'classify', sourcePort: 'decision', target: 'out_category', targetPort: 'value' },
      { id: 'e13', source: 'review', sourcePort: 'exhausted', target: 'out_rejected', targetPort: 'value' },
    ],
    settings: { concurrency: 4 },
  };
}
