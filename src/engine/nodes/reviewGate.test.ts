import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { createScriptedProvider } from '../llm/scripted';
import { createModelResolver } from '../llm/resolver';
import { resumeRun, startRun } from '../run/executor';
import { createMemoryRunStore } from '../run/memoryStore';
import { flowOf } from '../testing/flows';
import { offlineServices } from '../testing/services';
import { buildAgentUserMessage } from './agent/prompt';
import { listNodeKinds } from './registry';
import { reviewGateConfigSchema, reviewGateHooks, reviewGateNode } from './reviewGate';

const config = (input: Record<string, unknown> = {}) => reviewGateConfigSchema.parse(input);
const outcome = (onReject: 'branch' | 'fail', decision: Parameters<typeof reviewGateHooks.outcome>[1]['decision']) =>
  reviewGateHooks.outcome(config({ onReject }), { output: { text: 'draft' }, decision, label: 'Check reply' });

describe('review gate node', () => {
  it('is a human step with defaults, and refuses bad settings', () => {
    expect(listNodeKinds().find((k) => k.kind === 'review_gate')).toMatchObject({ category: 'human', title: 'Review gate' });
    expect(reviewGateNode.defaultConfig()).toEqual({ instructions: expect.stringContaining('Approve'), onReject: 'branch', rules: [] });
    expect(config({ rules: [{ path: 'priority', op: 'equals', value: 'urgent' }, { path: 'score', op: 'lt', value: 0.6 }] }).rules).toHaveLength(2);
    // A broken rule is a problem on the node, named by its place, not a surprise at run time.
    const broken = reviewGateConfigSchema.safeParse({ rules: [{ path: 'score', op: 'lt', value: 'low' }] });
    expect(broken.success).toBe(false);
    expect(broken.error?.issues[0]).toMatchObject({ path: ['rules', 0, 'value'], message: expect.stringContaining('compares numbers') });
    expect(reviewGateConfigSchema.safeParse({ onReject: 'retry' }).success).toBe(false);
    expect(reviewGateConfigSchema.safeParse({ extra: 1 }).success).toBe(false);
  });

  it('has an approved output, and a rejected one only when rejections branch', () => {
    expect(reviewGateNode.inputs(config())).toMatchObject([{ name: 'in', required: true }]);
    expect(reviewGateNode.outputs(config()).map((p) => p.name)).toEqual(['approved', 'rejected']);
    expect(reviewGateNode.outputs(config({ onReject: 'fail' })).map((p) => p.name)).toEqual(['approved']);
  });

  it('turns each decision into its outputs', () => {
    expect(outcome('branch', null)).toEqual({ outputs: { approved: { text: 'draft' } } });
    expect(outcome('branch', { action: 'approve', by: 'Ada', at: 1 })).toEqual({ outputs: { approved: { text: 'draft' } } });
    expect(outcome('branch', { action: 'edit', editedOutput: { text: 'better' }, by: 'Ada', at: 1 })).toEqual({ outputs: { approved: { text: 'better' } } });
    expect(outcome('branch', { action: 'reject', reason: 'Too long.', by: 'Ada', at: 1 })).toEqual({
      outputs: { rejected: { output: { text: 'draft' }, feedback: 'Too long.', reviewer: 'Ada' } },
    });
    expect(() => outcome('fail', { action: 'reject', reason: 'Wrong customer.', by: 'Ada', at: 1 })).toThrow('Review gate "Check reply": Ada rejected the output: Wrong customer.');
  });

  it('a rejection reaches an agent\'s feedback as words, not JSON', () => {
    const message = buildAgentUserMessage('Reply to {{ticket}}.', { ticket: 'hi', feedback: { output: { subject: 'Hi' }, feedback: 'Be warmer.', reviewer: 'Ada' } });
    expect(message).toContain('Feedback on your previous attempt (revise your answer to address it):\nA reviewer (Ada) rejected it: Be warmer.');
    expect(message).toContain('Your previous answer was:\n{\n  "subject": "Hi"\n}');
  });
});

describe('review gate after an agent (the revise pattern)', () => {
  const flow = flowOf(
    [
      ['ticket', 'input', { fields: [{ name: 'ticket', type: 'string', required: true }] }],
      ['draft', 'agent', { role: 'support writer', goal: 'Answer kindly', instructions: 'Reply to: {{ticket}}' }],
      ['gate', 'review_gate', {}],
      ['out', 'output', { name: 'reply' }],
    ],
    ['ticket.ticket -> draft.ticket', 'draft.out -> gate.in', 'gate.approved -> out.value', { from: 'gate.rejected', to: 'draft.feedback', loop: 2 }],
  );
  const services = () => ({ ...offlineServices(), models: createModelResolver([createScriptedProvider()]) });

  it('compiles cleanly: the rejected branch loops back to the agent\'s optional feedback input', () => {
    const { plan, diagnostics } = compile(flow);
    expect(diagnostics).toEqual([]);
    expect(plan.loops).toMatchObject([{ sourcePort: 'rejected', targetPort: 'feedback', maxIterations: 2, body: [1, 2] }]);
  });

  it('sends the reviewer\'s feedback to the agent on its second attempt', async () => {
    const store = createMemoryRunStore();
    await (await startRun(flow, { ticket: 'Where is my order?' }, { store, services: services(), runId: 'r' })).done;
    await store.decideReview('r:2:0', { action: 'reject', reason: 'Give the tracking link.', by: 'Ada', at: 1 });
    const paused = await (await resumeRun('r', { store, services: services() })).done;
    expect(paused.status).toBe('paused');
    const second = store.snapshot().steps.find((s) => s.nodeId === 'draft' && s.visit === 1);
    const prompt = second?.llmCalls[0]?.request.messages.at(-1)?.content;
    expect(prompt).toContain('A reviewer (Ada) rejected it: Give the tracking link.');
    expect(store.snapshot().steps.filter((s) => s.nodeId === 'draft').map((s) => s.llmCalls.length)).toEqual([1, 1]);
  });
});
