import { describe, expect, it } from 'vitest';
import { ReviewAlreadyDecidedError } from '../../engine/run/reviewRecords';
import { TrellisError } from '../../engine/util/errors';
import { alreadyDecidedText, priorDecisionOf } from './conflict';

describe('already decided', () => {
  it('reads who decided and when from the store refusing a second decision', () => {
    const at = Date.UTC(2025, 2, 4, 9, 30, 5);
    const error = new ReviewAlreadyDecidedError('run:3:0', { action: 'reject', reason: 'Wrong amount', by: 'Grace', at });
    const prior = priorDecisionOf(error);
    expect(prior).toEqual({ by: 'Grace', at, action: 'reject' });
    expect(alreadyDecidedText(prior!)).toMatch(/^Already decided by Grace at 4 Mar, \d\d:30:05 \(rejected\)\. Only one decision is kept/);
  });

  it('ignores other errors, including other conflicts', () => {
    expect(priorDecisionOf(new TrellisError('conflict', 'Run changed', { details: { runId: 'r' } }))).toBeUndefined();
    expect(priorDecisionOf(new TrellisError('not_found', 'gone'))).toBeUndefined();
    expect(priorDecisionOf(new Error('x'))).toBeUndefined();
    expect(priorDecisionOf(null)).toBeUndefined();
  });
});

describe('decided while looking at it', () => {
  it('says who decided without saying a decision was refused', () => {
    expect(alreadyDecidedText({ by: 'Ada', at: Date.UTC(2025, 0, 2, 12), action: 'approve' }, false)).toMatch(/^Already decided by Ada at 2 Jan, \d\d:00:00 \(approved\)\.$/);
  });
});
