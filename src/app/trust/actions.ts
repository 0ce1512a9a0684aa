/**
 * What a person does on the Trust page: promote a step on its evidence, set its tier by hand
 * (recorded with who and why), and download its reviewed examples as JSONL. Each change is one
 * atomic update of the step's record, so a promotion refused meanwhile (a rejection demoted the
 * step a moment ago) says why instead of overwriting it.
 */
import { promote, setTierByHand, type Tier, type TrustRecord } from '../../engine/trust';
import { saveReviewerName } from '../../storage/settingsRepo';
import { reviewedExamplesJsonl } from '../../storage/trustExport';
import { db } from '../runtime/database';
import { downloadText } from '../ui/download';
import { trustStore } from './runtime';

/** The person's name: the saved one, or the one typed inline (saved to Settings first). */
export async function personName(saved: string | undefined, typed: string | undefined): Promise<string> {
  if (saved) return saved;
  const name = await saveReviewerName(db, typed ?? '');
  if (!name) throw new Error('Enter your name: it is recorded with the change.');
  return name;
}

export function promoteStep(key: string, by: string): Promise<TrustRecord> {
  return trustStore.update(key, (current) => {
    if (!current) throw new Error('This step has no trust record any more.');
    return promote(current, { by, at: Date.now() });
  });
}

export function setStepTier(key: string, tier: Tier, by: string, reason: string): Promise<TrustRecord> {
  return trustStore.update(key, (current) => {
    if (!current) throw new Error('This step has no trust record any more.');
    return setTierByHand(current, { tier, by, at: Date.now(), reason });
  });
}

/** A file name from the flow and step names: letters, digits and dashes. */
export function examplesFileName(flowName: string, stepLabel: string): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
  return `${slug(flowName) || 'flow'}-${slug(stepLabel) || 'step'}-reviewed.jsonl`;
}

/** Downloads the step's reviewed examples; resolves with how many there were and the file name. */
export async function downloadExamples(flowId: string, nodeId: string, fileName: string): Promise<number> {
  const { text, count } = await reviewedExamplesJsonl(db, flowId, nodeId);
  downloadText(fileName, text, 'application/x-ndjson');
  return count;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
