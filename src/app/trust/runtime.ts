/**
 * The app's trust store and the review policy every run it starts or resumes asks at its review
 * gates (runController.ts): trust records in IndexedDB, each step's fingerprint computed with the
 * defaults of the flow version the run executes (a run resumed after the flow was edited is
 * judged by the configuration that produced its outputs).
 */
import type { FlowDoc } from '../../engine/flow/schema';
import type { ReviewPolicy } from '../../engine/run/ports';
import { flowDefaults, trustPolicy } from '../../engine/trust';
import { createDexieTrustStore } from '../../storage/trustStore';
import { db, runStore } from '../runtime/database';

export const trustStore = createDexieTrustStore(db);

/** The trust policy for runs of `flow` (its default provider and model count for its steps). */
export function reviewPolicyFor(flow: Pick<FlowDoc, 'settings'>): ReviewPolicy {
  const defaults = flowDefaults(flow);
  return trustPolicy(trustStore, { defaults: () => defaults });
}

/** The trust policy for resuming run `runId`, from the flow version it executes. */
export async function reviewPolicyForRun(runId: string): Promise<ReviewPolicy> {
  const loaded = await runStore.loadRun(runId);
  const version = loaded ? await runStore.loadFlowVersion(loaded.run.flowVersion) : undefined;
  return reviewPolicyFor(version?.flow ?? { settings: { concurrency: 1 } });
}
