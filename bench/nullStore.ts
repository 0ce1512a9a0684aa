/**
 * A RunStore that keeps only what resuming needs to find (the run and its flow version) and
 * drops step checkpoints: it measures the engine's own cost per step, without any I/O. It has no
 * review items (benchmarked flows have no review gates).
 */
import { reviewNotFound } from '../src/engine/run/reviewRecords';
import type { FlowVersionRecord, RunRecord, RunStore } from '../src/engine/run/types';

export function createNullRunStore(): RunStore {
  const versions = new Map<string, FlowVersionRecord>();
  const runs = new Map<string, RunRecord>();
  return {
    async saveFlowVersion(version) {
      versions.set(version.hash, version);
    },
    async loadFlowVersion(hash) {
      return versions.get(hash);
    },
    async createRun(run) {
      runs.set(run.id, run);
    },
    async loadRun(runId) {
      const run = runs.get(runId);
      return run ? { run, steps: [] } : undefined;
    },
    checkpoint: () => Promise.resolve(),
    flush: () => Promise.resolve(),
    loadReview: () => Promise.resolve(undefined),
    loadRunReviews: () => Promise.resolve([]),
    decideReview: (id) => Promise.reject(reviewNotFound(id)),
    addReviewComment: (id) => Promise.reject(reviewNotFound(id)),
  };
}
