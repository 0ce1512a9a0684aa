/**
 * Built-in template: support-ticket triage. A deterministic flow with agents placed where
 * judgement is needed: normalise the ticket (code), classify it (LLM router), draft a reply for
 * billing or technical tickets (agents), acknowledge anything else (template), and return the
 * reply and the category. Runs out of the box on the demo model.
 */
import { FLOW_FORMAT, FLOW_VERSION, type FlowDoc } from '../flow/schema';

const agent = (role: string, goal: string, backstory: string, instructions: string) => ({
  role,
  goal,
  backstory,
  instructions,
  temperature: 0.4,
  maxIterations: 3,
  outputSchema: null,
  tools: [],
});

export function supportTriageFlow(id = 'support-triage'): FlowDoc {
  return {
    format: FLOW_FORMAT,
    version: FLOW_VERSION,
    id,
    name: 'Support ticket triage',
    description: 'Classifies a support ticket, drafts a reply for billing and technical questions, and acknowledges the rest.',
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
      {
        id: 'billing_reply',
        kind: 'agent',
        label: 'Draft billing reply',
        position: { x: 760, y: 0 },
        config: agent('Billing support specialist', 'Resolve billing questions accurately and kindly', 'You know the refund and invoicing policy well.', 'Draft a reply to this customer about their billing question.\n\nTicket: {{ticket.text}}'),
      },
      {
        id: 'technical_reply',
        kind: 'agent',
        label: 'Draft technical reply',
        position: { x: 760, y: 160 },
        config: agent('Technical support engineer', 'Help the customer fix the problem or explain the next step', 'You write short, concrete troubleshooting steps.', 'Draft a reply to this customer about their technical problem.\n\nTicket: {{ticket.text}}'),
      },
      {
        id: 'other_reply',
        kind: 'template',
        label: 'Acknowledge',
        position: { x: 760, y: 320 },
        config: { template: 'Thank you for your message. We have passed it to the right team, who will reply within one working day.\n\nYour message: "{{ticket.text}}"' },
      },
      { id: 'reply', kind: 'merge', label: 'Reply', position: { x: 1040, y: 160 }, config: { mode: 'first', inputs: ['billing', 'technical', 'other'] } },
      { id: 'out_reply', kind: 'output', label: 'Reply to customer', position: { x: 1280, y: 120 }, config: { name: 'reply' } },
      { id: 'out_category', kind: 'output', label: 'Category', position: { x: 1280, y: 280 }, config: { name: 'category' } },
    ],
    edges: [
      { id: 'e1', source: 'ticket', sourcePort: 'ticket', target: 'normalize', targetPort: 'ticket' },
      { id: 'e2', source: 'normalize', sourcePort: 'out', target: 'classify', targetPort: 'ticket' },
      { id: 'e3', source: 'classify', sourcePort: 'billing', target: 'billing_reply', targetPort: 'ticket' },
      { id: 'e4', source: 'classify', sourcePort: 'technical', target: 'technical_reply', targetPort: 'ticket' },
      { id: 'e5', source: 'classify', sourcePort: 'other', target: 'other_reply', targetPort: 'ticket' },
      { id: 'e6', source: 'billing_reply', sourcePort: 'out', target: 'reply', targetPort: 'billing' },
      { id: 'e7', source: 'technical_reply', sourcePort: 'out', target: 'reply', targetPort: 'technical' },
      { id: 'e8', source: 'other_reply', sourcePort: 'text', target: 'reply', targetPort: 'other' },
      { id: 'e9', source: 'reply', sourcePort: 'out', target: 'out_reply', targetPort: 'value' },
      { id: 'e10', source: 'classify', sourcePort: 'decision', target: 'out_category', targetPort: 'value' },
    ],
    settings: { concurrency: 4 },
  };
}
