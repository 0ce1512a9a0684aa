import { describe, expect, it } from 'vitest';
import type { Lineage, LineageNode } from '../../engine/trace/lineage';
import { checkText, fedTexts, lineageReviewText, nodeAttemptText, shortHash, targetText } from './lineageText';

const node = (stepId: string, label: string, visit: number, visits: number, fed: LineageNode['fed'] = []): LineageNode => ({
  stepId,
  stepIndex: Number(stepId.split(':')[1]),
  nodeId: label.toLowerCase(),
  label,
  kind: 'agent',
  category: 'agent',
  visit,
  visits,
  status: 'succeeded',
  depth: 1,
  fed,
  sources: [],
  touched: { models: [], checks: [] },
});

describe('lineage text', () => {
  const compose0 = node('r:3:0', 'Compose', 0, 2);
  const compose1 = node('r:3:1', 'Compose', 1, 2);
  const gate = node('r:9:0', 'Approve', 0, 1);
  const research = node('r:2:0', 'Research', 0, 1, [
    { to: compose1.stepId, fromPort: 'out', toPort: 'research', feedback: false },
    { to: compose0.stepId, fromPort: 'out', toPort: 'research', feedback: false },
    { to: gate.stepId, fromPort: 'out', toPort: 'in', feedback: false },
  ]);
  const failed = node('r:8:0', 'Failed check', 0, 1, [{ to: compose1.stepId, fromPort: 'out', toPort: 'feedback', feedback: true }]);
  const lineage: Lineage = { target: { type: 'step', stepId: compose1.stepId }, value: null, nodes: [compose1, failed, compose0, research, gate], inputs: [], truncated: false };

  it('says where an output went, attempts merged, feedback marked', () => {
    expect(fedTexts(research, lineage)).toEqual(['out → research of Compose (attempts 1, 2)', 'out → in of Approve']);
    expect(fedTexts(failed, lineage)).toEqual(['out → feedback of Compose (attempt 2, revise loop)']);
  });

  it('names targets, attempts, hashes, checks and reviews', () => {
    expect(targetText({ type: 'run-output', name: 'message' }, null)).toBe('output “message”');
    expect(targetText(lineage.target, lineage)).toBe('the outputs of Compose, attempt 2');
    expect(targetText({ type: 'review', itemId: 'r:9:0' }, { ...lineage, nodes: [gate] })).toBe('the review decision at Approve');
    expect(nodeAttemptText(compose1)).toBe('attempt 2 of 2');
    expect(nodeAttemptText(gate)).toBeNull();
    expect(shortHash('0123456789abcdef')).toBe('01234567');
    expect(checkText({ layer: 'judge', validator: 'Quality judge', status: 'fail', label: 'score 2 < 7', version: 'judge@1#x' })).toBe('Quality judge failed: score 2 < 7');
    expect(lineageReviewText({ reviewed: true, reason: { kind: 'full' }, decision: { action: 'approve', by: 'Ada', at: 1 } })).toBe('Approved by Ada.');
    expect(lineageReviewText({ reviewed: true, reason: { kind: 'full' } })).toBe('Waiting for a person to decide.');
    expect(lineageReviewText({ reviewed: false, reason: { kind: 'skipped', rate: 0.05, draw: 0.5, seed: 's' } })).toMatch(/^Not reviewed/);
  });
});
