/**
 * Which variables each open editor offers. Monaco's completion providers are global per
 * language, so each editor registers a source under its model's URI while it is mounted; the
 * provider looks it up for the model it is asked about. No Monaco import here.
 */
import type { UpstreamCandidate, UpstreamVariable } from '../inspector/upstream';

export interface CompletionSource {
  variables: UpstreamVariable[];
  /** Outputs of other nodes that could be wired in (template fields of nodes only). */
  candidates: UpstreamCandidate[];
}

const sources = new Map<string, () => CompletionSource>();

export function setCompletionSource(modelUri: string, source: () => CompletionSource): () => void {
  sources.set(modelUri, source);
  return () => {
    if (sources.get(modelUri) === source) sources.delete(modelUri);
  };
}

export function completionSourceFor(modelUri: string): CompletionSource {
  return sources.get(modelUri)?.() ?? { variables: [], candidates: [] };
}
