import { describe, expect, it } from 'vitest';
import { attemptViews, chipText, chipVerdicts, metricsText, newestFlagging, rowVerdict, runValidationLine, scoreText } from './layersView';
import { groundingFail, makeVerdict } from './verdictFixtures';

const structure = (attempt: number, iteration: number, status: 'pass' | 'fail') =>
  makeVerdict({ layer: 'structure', validator: 'Compose: output schema', nodeId: 'compose', kind: 'agent', stepIndex: 1, attempt, iteration, status, score: null, threshold: null, label: status === 'pass' ? 'matches the output schema' : '1 schema problem', at: attempt * 1000 + iteration / 10 });

describe('validation layers view', () => {
  it('groups attempts oldest first, orders layers, and names the layer that caught each', () => {
    const verdicts = [
      groundingFail('We refund within 3 days.', 'within 3 days', 1),
      makeVerdict({ attempt: 1 }),
      structure(1, 1, 'pass'),
      makeVerdict({ attempt: 2 }),
      structure(2, 1, 'pass'),
      makeVerdict({ layer: 'grounding', validator: 'Facts', nodeId: 'facts', kind: 'grounding_check', stepIndex: 3, attempt: 2, score: 1, threshold: 1, label: 'every claim supported' }),
    ];
    const views = attemptViews(verdicts);
    expect(views.map((v) => v.attempt)).toEqual([1, 2]);
    const [first, second] = views;
    expect(first?.rows.map((r) => rowVerdict(r).layer)).toEqual(['structure', 'judge', 'grounding']);
    expect(first?.caught?.layer).toBe('grounding');
    expect(first?.summary).toBe('Caught by Grounding: 1 unsupported claim');
    expect(first?.rows.filter((r) => r.kind === 'verdict' && r.caught)).toHaveLength(1);
    expect(second?.caught).toBeNull();
    expect(second?.summary).toBe('Passed every layer (3 checks)');
  });

  it('does not blame a structure retry the agent recovered from, and shows layers an attempt never reached', () => {
    const views = attemptViews([
      structure(1, 1, 'fail'),
      structure(1, 2, 'pass'),
      makeVerdict({ attempt: 1, status: 'fail', score: 4, label: 'score 4 < 7' }),
      makeVerdict({ attempt: 2 }),
      makeVerdict({ layer: 'grounding', validator: 'Facts', nodeId: 'facts', stepIndex: 3, attempt: 2 }),
    ]);
    const first = views[0];
    expect(first?.caught?.layer).toBe('judge');
    expect(first?.rows.map((r) => `${r.kind}:${rowVerdict(r).layer}${rowVerdict(r).iteration ?? ''}`)).toEqual(['verdict:structure1', 'verdict:structure2', 'verdict:judge', 'not_reached:grounding']);
    expect(views[1]?.rows.map((r) => r.kind)).toEqual(['not_reached', 'verdict', 'verdict']);
  });

  it('says when a validator could not check', () => {
    const [view] = attemptViews([makeVerdict({ layer: 'quality', validator: 'Quality API', status: 'error', score: null, threshold: null, label: 'HTTP 503' })]);
    expect(view?.summary).toBe('Caught by Quality API (could not check): HTTP 503');
    expect(attemptViews([makeVerdict({ status: 'skipped' })])[0]?.summary).toBe('No layer checked it');
    expect(attemptViews([makeVerdict(), makeVerdict({ nodeId: 'j2', validator: 'Tone', status: 'skipped' })])[0]?.summary).toBe('Passed every layer (1 check, 1 skipped)');
  });

  it('words scores, costs and chips', () => {
    expect(scoreText(makeVerdict({ score: 4, threshold: 7 }))).toBe('score 4 · threshold 7');
    expect(scoreText(makeVerdict({ score: 2 / 3, threshold: null }))).toBe('score 0.67');
    expect(scoreText(makeVerdict({ score: null, threshold: null }))).toBeNull();
    expect(scoreText(makeVerdict({ score: 8, threshold: 7, label: 'score 8 of 10 (needs 7)' }))).toBeNull();
    expect(scoreText(makeVerdict({ score: 0.67, threshold: 1, label: '1 unsupported claim of 3' }))).toBe('score 0.67 · threshold 1');
    expect(scoreText(makeVerdict({ score: 8, threshold: 7, label: 'score 18 of 70' }))).toBe('score 8 · threshold 7');
    expect(metricsText(makeVerdict({ latencyMs: 1200, inputTokens: 300, outputTokens: 40, costUsd: 0.00012 }))).toBe('1.20 s · 340 tokens · $0.00012');
    expect(metricsText(makeVerdict({ latencyMs: 3, inputTokens: 0, outputTokens: 0, costUsd: null }))).toBe('3 ms');
    expect(chipText(makeVerdict({ status: 'fail', score: 4, threshold: 7 }))).toBe('Judge: fail · 4 vs 7');
    expect(chipText(structure(1, 2, 'pass'))).toBe('Structure: pass (reply 2)');
    const human = makeVerdict({ layer: 'human', nodeId: 'gate', validator: 'Review' });
    expect(chipVerdicts([structure(1, 1, 'fail'), structure(1, 2, 'pass'), human]).map(chipText)).toEqual(['Structure: pass (reply 2)']);
    expect(chipVerdicts(undefined)).toEqual([]);
  });

  it('sums a run up in one line', () => {
    const pass2 = makeVerdict({ attempt: 2 });
    expect(runValidationLine([])).toBeNull();
    expect(runValidationLine([groundingFail('a b', 'b', 1)])).toBe('Caught by Grounding: 1 unsupported claim.');
    expect(runValidationLine([groundingFail('a b', 'b', 1), pass2])).toBe('Caught by Grounding on attempt 1; attempt 2 passed every layer (1 check).');
    expect(runValidationLine([makeVerdict(), groundingFail('a b', 'b', 2)])).toBe('Attempt 2 of 2: caught by Grounding: 1 unsupported claim.');
    expect(runValidationLine([makeVerdict()])).toBe('Passed every layer (1 check).');
  });

  it('finds what to mark in the output under review: the newest attempt’s failing checks with spans', () => {
    const first = groundingFail('a b', 'b', 1);
    const second = groundingFail('c d', 'd', 2);
    expect(newestFlagging([first, makeVerdict({ attempt: 2 })])).toEqual([]);
    expect(newestFlagging([first, makeVerdict({ attempt: 2 }), second])).toEqual([second]);
    expect(newestFlagging(undefined)).toEqual([]);
  });
});
