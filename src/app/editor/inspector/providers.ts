/**
 * The model providers the inspector offers (flow default, agent and router nodes), by id only.
 * They come from Settings (`useProviderChoices`); while Settings is loading, or when it lists
 * none, the offline demo model is the one choice.
 */
import { useProviderChoices } from '../../settings/hooks';

export interface ProviderOption {
  id: string;
  label: string;
  /** The provider's default model, shown as a hint. */
  defaultModel?: string;
  isDefault?: boolean;
}

export const DEMO_PROVIDER_OPTION: ProviderOption = { id: 'demo', label: 'Demo model (scripted, offline)', defaultModel: 'trellis-demo', isDefault: true };

export function useProviderOptions(): ProviderOption[] {
  const choices = useProviderChoices();
  if (choices.length === 0) return [DEMO_PROVIDER_OPTION];
  return choices.map((choice) => ({ id: choice.id, label: choice.label, defaultModel: choice.defaultModel, isDefault: choice.isDefault }));
}
