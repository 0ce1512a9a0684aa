/**
 * Verdicts in runs: a schema check records a structure verdict through its step context, the
 * record keeps it, a gate behind the check reviews the step that produced the value (traced
 * through pass-through kinds) and its item carries the run's verdicts; a person's decision is
 * recorded as the human layer; a validator whose latest verdict failed forces review in a
 * reduced tier; and the helpers order attempts and name the layer that caught an output.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import '../testing/kinds';
import { resetTestKinds } from '../testing/kinds';
import { flowOf } from '../testing/flows';
import { offlineServices } from '../testing/services';
import { resumeRun, startRun } from '../run/executor';
import { createMemoryRunStore } from '../run/memoryStore';
import type { ReviewRequest } from '../run/ports';
import { memoryTrustStore, trustPolicy, type TrustVerdict } from '../trust/gatePolicy';
import { setTierByHand } from '../trust/record';
import { caughtBy, forcedByVerdicts, latestVerdicts, verdictsByAttempt, type Verdict } from './verdict';
import { isValidationFailure, validationFailure, validationFailureText } from './failure';
import { buildAgentUserMessage } from '../nodes/agent/prompt';

beforeEach(() => resetTestKinds());

const schema = { type: 'object', required: ['tone'], properties: { tone: { type: 'string' } } };

function checkedFlow() {
  return flowOf(
    [
      ['in', 't_source', { value: { tone: 5 } }],
      ['draft', 't_costly', { inputs: ['in'] }],
      ['check', 'schema_check', { schema }],
      ['gate', 'review_gate', {}],
      ['out', 't_sink'],
    ],
    ['in.out -> draft.in', 'draft.out -> check.in', 'check.invalid -> gate.in', 'gate.approved -> out.value'],
  );
}

function verdict(partial: Partial<Verdict>): Verdict {
  return {
    layer: 'judge',
    validator: 'Judge',
    version: 'judge@1#00000000',
    nodeId: 'judge',
    kind: 'judge',
    stepIndex: 3,
    visit: 0,
    attempt: 1,
    status: 'pass',
    score: 8,
    threshold: 7,
    label: null,
    explanation: '',
    findings: [],
    latencyMs: 1,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    at: 1,
    ...partial,
  };
}

describe('verdicts in a run', () => {
  it('keeps the schema check verdict on its record and the run verdicts on the review item, whose subject is the step behind the check', async () => {
    const store = createMemoryRunStore();
    const handle = await startRun(checkedFlow(), {}, { store, services: offlineServices(), runId: 'r1' });
    const run = await handle.done;
    expect(run.status).toBe('paused');
    const snap = store.snapshot();
    const check = snap.steps.find((s) => s.nodeId === 'check');
    expect(check?.verdicts).toHaveLength(1);
    const recorded = check?.verdicts?.[0];
    expect(recorded).toMatchObject({
      layer: 'structure',
      validator: 'check',
      nodeId: 'check',
      kind: 'schema_check',
      stepIndex: check?.stepIndex,
      visit: 0,
      attempt: 1,
      status: 'fail',
      path: '/tone',
      inputTokens: 0,
      costUsd: null,
    });
    expect(recorded?.version).toMatch(/^schema_check@1#[0-9a-f]{8}$/);
    expect(recorded?.findings[0]).toMatchObject({ severity: 'fail', path: '/tone' });
    const item = snap.reviews[0];
    expect(item?.subjectNodeId).toBe('draft');
    expect(item?.verdicts).toEqual(check?.verdicts);

    await store.decideReview(item!.id, { action: 'reject', reason: 'tone must be text', by: 'Ada', at: 99 });
    const resumed = await (await resumeRun('r1', { store, services: offlineServices() })).done;
    expect(resumed.status).toBe('succeeded');
    const gate = store.snapshot().steps.find((s) => s.nodeId === 'gate');
    expect(gate?.verdicts).toEqual([
      expect.objectContaining({ layer: 'human', status: 'fail', label: 'rejected by Ada', explanation: 'tone must be text', attempt: 1, at: 99 }),
    ]);
  });

  it('the same configuration gives the same validator version, another gives another', async () => {
    const versions: string[] = [];
    for (const required of [['tone'], ['tone'], ['mood']]) {
      const store = createMemoryRunStore();
      const flow = checkedFlow();
      flow.nodes[2]!.config = { schema: { ...schema, required } };
      await (await startRun(flow, {}, { store, services: offlineServices() })).done;
      versions.push(store.snapshot().steps.find((s) => s.nodeId === 'check')!.verdicts![0]!.version);
    }
    expect(versions[0]).toBe(versions[1]);
    expect(versions[2]).not.toBe(versions[0]);
  });
});

describe('verdicts and the trust policy', () => {
  const request = (runId: string, verdicts?: Verdict[]): ReviewRequest => ({
    runId,
    flowId: 'f',
    gateNodeId: 'gate',
    subjectNodeId: 'draft',
    subjectKind: 'agent',
    subjectConfig: { instructions: 'x' },
    output: 'text',
    visit: 0,
    rules: [],
    ...(verdicts ? { verdicts } : {}),
  });

  it('forces review in a reduced tier when a validator’s latest verdict failed, not when it failed and then passed', async () => {
    const store = memoryTrustStore();
    const policy = trustPolicy(store, { now: () => 1, newSeed: () => 's' });
    await policy(request('warm'));
    const record = store.records.get('f/draft')!;
    store.records.set('f/draft', setTierByHand(record, { tier: 0.05, by: 'Ada', at: 2 }));

    const failed = [verdict({ status: 'fail', layer: 'grounding', validator: 'Facts', label: '1 unsupported claim of 4', nodeId: 'g' })];
    const forced = (await policy(request('r-failed', failed))) as TrustVerdict;
    expect(forced.review).toBe(true);
    expect(forced.reason).toMatchObject({ kind: 'forced', rules: ['Grounding "Facts" failed: 1 unsupported claim of 4'] });

    const recovered = [...failed, verdict({ status: 'pass', layer: 'grounding', validator: 'Facts', nodeId: 'g', attempt: 2, visit: 1, at: 2 })];
    const reason = ((await policy(request('r-recovered', recovered))) as TrustVerdict).reason;
    expect(reason.kind === 'sampled' || reason.kind === 'skipped').toBe(true);
  });
});

describe('verdict helpers', () => {
  const attempts = [
    verdict({ attempt: 2, visit: 1, at: 20, layer: 'judge', status: 'pass' }),
    verdict({ attempt: 1, visit: 0, at: 10, layer: 'judge', status: 'pass' }),
    verdict({ attempt: 1, visit: 0, at: 11, layer: 'grounding', validator: 'Facts', nodeId: 'g', status: 'fail', label: 'unsupported' }),
    verdict({ attempt: 1, visit: 0, at: 12, layer: 'quality', validator: 'Quality', nodeId: 'q', status: 'error' }),
    verdict({ attempt: 2, visit: 1, at: 21, layer: 'grounding', validator: 'Facts', nodeId: 'g', status: 'pass' }),
  ];

  it('groups by attempt in the order given and names the first layer that did not pass', () => {
    const groups = verdictsByAttempt(attempts);
    expect(groups.map((g) => g.attempt)).toEqual([1, 2]);
    expect(groups[0]!.verdicts.map((v) => v.layer)).toEqual(['judge', 'grounding', 'quality']);
    expect(caughtBy(groups[0]!.verdicts)?.layer).toBe('grounding');
    expect(caughtBy(groups[1]!.verdicts)).toBeNull();
  });

  it('takes each validator’s latest verdict, and forces review only for those still failing (an error counts)', () => {
    expect(latestVerdicts(attempts).map((v) => `${v.layer}:${v.status}`)).toEqual(['quality:error', 'judge:pass', 'grounding:pass']);
    expect(forcedByVerdicts(attempts)).toEqual(['Quality API "Quality" could not check']);
    expect(forcedByVerdicts(undefined)).toEqual([]);
  });

  it('a validation failure reads as feedback in the agent prompt, with the previous answer', () => {
    const failure = validationFailure({ body: 'We cut costs by 40%.' }, attempts[2]!, 'Remove the claim "40%": the research does not say it.');
    expect(isValidationFailure(failure)).toBe(true);
    expect(isValidationFailure({ value: 1, feedback: 'x' })).toBe(false);
    expect(validationFailureText(failure)).toContain('A check (Facts) failed it: Remove the claim "40%"');
    const message = buildAgentUserMessage('Write to {{contact}}', { contact: 'Dana', feedback: failure });
    expect(message).toContain('Feedback on your previous attempt');
    expect(message).toContain('Remove the claim "40%"');
    expect(message).toContain('We cut costs by 40%.');
    expect(message).not.toContain('"failure"');
  });
});
