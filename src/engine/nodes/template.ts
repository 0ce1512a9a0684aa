/**
 * Template: renders logic-less text. Each `{{name}}` (or `{{name.path}}`) names an input port;
 * strings render as they are, other values as JSON, missing values as nothing.
 */
import { z } from 'zod';
import { defineNodeKind } from './types';
import { templateSchema } from './shared';
import { renderTemplate, templateVariables } from '../util/template';

export const templateConfigSchema = z.strictObject({
  template: templateSchema(100_000),
});

export type TemplateConfig = z.output<typeof templateConfigSchema>;

export const templateNode = defineNodeKind({
  kind: 'template',
  version: 1,
  category: 'deterministic',
  title: 'Template',
  description: 'Renders text from a template; each {{name}} becomes an input.',
  configSchema: templateConfigSchema,
  defaultConfig: (): TemplateConfig => ({ template: '{{text}}' }),
  inputs: (config) => templateVariables(config.template).map((name) => ({ name, required: true })),
  outputs: () => [{ name: 'text', required: false, description: 'The rendered text.' }],
  costly: false,
  async run(ctx) {
    return { outputs: { text: renderTemplate(ctx.config.template, ctx.inputs) } };
  },
});
