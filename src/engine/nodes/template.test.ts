import { describe, expect, it } from 'vitest';
import { templateNode } from './template';
import { outputsOf } from './nodeTestKit';

describe('Template node', () => {
  it('has a required input per template variable and renders text', async () => {
    const config = templateNode.configSchema.parse({ template: 'Dear {{lead.name}}, about {{topic}} ({{lead.score}}): {{lead.name}}' });
    expect(templateNode.inputs(config)).toEqual([
      { name: 'lead', required: true },
      { name: 'topic', required: true },
    ]);
    expect(templateNode.outputs(config).map((port) => port.name)).toEqual(['text']);
    const outputs = await outputsOf(templateNode, config, { inputs: { lead: { name: 'Ada', score: 9 }, topic: 'pricing' } });
    expect(outputs).toEqual({ text: 'Dear Ada, about pricing (9): Ada' });
  });

  it('renders objects as JSON, missing values as nothing, and \\{{ as a literal', async () => {
    const outputs = await outputsOf(templateNode, { template: 'data={{data}} none=[{{data.missing}}] \\{{literal}}' }, { inputs: { data: { a: [1] } } });
    expect(outputs.text).toBe('data={\n  "a": [\n    1\n  ]\n} none=[] {{literal}}');
  });

  it('defaults to a template over the text input', () => {
    const config = templateNode.defaultConfig();
    expect(templateNode.configSchema.parse(config)).toEqual(config);
    expect(templateNode.inputs(config).map((port) => port.name)).toEqual(['text']);
  });

  it('rejects templates with broken placeholders', () => {
    const unclosed = templateNode.configSchema.safeParse({ template: 'Hello {{name' });
    expect(unclosed.error?.issues[0]).toMatchObject({ path: ['template'], message: expect.stringContaining('unclosed "{{"') });
    const bad = templateNode.configSchema.safeParse({ template: 'Hi {{ 1name }}' });
    expect(bad.error?.issues[0]?.message).toContain('is not a variable path like {{name}}');
    expect(templateNode.configSchema.safeParse({}).error?.issues[0]?.message).toBe('must be text');
  });
});
