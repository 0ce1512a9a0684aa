/**
 * The scenario through the public API only: a triage agent behind a gate at 100%, 40
 * approved runs, the recommendation accepted, sampling near the new rate, a rejection demoting,
 * and an edited prompt resetting the step.
 */
import { describe, expect, it } from 'vitest';
import * as trust from './index';

const initialConfig = {
  role: 'support triage analyst',
  goal: 'Classify the ticket.',
  instructions: 'Classify:\n\n{{ticket}}',
  model: 'gpt-test',
  outputSchema: { type: 'object', properties: { priority: { type: 'string' } } },
};
const rules: trust.ReviewRule[] = [{ path: 'priority', op: 'equals', value: 'urgent' }];

describe('the trust engine, end to end', () => {
  it('earns 50% after 25 clean reviews of 40, samples near it, demotes on a rejection, resets on a prompt edit', () => {
    const agentConfig = { ...initialConfig };
    const fingerprint = trust.configFingerprint('agent', agentConfig);
    let record = trust.newTrustRecord('triage-flow', 'classify', fingerprint, 'c0ffee', 0);
    let run = 0;
    const gate = (output: { priority: string }, decision: trust.TrustDecision = 'approved') => {
      record = trust.withFingerprint(record, trust.configFingerprint('agent', agentConfig), run);
      const reason = trust.decideReview({ tier: record.tier, seed: record.seed, key: trust.sampleKey(`run-${run}`, 'gate', 0), forced: trust.evaluateRules(rules, output) });
      run += 1;
      const reviewed = trust.needsReview(reason);
      record = trust.recordExecution(record, { reviewed, at: run });
      if (reviewed) record = trust.applyDecision(record, { decision, at: run, by: 'Ana' });
      return reason;
    };

    let firstEligibleAt = -1;
    for (let i = 0; i < 40; i += 1) {
      expect(gate({ priority: 'normal' })).toEqual({ kind: 'full' });
      if (firstEligibleAt < 0 && trust.recommendationFor(record).eligible) firstEligibleAt = i + 1;
    }
    expect(firstEligibleAt).toBe(25);
    expect(trust.recommendationFor(record)).toMatchObject({ nextTier: 0.5, eligible: true });
    record = trust.promote(record, { by: 'Lead', at: run });

    const reasons = Array.from({ length: 400 }, () => gate({ priority: 'normal' }));
    const sampled = reasons.filter(trust.needsReview).length / reasons.length;
    expect(Math.abs(sampled - 0.5)).toBeLessThan(0.08);
    expect(reasons.every((reason) => reason.kind === 'sampled' || reason.kind === 'skipped')).toBe(true);
    expect(gate({ priority: 'urgent' })).toMatchObject({ kind: 'forced', rules: ['priority equals "urgent"'] });
    expect(record.tier).toBe(0.5);

    while (record.tier === 0.5) gate({ priority: 'normal' }, 'rejected');
    expect(record.tier).toBe(1);
    // The evidence at this fingerprint still supports 50% (one rejection in hundreds of reviews).
    record = trust.promote(record, { by: 'Lead', at: run });
    expect(record.tier).toBe(0.5);

    agentConfig.instructions = 'Classify, and say why:\n\n{{ticket}}';
    gate({ priority: 'normal' });
    expect(record.tier).toBe(1);
    expect(record.previous).toHaveLength(1);
    expect(record.previous[0]?.fingerprint).toBe(fingerprint);
    expect(record.evidence.reviewed).toBe(1);
    expect(trust.series(record, 50).length).toBe(record.history.filter((event) => event.kind === 'execution').length);
  });
});
