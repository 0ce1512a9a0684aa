/**
 * Built-in template: lead research and outreach (the pattern from `seed/`: identify the lead,
 * research it, compose a personalised message, validate it). The agents sit inside a
 * deterministic flow that owns the order, the pass/fail decision and the revise loop:
 *
 *   Lead (input) -> Identify lead (agent, structured) -> Research (agent, with a sandboxed code tool)
 *   -> Compose message (agent, optional `feedback`) -> Validate (agent judge: quality and grounding)
 *   -> Message and verdict (merge) -> Passed? (router: pass, otherwise revise at most twice)
 *   pass -> Approved message -> output `message`; exhausted -> output `needs_review`.
 *
 * Runs out of the box on the offline demo model: structured outputs follow the schemas, the
 * judge's `pass` is true and its score lands high, so the demo run passes on the first draft.
 */
import { FLOW_FORMAT, FLOW_VERSION, type FlowDoc } from '../flow/schema';

/** Revise loop bound: the composer gets at most this many second chances. */
export const LEAD_RESEARCH_MAX_REVISIONS = 2;

/** The judge passes a draft only with `pass` and a score of at least this (1-10). */
export const LEAD_RESEARCH_PASS_SCORE = 7;

const leadSchema = {
  type: 'object',
  properties: {
    company: { type: 'string', description: "The company's name as it is usually written" },
    contactName: { type: 'string', description: "The contact's full name" },
    contactRole: { type: 'string', description: "The contact's role or title" },
    industry: { type: 'string', description: 'The industry the company works in' },
    segment: { type: 'string', enum: ['enterprise', 'mid_market', 'small_business'], description: 'Company size segment' },
  },
  required: ['company', 'contactName', 'contactRole', 'industry', 'segment'],
  additionalProperties: false,
};

const researchSchema = {
  type: 'object',
  properties: {
    summary: { type: 'string', description: 'What the company does and what is going on there now, in two or three sentences' },
    painPoints: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, description: 'Problems the contact is likely to care about' },
    talkingPoints: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, description: 'How the product helps with them, specifically' },
    website: { type: 'string', description: "The company's web domain, if known" },
  },
  required: ['summary', 'painPoints', 'talkingPoints', 'website'],
  additionalProperties: false,
};

const messageSchema = {
  type: 'object',
  properties: {
    subject: { type: 'string', maxLength: 90, description: 'Subject line, under 90 characters' },
    body: { type: 'string', maxLength: 1500, description: 'The message body: short, specific, one clear ask' },
  },
  required: ['subject', 'body'],
  additionalProperties: false,
};

const verdictSchema = {
  type: 'object',
  properties: {
    pass: { type: 'boolean', description: 'True when the message can be sent as it is' },
    score: { type: 'integer', minimum: 1, maximum: 10, description: 'Overall quality, 1 (poor) to 10 (excellent)' },
    issues: { type: 'array', items: { type: 'string' }, maxItems: 5, description: 'Problems found, including any claim the research does not support' },
    feedback: { type: 'string', description: 'What to change, addressed to the writer' },
  },
  required: ['pass', 'score', 'issues', 'feedback'],
  additionalProperties: false,
};

/** A sandboxed tool the researcher may call: no network, just a deterministic guess. */
const DOMAIN_TOOL_CODE = `function main(args) {
  const name = String(args.company || '').toLowerCase()
    .replace(/\\b(inc|llc|ltd|gmbh|corp|corporation|co|company|group|plc|sa|ag)\\b\\.?/g, '')
    .replace(/[^a-z0-9]+/g, '');
  return { domain: name ? name + '.com' : null, note: 'A guess from the name alone; confirm it before relying on it.' };
}
`;

const agent = (config: { role: string; goal: string; backstory: string; instructions: string; temperature: number; outputSchema: Record<string, unknown>; tools?: unknown[] }) => ({
  role: config.role,
  goal: config.goal,
  backstory: config.backstory,
  instructions: config.instructions,
  temperature: config.temperature,
  maxIterations: 4,
  outputSchema: config.outputSchema,
  tools: config.tools ?? [],
});

export function leadResearchFlow(id = 'lead-research'): FlowDoc {
  return {
    format: FLOW_FORMAT,
    version: FLOW_VERSION,
    id,
    name: 'Lead research and outreach',
    description:
      'Identifies a lead, researches the company, composes a personalised message and has a judge check it for quality and unsupported claims; a failed check sends the draft back for at most two revisions.',
    nodes: [
      {
        id: 'lead',
        kind: 'input',
        label: 'Lead',
        position: { x: 0, y: 200 },
        config: {
          fields: [
            { name: 'company', type: 'string', required: true, description: "The company's name or website", default: 'Northwind Logistics (northwind-logistics.example)' },
            { name: 'contact', type: 'string', required: true, description: 'Who to write to: name and role', default: 'Dana Whitfield, Head of Operations' },
            { name: 'product', type: 'string', required: true, description: 'What you offer, in a sentence or two', default: 'Route planning software that cuts empty truck miles by planning loads across depots.' },
          ],
        },
      },
      {
        id: 'identify',
        kind: 'agent',
        label: 'Identify lead',
        position: { x: 260, y: 120 },
        config: agent({
          role: 'Sales development researcher',
          goal: 'Pin down exactly who the lead is: the company, the person and their role.',
          backstory: 'You clean up lead records before anyone writes to them, and you never invent details.',
          instructions:
            'Lead: {{contact}} at {{company}}.\n\nIdentify this lead: the company as it is usually written, the contact\'s name and role, the industry and the size segment.',
          temperature: 0.2,
          outputSchema: leadSchema,
        }),
      },
      {
        id: 'research',
        kind: 'agent',
        label: 'Research',
        position: { x: 520, y: 120 },
        config: agent({
          role: 'Account researcher',
          goal: 'Find what matters to this lead right now and how our product could help.',
          backstory: 'You write short research notes that a salesperson can rely on; you say when something is a guess.',
          instructions:
            '{{company}}: research this company for an outreach message about our product. Look for what is going on there now and what the contact is likely to care about.\n\nLead:\n{{lead}}\n\nOur product: {{product}}',
          temperature: 0.4,
          outputSchema: researchSchema,
          tools: [
            {
              type: 'code',
              name: 'company_domain',
              description: "Guesses the company's web domain from its name (for example \"Acme Corp\" -> acme.com).",
              parameters: {
                type: 'object',
                properties: { company: { type: 'string', description: 'The company name' } },
                required: ['company'],
                additionalProperties: false,
              },
              code: DOMAIN_TOOL_CODE,
              timeoutMs: 1000,
              memoryMb: 16,
            },
          ],
        }),
      },
      {
        id: 'compose',
        kind: 'agent',
        label: 'Compose message',
        position: { x: 780, y: 120 },
        config: agent({
          role: 'Outreach writer',
          goal: 'Write a short, personal first message that the contact will want to answer.',
          backstory: 'You write plainly, mention one specific thing about the company, and make one clear ask. You only use facts from the research.',
          instructions:
            'Write a first message to {{contact}} at {{company}} about our product. Make it personal, using the research.\n\nLead:\n{{lead}}\n\nResearch:\n{{research}}\n\nOur product: {{product}}',
          temperature: 0.7,
          outputSchema: messageSchema,
        }),
      },
      {
        id: 'validate',
        kind: 'agent',
        label: 'Validate',
        position: { x: 1040, y: 260 },
        config: agent({
          role: 'Outreach quality reviewer',
          goal: 'Decide whether the message is ready to send.',
          backstory:
            'You check tone, clarity and personalisation, and you compare every claim about the company with the research notes: anything the research does not support is an issue.',
          instructions:
            'Review this outreach message.\n\nMessage:\n{{message}}\n\nLead:\n{{lead}}\n\nResearch notes (the only trusted source):\n{{research}}\n\n' +
            `Pass it only if it is accurate, personal and clear, scoring ${LEAD_RESEARCH_PASS_SCORE} or more out of 10.`,
          temperature: 0,
          outputSchema: verdictSchema,
        }),
      },
      { id: 'join', kind: 'merge', label: 'Message and verdict', position: { x: 1300, y: 120 }, config: { mode: 'all', inputs: ['message', 'verdict'] } },
      {
        id: 'decide',
        kind: 'router',
        label: 'Passed?',
        position: { x: 1540, y: 120 },
        config: { branches: [{ name: 'pass', condition: `verdict.pass = true and verdict.score >= ${LEAD_RESEARCH_PASS_SCORE}` }] },
      },
      { id: 'approved', kind: 'transform', label: 'Approved message', position: { x: 1780, y: 40 }, config: { expression: 'message', inputs: ['in'] } },
      { id: 'out_message', kind: 'output', label: 'Message', position: { x: 2020, y: 40 }, config: { name: 'message' } },
      { id: 'out_needs_review', kind: 'output', label: 'Needs review', position: { x: 1780, y: 260 }, config: { name: 'needs_review' } },
      { id: 'out_validation', kind: 'output', label: 'Validation', position: { x: 1300, y: 380 }, config: { name: 'validation' } },
      { id: 'out_research', kind: 'output', label: 'Research notes', position: { x: 780, y: 380 }, config: { name: 'research' } },
    ],
    edges: [
      { id: 'e1', source: 'lead', sourcePort: 'company', target: 'identify', targetPort: 'company' },
      { id: 'e2', source: 'lead', sourcePort: 'contact', target: 'identify', targetPort: 'contact' },
      { id: 'e3', source: 'identify', sourcePort: 'out', target: 'research', targetPort: 'lead' },
      { id: 'e4', source: 'lead', sourcePort: 'company', target: 'research', targetPort: 'company' },
      { id: 'e5', source: 'lead', sourcePort: 'company', target: 'compose', targetPort: 'company' },
      { id: 'e6', source: 'lead', sourcePort: 'contact', target: 'compose', targetPort: 'contact' },
      { id: 'e7', source: 'lead', sourcePort: 'product', target: 'research', targetPort: 'product' },
      { id: 'e8', source: 'identify', sourcePort: 'out', target: 'compose', targetPort: 'lead' },
      { id: 'e9', source: 'research', sourcePort: 'out', target: 'compose', targetPort: 'research' },
      { id: 'e10', source: 'lead', sourcePort: 'product', target: 'compose', targetPort: 'product' },
      { id: 'e11', source: 'compose', sourcePort: 'out', target: 'validate', targetPort: 'message' },
      { id: 'e12', source: 'identify', sourcePort: 'out', target: 'validate', targetPort: 'lead' },
      { id: 'e13', source: 'research', sourcePort: 'out', target: 'validate', targetPort: 'research' },
      { id: 'e14', source: 'compose', sourcePort: 'out', target: 'join', targetPort: 'message' },
      { id: 'e15', source: 'validate', sourcePort: 'out', target: 'join', targetPort: 'verdict' },
      { id: 'e16', source: 'join', sourcePort: 'out', target: 'decide', targetPort: 'in' },
      { id: 'e17', source: 'decide', sourcePort: 'pass', target: 'approved', targetPort: 'in' },
      { id: 'e18', source: 'approved', sourcePort: 'out', target: 'out_message', targetPort: 'value' },
      { id: 'revise', source: 'decide', sourcePort: 'otherwise', target: 'compose', targetPort: 'feedback', loop: { maxIterations: LEAD_RESEARCH_MAX_REVISIONS } },
      { id: 'e19', source: 'decide', sourcePort: 'exhausted', target: 'out_needs_review', targetPort: 'value' },
      { id: 'e20', source: 'validate', sourcePort: 'out', target: 'out_validation', targetPort: 'value' },
      { id: 'e21', source: 'research', sourcePort: 'out', target: 'out_research', targetPort: 'value' },
    ],
    settings: { concurrency: 4 },
  };
}
