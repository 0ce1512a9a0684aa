/** The default provider as shown in the header. Settings keeps it current. */
import { create } from 'zustand';

export interface ProviderSummary {
  label: string;
  scripted: boolean;
  model?: string;
}

export const useDefaultProviderStore = create<{ provider: ProviderSummary; set(provider: ProviderSummary): void }>()((set) => ({
  provider: { label: 'Demo model (scripted, offline)', scripted: true },
  set: (provider) => set({ provider }),
}));

export function useDefaultProvider(): ProviderSummary {
  return useDefaultProviderStore((state) => state.provider);
}
