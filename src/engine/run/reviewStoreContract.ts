/**
 * The review half of the RunStore contract, run by `runStoreContract` against every store: review
 * items saved with the checkpoint that pauses a run, exactly one decision per item (also when two
 * decide at once), comments, and conditional checkpoints (how a resume claims a run).
 */
import { describe, expect, it } from 'vitest';
import { ReviewAlreadyDecidedError, ReviewWithdrawnError } from './reviewRecords';
import { makeReviewItem, makeRun, makeStep } from './storeFixtures';
import type { ReviewDecision, RunStore } from './types';

const approve = (by: string, at: number): ReviewDecision => ({ action: 'approve', by, at });

export function reviewStoreContract(open: () => Promise<RunStore>): void {
  describe('review items', () => {
    it('saves a review item with the checkpoint that pauses its step, and loads it by id and by run', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      await store.createRun(makeRun('r2'));
      const waiting = makeStep('r1', 2, 0, { status: 'waiting_review', outputs: null });
      void store.checkpoint({ runId: 'r1', steps: [waiting], run: { status: 'paused' }, review: makeReviewItem('r1', 2, 1) });
      void store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 2, 0) });
      void store.checkpoint({ runId: 'r2', steps: [], review: makeReviewItem('r2', 1) });
      expect(await store.loadReview('r1:2:1')).toEqual(makeReviewItem('r1', 2, 1));
      expect((await store.loadRunReviews('r1')).map((item) => item.id)).toEqual(['r1:2:0', 'r1:2:1']);
      expect(await store.loadRunReviews('nobody')).toEqual([]);
      expect(await store.loadReview('r9:0:0')).toBeUndefined();
      expect((await store.loadRun('r1'))?.steps[0]?.status).toBe('waiting_review');
    });

    it('keeps a stored item (and its decision) when a checkpoint brings an item with the same id', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      await store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 1) });
      await store.decideReview('r1:1:0', approve('Ada', 5));
      await store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 1, 0, { output: 'other' }) });
      expect(await store.loadReview('r1:1:0')).toMatchObject({ status: 'decided', output: { text: 'draft 1.0' }, decision: { by: 'Ada' } });
    });

    it('withdraws the pending items of a run that ends, refuses decisions on them, and reopens one when the resumed run pauses there again', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      await store.createRun(makeRun('r2'));
      await store.checkpoint({ runId: 'r1', steps: [], run: { status: 'paused' }, review: makeReviewItem('r1', 1) });
      await store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 3) });
      await store.decideReview('r1:3:0', approve('Ada', 4));
      await store.checkpoint({ runId: 'r2', steps: [], run: { status: 'paused' }, review: makeReviewItem('r2', 1) });
      await store.checkpoint({ runId: 'r1', steps: [], run: { status: 'cancelled', finishedAt: 50 } });
      expect(await store.loadReview('r1:1:0')).toMatchObject({ status: 'withdrawn', withdrawnAt: 50 });
      // A decided item keeps its decision; another run's item still waits.
      expect(await store.loadReview('r1:3:0')).toMatchObject({ status: 'decided', decision: { by: 'Ada' } });
      expect(await store.loadReview('r2:1:0')).toMatchObject({ status: 'pending' });
      const refused = await store.decideReview('r1:1:0', approve('Grace', 60)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ReviewWithdrawnError);
      expect((refused as Error).message).toMatch(/no longer waits for review/);
      expect((await store.loadReview('r1:1:0'))?.decision).toBeUndefined();

      await store.checkpoint({ runId: 'r1', steps: [], run: { status: 'running' } });
      await store.checkpoint({ runId: 'r1', steps: [], run: { status: 'paused' }, review: makeReviewItem('r1', 1) });
      expect(await store.loadReview('r1:1:0')).toMatchObject({ status: 'pending' });
      expect(await store.decideReview('r1:1:0', approve('Grace', 70))).toMatchObject({ status: 'decided', decision: { by: 'Grace' } });
    });

    it('does not store the item of a refused checkpoint (unknown run, or another run\'s item)', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      await expect(store.checkpoint({ runId: 'ghost', steps: [], review: makeReviewItem('ghost', 1) })).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r2', 1) })).rejects.toThrow(/review item "r2:1:0" of run "r2"/);
      await store.flush().catch(() => undefined);
      expect(await store.loadReview('ghost:1:0')).toBeUndefined();
      expect(await store.loadReview('r2:1:0')).toBeUndefined();
    });

    it('stores exactly one decision; a second is refused with who decided and when', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      await store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 1) });
      const decided = await store.decideReview('r1:1:0', { action: 'edit', editedOutput: { text: 'better' }, reason: ' tone ', by: 'Ada', at: 10 });
      expect(decided).toMatchObject({ status: 'decided', decision: { action: 'edit', editedOutput: { text: 'better' }, reason: 'tone', by: 'Ada', at: 10 } });
      const second = await store.decideReview('r1:1:0', { action: 'reject', reason: 'no', by: 'Grace', at: 11 }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(ReviewAlreadyDecidedError);
      expect(second).toMatchObject({ code: 'conflict', decidedBy: 'Ada', decidedAt: 10 });
      expect((second as Error).message).toContain('Ada');
      expect((await store.loadReview('r1:1:0'))?.decision).toMatchObject({ action: 'edit', by: 'Ada' });
    });

    it('of two decisions at the same time, exactly one is stored', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      await store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 1) });
      const results = await Promise.allSettled([store.decideReview('r1:1:0', approve('Ada', 1)), store.decideReview('r1:1:0', { action: 'reject', reason: 'wrong', by: 'Grace', at: 2 })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' ? refused.reason : null).toBeInstanceOf(ReviewAlreadyDecidedError);
      const winner = results.find((r) => r.status === 'fulfilled');
      expect((await store.loadReview('r1:1:0'))?.decision).toEqual(winner?.status === 'fulfilled' ? winner.value.decision : null);
    });

    it('refuses decisions that say too little, and unknown items', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      await store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 1) });
      await expect(store.decideReview('r1:1:0', { action: 'reject', by: 'Ada', at: 1 })).rejects.toThrow(/rejection needs a reason/);
      await expect(store.decideReview('r1:1:0', { action: 'edit', by: 'Ada', at: 1 })).rejects.toThrow(/edited output/);
      await expect(store.decideReview('r1:1:0', { action: 'approve', by: ' ', at: 1 })).rejects.toThrow(/reviewer's name/);
      await expect(store.decideReview('r1:9:0', approve('Ada', 1))).rejects.toMatchObject({ code: 'not_found' });
      expect((await store.loadReview('r1:1:0'))?.status).toBe('pending');
    });

    it('adds comments to pending and decided items, in order', async () => {
      const store = await open();
      await store.createRun(makeRun('r1'));
      await store.checkpoint({ runId: 'r1', steps: [], review: makeReviewItem('r1', 1) });
      await store.addReviewComment('r1:1:0', { by: 'Ada', at: 1, text: 'Looks off.' });
      await store.decideReview('r1:1:0', approve('Ada', 2));
      const item = await store.addReviewComment('r1:1:0', { by: 'Grace', at: 3, text: ' Fine after all. ' });
      expect(item.comments).toEqual([{ by: 'Ada', at: 1, text: 'Looks off.' }, { by: 'Grace', at: 3, text: 'Fine after all.' }]);
      expect((await store.loadReview('r1:1:0'))?.comments).toHaveLength(2);
      await expect(store.addReviewComment('r1:1:0', { by: 'Ada', at: 4, text: '' })).rejects.toThrow(/needs some text/);
    });
  });

  describe('conditional checkpoints', () => {
    it('apply while the run has the expected values; otherwise are refused alone as a conflict that flush does not report', async () => {
      const store = await open();
      await store.createRun(makeRun('r1', { status: 'paused' }));
      const claim = { runId: 'r1', steps: [], run: { status: 'running' as const, resumes: 1 }, expect: { status: 'paused' as const, resumes: 0 } };
      const first = store.checkpoint(claim);
      const second = store.checkpoint({ ...claim, steps: [makeStep('r1', 0)] });
      const after = store.checkpoint({ runId: 'r1', steps: [makeStep('r1', 1)] });
      await expect(first).resolves.toBeUndefined();
      await expect(second).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('"r1"') });
      await expect(after).resolves.toBeUndefined();
      await store.flush();
      const loaded = await store.loadRun('r1');
      expect(loaded?.run).toMatchObject({ status: 'running', resumes: 1 });
      expect(loaded?.steps.map((s) => s.stepIndex)).toEqual([1]);
    });
  });
}
