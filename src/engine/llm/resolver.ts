/**
 * Which provider and model a step uses: the node's choice, else the flow's, else the first
 * provider (the default) and that provider's default model.
 */
import type { ModelResolver } from '../run/ports';
import { TrellisError } from '../util/errors';
import { SCRIPTED_MODEL } from './scripted';
import type { ChatProvider } from './types';

/**
 * @param providers the configured providers; the first is the default
 * @param defaults default model by provider id (a scripted provider falls back to the demo model)
 */
export function createModelResolver(providers: ChatProvider[], defaults: Record<string, string> = {}): ModelResolver {
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  return {
    resolve(providerId, model) {
      const fallback = providers[0];
      if (!fallback) throw new TrellisError('config', 'No model provider is configured. Add one in Settings.');
      const id = providerId?.trim() || undefined;
      const provider = id === undefined ? fallback : byId.get(id);
      if (!provider) {
        const known = providers.map((p) => `"${p.id}" (${p.label})`).join(', ');
        throw new TrellisError('config', `Unknown model provider "${id}". Known providers: ${known}. Pick one in the flow or node settings.`);
      }
      const chosen = model?.trim() || defaults[provider.id] || (provider.scripted ? SCRIPTED_MODEL : undefined);
      if (!chosen) {
        throw new TrellisError('config', `No model is chosen for provider "${provider.label}" and it has no default model. Set one in Settings.`);
      }
      return { provider, model: chosen };
    },
  };
}
