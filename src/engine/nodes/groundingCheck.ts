/**
 * Grounding check: are the claims in an output supported by the source material it was given?
 * A cheap deterministic pre-check runs first (numbers and names in the output that appear nowhere
 * in the sources); then a model splits the output into atomic claims, quotes where each comes
 * from and says whether the sources support it. The value goes on down `pass` when the supported
 * fraction reaches the threshold, else down `fail` with feedback naming what is unsupported.
 * One verdict (layer 'grounding') is recorded per run; a check that could not answer is an
 * 'error' verdict, never a pass.
 */
import { z } from 'zod';
import { modelChoice } from './agent/config';
import { defineNodeKind, type StepContext, type StepResult } from './types';
const TITLE = 'Grounding check';

const jsonPointer = z
  .string({ error: 'must be a JSON pointer such as /body' })
  .max(500, 'must be at most 500 characters')
  .regex(/^(?:\/(?:[^~]|~[01])*)*$/, 'must be a JSON pointer such as /body or /sections/0/text ("" for the whole value)');

export const groundingCheckConfigSchema = z
  .strictObject({
    /** The supported fraction of claims needed to pass (1: every claim). */
    threshold: z.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1 (every claim supported)').default(1),
    precheck: z
      .strictObject({
        numbers: z.boolean({ error: 'must be true or false' }).default(true),
        names: z.boolean({ error: 'must be true or false' }).default(true),
      })
      .default(() => ({ numbers: true, names: true })),
    /** Terms that need no source: the sender's name, product, phone number. */
    allow: z
      .array(z.string({ error: 'must be text' }).max(200, 'must be at most 200 characters').refine((term) => term.trim() !== '', 'must not be empty'), { error: 'must be a list of terms' })
      .max(500, 'may have at most 500 terms')
      .default(() => []),
    /** JSON pointers of the value's text fields to check; empty: every string in the value. */
    fields: z.array(jsonPointer, { error: 'must be a list of JSON pointers' }).max(50, 'may have at most 50 fields').default(() => []),
    failOnPrecheck: z.boolean({ error: 'must be true or false' }).default(true),
    useModel: z.boolean({ error: 'must be true or false' }).default(true),
    ...modelChoice,
    temperature: z.number().min(0).max(2).default(0),
    maxReplies: z.number().int('must be a whole number').min(1, 'must be at least 1').max(5, 'must be at most 5').default(3),
    onError: z.enum(['fail', 'stop'], { error: 'must be "fail" (send the value down fail) or "stop" (fail the step)' }).default('fail'),
  })
  .superRefine((config, ctx) => {
    if (config.useModel) return;
    if (!config.precheck.numbers && !config.precheck.names) {
      ctx.addIssue({ code: 'custom', path: ['useModel'], message: 'with the model off and both pre-checks off, nothing is checked: turn one on' });
    } else if (!config.failOnPrecheck) {
      ctx.addIssue({ code: 'custom', path: ['failOnPrecheck'], message: 'with the model off, the pre-check is the only check: it must fail the value' });
    }
  });

export type GroundingCheckConfig = z.output<typeof groundingCheckConfigSchema>;

export const groundingCheckNode = defineNodeKind({
  kind: 'grounding_check',
  version: 1,
  category: 'agent',
  title: TITLE,
  description: 'Checks the claims in an output against its sources: numbers and names first (no model), then each claim by a model. Unsupported claims fail it, with where they sit.',
  configSchema: groundingCheckConfigSchema,
  defaultConfig: (): GroundingCheckConfig => ({
    threshold: 1,
    precheck: { numbers: true, names: true },
    allow: [],
    fields: [],
    failOnPrecheck: true,
    useModel: true,
    temperature: 0,
    maxReplies: 3,
    onError: 'fail',
  }),
  inputs: () => [
    { name: 'value', label: 'Value', required: true, description: 'The output to check: text, or JSON whose text fields are checked.' },
    { name: 'sources', label: 'Sources', required: true, description: 'The material the output may draw on (any JSON; read as text).' },
  ],
  outputs: () => [
    { name: 'pass', label: 'Pass', required: false, description: 'The value, unchanged, when its claims are supported.' },
    { name: 'fail', label: 'Fail', required: false, description: 'When they are not: { value, failure, feedback } naming the unsupported claims.' },
  ],
  costly: true,
  passesThrough: () => ['value'],
  // The pre-check and prompts load on the first run (out of the entry bundle).
  async run(ctx: StepContext<GroundingCheckConfig>): Promise<StepResult> {
    const { runGroundingCheck } = await import('./validators/groundingRun');
    return runGroundingCheck(ctx);
  },
});
