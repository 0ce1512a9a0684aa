import { describe, expect, it } from 'vitest';
import { agentNode } from '../agent';
import { llmRouterNode } from '../llmRouter';
import { agentConfigSchema } from './config';
import { buildAgentMessages, buildAgentSystemPrompt, buildAgentUserMessage, responseFormatName, schemaFeedback } from './prompt';
import { buildRouterSystemPrompt, readRouterAnswer } from './routerPrompt';

const base = agentConfigSchema.parse({
  role: 'senior market researcher',
  goal: 'Find the three most relevant competitors',
  backstory: 'You have ten years of experience in B2B software.',
  instructions: 'Research {{company}} in {{market.region}}.',
});

describe('agent prompt', () => {
  it('builds the system message from role, backstory and goal, and the user message from the instructions', () => {
    const messages = buildAgentMessages(base, { company: 'Acme', market: { region: 'Europe' } });
    expect(messages).toEqual([
      {
        role: 'system',
        content:
          'You are senior market researcher.\n\nYou have ten years of experience in B2B software.\n\nYour goal: Find the three most relevant competitors',
      },
      { role: 'user', content: 'Research Acme in Europe.' },
    ]);
  });

  it('asks for JSON matching the schema when one is set, and mentions tools when there are any', () => {
    const schema = { type: 'object', properties: { score: { type: 'number' } }, required: ['score'] };
    const tools = [{ type: 'code', name: 'calc', code: 'function main(a) { return a; }' }];
    const prompt = buildAgentSystemPrompt(agentConfigSchema.parse({ ...base, outputSchema: schema, tools }));
    expect(prompt).toContain('Reply with JSON only');
    expect(prompt).toContain(JSON.stringify(schema, null, 2));
    expect(prompt).toContain('You can call the tools');
    expect(buildAgentSystemPrompt(base)).not.toContain('JSON');
  });

  it('adds feedback from a revise loop as the previous attempt\'s feedback, unless the instructions place it', () => {
    expect(buildAgentUserMessage('Write about {{topic}}.', { topic: 'tea', feedback: 'Too long; cite sources.' })).toBe(
      'Write about tea.\n\nFeedback on your previous attempt (revise your answer to address it):\nToo long; cite sources.',
    );
    expect(buildAgentUserMessage('Write about {{topic}}.', { topic: 'tea', feedback: null })).toBe('Write about tea.');
    expect(buildAgentUserMessage('Write about {{topic}}.', { topic: 'tea', feedback: { issues: ['no sources'] } })).toContain('"no sources"');
    expect(buildAgentUserMessage('Fix this: {{feedback}}', { feedback: 'typo' })).toBe('Fix this: typo');
  });

  it('phrases schema feedback with the validation errors', () => {
    expect(schemaFeedback(['/score must be <= 10'])).toBe('Your reply did not match the required schema: /score must be <= 10. Reply again with JSON only.');
  });

  it('derives a valid structured-output name from the label', () => {
    expect(responseFormatName('Lead scorer (v2)')).toBe('Lead_scorer_v2');
    expect(responseFormatName('Évaluation')).toBe('Evaluation');
    expect(responseFormatName('!!!')).toBe('output');
    expect(responseFormatName('x'.repeat(100))).toHaveLength(64);
  });
});

describe('agent config and ports', () => {
  it('has template variables as required inputs plus an optional feedback port, and one output', () => {
    expect(agentNode.inputs(base)).toEqual([
      { name: 'company', required: true },
      { name: 'market', required: true },
      expect.objectContaining({ name: 'feedback', required: false }),
    ]);
    expect(agentNode.outputs(base).map((port) => port.name)).toEqual(['out']);
    expect(agentNode.category).toBe('agent');
    expect(agentNode.costly).toBe(true);
  });

  it('accepts its default config and applies defaults', () => {
    const parsed = agentNode.configSchema.parse(agentNode.defaultConfig());
    expect(parsed).toMatchObject({ temperature: 0.7, maxIterations: 5, outputSchema: null, tools: [] });
  });

  it('reports bad tools with their paths', () => {
    const result = agentConfigSchema.safeParse({
      ...base,
      temperature: 3,
      tools: [
        { type: 'http', name: 'lookup', url: 'https://api.example.com/{{city}}', parameters: { type: 'object', properties: {} } },
        { type: 'code', name: 'lookup', code: 'function main() {}' },
        { type: 'code', name: 'bad name!', code: 'function main() {}', parameters: { type: 'string' } },
      ],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^temperature: /),
        'tools.0.url: uses {{city}} but the tool\'s parameters declare no property "city"',
        'tools.1.name: duplicate tool name "lookup" (also tools[0])',
        expect.stringMatching(/^tools\.2\.name: must be 1-64 letters/),
        expect.stringMatching(/^tools\.2\.parameters: must be a JSON Schema of an object/),
      ]),
    );
  });

  it('reports template mistakes in the instructions', () => {
    const result = agentConfigSchema.safeParse({ ...base, instructions: 'Hello {{name' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['instructions']);
  });
});

describe('LLM router prompt and config', () => {
  const branches = [
    { name: 'billing', description: 'Invoices and refunds' },
    { name: 'technical', description: 'Bugs and errors' },
  ];

  it('lists the branches in the system prompt', () => {
    const prompt = buildRouterSystemPrompt(branches);
    expect(prompt).toContain('- billing: Invoices and refunds\n- technical: Bugs and errors');
    expect(prompt).toContain('exactly one of: billing, technical');
  });

  it('reads answers: exact, differing only in case, and those naming no branch', () => {
    expect(readRouterAnswer('{"branch":"billing","reason":"refund"}', branches)).toEqual({ ok: true, branch: 'billing', reason: 'refund' });
    expect(readRouterAnswer('```json\n{"branch":" Technical ","reason":"crash"}\n```', branches)).toMatchObject({ ok: true, branch: 'technical' });
    expect(readRouterAnswer('billing, clearly', branches)).toEqual({ ok: false, problem: '"billing, clearly", which is not JSON' });
    expect(readRouterAnswer('{"reason":"x"}', branches)).toMatchObject({ ok: false, problem: expect.stringContaining('has no "branch"') });
    expect(readRouterAnswer('{"branch":"sales","reason":"x"}', branches)).toEqual({ ok: false, problem: 'the branch "sales", which is not one of the branches' });
    expect(readRouterAnswer(null, branches)).toEqual({ ok: false, problem: 'an empty reply' });
  });

  it('has template inputs, one output per branch plus decision, and rejects bad branches with paths', () => {
    const config = llmRouterNode.configSchema.parse(llmRouterNode.defaultConfig());
    expect(llmRouterNode.inputs(config)).toEqual([{ name: 'ticket', required: true }]);
    expect(llmRouterNode.outputs(config).map((port) => port.name)).toEqual(['billing', 'technical', 'decision']);
    const bad = llmRouterNode.configSchema.safeParse({ ...config, branches: [{ name: 'a' }, { name: 'a' }, { name: 'decision' }, { name: '1x' }] });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['branches.1.name', 'branches.2.name', 'branches.3.name']));
    expect(llmRouterNode.configSchema.safeParse({ ...config, branches: [{ name: 'only' }] }).success).toBe(false);
    expect(llmRouterNode.configSchema.safeParse({ ...config, maxAttempts: 6 }).success).toBe(false);
  });
});
