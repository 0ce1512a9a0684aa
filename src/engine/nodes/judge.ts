/**
 * Judge: a model applies a rubric (criteria, optional evaluation steps, a score scale) to the
 * step's `value`, G-Eval style, and answers `{ reasons, score }`. Whether the value passes is
 * decided here, deterministically: score >= threshold. The value goes on unchanged down `pass`,
 * or down `fail` as a ValidationFailure whose feedback a revise loop takes back to the writer.
 * Every run records exactly one verdict (layer 'judge'): pass, fail, or error when the judge
 * could not give a usable answer or the model call failed.
 */
import { z } from 'zod';
import { modelChoice } from './agent/config';
import { defineNodeKind, type StepContext, type StepResult } from './types';

const SCALE_LIMIT = 1000;

const scaleEnd = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(-SCALE_LIMIT, `must be at least -${SCALE_LIMIT}`)
  .max(SCALE_LIMIT, `must be at most ${SCALE_LIMIT}`);

export const judgeConfigSchema = z
  .strictObject({
    /** What a good output is: the rubric the model applies. */
    criteria: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required: describe what a good output is' : 'must be text') })
      .min(1, { error: 'must not be empty: describe what a good output is', abort: true })
      .max(20_000, 'must be at most 20000 characters')
      .refine((text) => text.trim() !== '', 'must not be blank: describe what a good output is'),
    /** Explicit evaluation steps, in order; empty: the judge works them out from the criteria. */
    steps: z
      .array(z.string({ error: 'must be text' }).min(1, 'must not be empty (remove the step instead)').max(2000, 'must be at most 2000 characters'))
      .max(20, 'may have at most 20 steps')
      .default(() => []),
    scale: z
      .strictObject({ min: scaleEnd.default(1), max: scaleEnd.default(10) })
      .refine((scale) => scale.min < scale.max, { path: ['max'], message: 'must be greater than the scale’s min' })
      .default(() => ({ min: 1, max: 10 })),
    /** The score needed to pass (inclusive). */
    threshold: z.number({ error: 'must be a number' }).default(7),
    ...modelChoice,
    temperature: z.number().min(0).max(2).default(0),
    /** Replies in all, when replies do not match the expected JSON. */
    maxReplies: z.number().int('must be a whole number').min(1, 'must be at least 1').max(5, 'must be at most 5').default(3),
    /** When the judge gets no usable answer: 'fail' sends the value down `fail`; 'stop' fails the step. */
    onError: z.enum(['fail', 'stop'], { error: 'must be "fail" or "stop"' }).default('fail'),
  })
  .superRefine((config, ctx) => {
    const { min, max } = config.scale;
    if (min >= max) return; // reported on the scale
    if (config.threshold < min || config.threshold > max) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `must lie within the scale (${min} to ${max})` });
    }
  });

export type JudgeConfig = z.output<typeof judgeConfigSchema>;

export const judgeNode = defineNodeKind({
  kind: 'judge',
  version: 1,
  category: 'agent',
  title: 'Judge',
  description:
    'A model scores its input against a rubric (criteria, optional steps, a scale) and gives its reasons; it passes when the score reaches the threshold, else goes down "fail" with feedback.',
  configSchema: judgeConfigSchema,
  defaultConfig: (): JudgeConfig => ({
    criteria: 'The answer is accurate, addresses every part of the request, and is clear and concise.',
    steps: [],
    scale: { min: 1, max: 10 },
    threshold: 7,
    temperature: 0,
    maxReplies: 3,
    onError: 'fail',
  }),
  inputs: () => [
    { name: 'value', label: 'Value', required: true, description: 'The output to judge.' },
    { name: 'context', label: 'Context', required: false, description: 'Optional: the source material or the request the output answers.' },
  ],
  outputs: () => [
    { name: 'pass', label: 'Pass', required: false, description: 'The value, unchanged, when its score reaches the threshold.' },
    {
      name: 'fail',
      label: 'Fail',
      required: false,
      description: 'When it does not (or the judge could not score it): { value, failure, feedback }. Loop it back into the writer’s feedback input to have it revised.',
    },
  ],
  costly: true,
  passesThrough: () => ['value'],
  // The prompts and reply handling load on the first run (out of the entry bundle).
  async run(ctx: StepContext<JudgeConfig>): Promise<StepResult> {
    const { runJudge } = await import('./validators/judgeRun');
    return runJudge(ctx);
  },
});
