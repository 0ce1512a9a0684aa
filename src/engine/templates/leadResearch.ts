/**
 * Built-in template: lead research and outreach (the pattern from `seed/`: identify the lead,
 * research it, compose a personalised message, validate it in layers, and have a person approve
 * it). The agents sit inside a deterministic flow that owns the order, the checks and the loop:
 *
 *   Lead (input) -> Identify lead (agent, structured) -> Research (agent, with a sandboxed code tool)
 *   -> Compose message (agent, optional `feedback`)
 *   -> Quality judge (rubric, 1-10) -> Grounding check (against the lead and the research)
 *   -> Quality API (a scoring service; `demo:quality` offline)
 *   Any failed layer -> Failed check (merge) -> back to Compose with the failure as feedback
 *   (a revise loop, at most twice); passed, or out of revisions -> Ready for review (merge)
 *   -> Review gate (a person approves, edits or rejects) -> output `message` / `rejected`.
 *
 * Runs out of the box on the offline demo model: structured outputs follow the schemas, the
 * judge's score lands high, the demo model supports every claim, and the demo quality service
 * scores the message locally.
 */
import { FLOW_FORMAT, FLOW_VERSION, type FlowDoc } from '../flow/schema';

/** Revise loop bound: the composer gets at most this many second chances. */
export const LEAD_RESEARCH_MAX_REVISIONS = 2;

/** The judge passes a draft with a score of at least this (1-10). */
export const LEAD_RESEARCH_PASS_SCORE = 7;

/** The quality API passes a draft with a score of at least this (0-1). */
export const LEAD_RESEARCH_QUALITY_SCORE = 0.7;

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
      'Identifies a lead, researches the company and composes a personalised message, then checks it in three layers (a quality judge, a grounding check against the research, a quality API); a failed layer sends the draft back for at most two revisions, and a person approves the result.',
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
        id: 'sources',
        kind: 'merge',
        label: 'Sources',
        position: { x: 780, y: 620 },
        config: { mode: 'all', inputs: ['company', 'contact', 'product', 'lead', 'research'] },
      },
      {
        id: 'judge',
        kind: 'judge',
        label: 'Quality judge',
        position: { x: 1040, y: 120 },
        config: {
          criteria:
            'A first outreach message a busy operations leader would answer: personal (it mentions something specific about their company), clear, short, polite, and with exactly one concrete ask.',
          steps: [
            'Check that the message names the contact and mentions one specific thing about their company.',
            'Check that it explains in a sentence how the product helps with a likely problem.',
            'Check that it makes exactly one clear ask, such as a short call.',
            'Check that it is short and plain: no filler, no hype, no pressure.',
          ],
          scale: { min: 1, max: 10 },
          threshold: LEAD_RESEARCH_PASS_SCORE,
          temperature: 0,
          maxReplies: 3,
          onError: 'fail',
        },
      },
      {
        id: 'grounding',
        kind: 'grounding_check',
        label: 'Grounding check',
        position: { x: 1300, y: 120 },
        config: {
          threshold: 1,
          precheck: { numbers: true, names: true },
          allow: [],
          fields: ['/subject', '/body'],
          failOnPrecheck: true,
          useModel: true,
          temperature: 0,
          maxReplies: 3,
          onError: 'fail',
        },
      },
      {
        id: 'quality',
        kind: 'quality_api',
        label: 'Quality API',
        position: { x: 1560, y: 120 },
        config: {
          url: 'demo:quality',
          method: 'POST',
          headers: {},
          scorePath: 'score',
          threshold: LEAD_RESEARCH_QUALITY_SCORE,
          direction: 'higher',
          timeoutMs: 10000,
          onError: 'fail',
        },
      },
      {
        id: 'failed',
        kind: 'merge',
        label: 'Failed check',
        position: { x: 1560, y: 380 },
        config: { mode: 'first', inputs: ['judge', 'grounding', 'quality'] },
      },
      {
        id: 'ready',
        kind: 'merge',
        label: 'Ready for review',
        position: { x: 1820, y: 200 },
        config: { mode: 'first', inputs: ['passed', 'exhausted'] },
      },
      {
        id: 'gate',
        kind: 'review_gate',
        label: 'Approve message',
        position: { x: 2080, y: 200 },
        config: {
          instructions:
            'Read the message as the contact would. Approve it if it is accurate, personal and ready to send; fix small things and approve; or reject it saying what to change. The checks above the output say which layers passed.',
          onReject: 'branch',
          rules: [],
        },
      },
      { id: 'out_message', kind: 'output', label: 'Message', position: { x: 2340, y: 120 }, config: { name: 'message' } },
      { id: 'out_rejected', kind: 'output', label: 'Rejected', position: { x: 2340, y: 300 }, config: { name: 'rejected' } },
      { id: 'out_research', kind: 'output', label: 'Research notes', position: { x: 520, y: 620 }, config: { name: 'research' } },
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
      { id: 'e11', source: 'identify', sourcePort: 'out', target: 'sources', targetPort: 'lead' },
      { id: 'e12', source: 'research', sourcePort: 'out', target: 'sources', targetPort: 'research' },
      { id: 'e13', source: 'lead', sourcePort: 'product', target: 'sources', targetPort: 'product' },
      { id: 'e28', source: 'lead', sourcePort: 'company', target: 'sources', targetPort: 'company' },
      { id: 'e29', source: 'lead', sourcePort: 'contact', target: 'sources', targetPort: 'contact' },
      { id: 'e14', source: 'compose', sourcePort: 'out', target: 'judge', targetPort: 'value' },
      { id: 'e15', source: 'sources', sourcePort: 'out', target: 'judge', targetPort: 'context' },
      { id: 'e16', source: 'judge', sourcePort: 'pass', target: 'grounding', targetPort: 'value' },
      { id: 'e17', source: 'sources', sourcePort: 'out', target: 'grounding', targetPort: 'sources' },
      { id: 'e18', source: 'grounding', sourcePort: 'pass', target: 'quality', targetPort: 'value' },
      { id: 'e19', source: 'judge', sourcePort: 'fail', target: 'failed', targetPort: 'judge' },
      { id: 'e20', source: 'grounding', sourcePort: 'fail', target: 'failed', targetPort: 'grounding' },
      { id: 'e21', source: 'quality', sourcePort: 'fail', target: 'failed', targetPort: 'quality' },
      { id: 'revise', source: 'failed', sourcePort: 'out', target: 'compose', targetPort: 'feedback', loop: { maxIterations: LEAD_RESEARCH_MAX_REVISIONS } },
      { id: 'e22', source: 'quality', sourcePort: 'pass', target: 'ready', targetPort: 'passed' },
      { id: 'e23', source: 'failed', sourcePort: 'exhausted', target: 'ready', targetPort: 'exhausted' },
      { id: 'e24', source: 'ready', sourcePort: 'out', target: 'gate', targetPort: 'in' },
      { id: 'e25', source: 'gate', sourcePort: 'approved', target: 'out_message', targetPort: 'value' },
      { id: 'e26', source: 'gate', sourcePort: 'rejected', target: 'out_rejected', targetPort: 'value' },
      { id: 'e27', source: 'research', sourcePort: 'out', target: 'out_research', targetPort: 'value' },
    ],
    settings: { concurrency: 4 },
  };
}
