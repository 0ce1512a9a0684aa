/**
 * What a model call cost, from the maintained price tables of `@pydantic/genai-prices`. The
 * tables are loaded only when first needed, so they stay out of the app's entry bundle.
 * Unknown prices (local models, the demo model, a model the tables do not list) are null, never 0.
 */
import type * as GenaiPrices from '@pydantic/genai-prices';
import type { ChatProvider, ChatUsage } from './types';

type PricesModule = typeof GenaiPrices;
let pricesModule: Promise<PricesModule> | undefined;

function loadPrices(): Promise<PricesModule> {
  pricesModule ??= import('@pydantic/genai-prices').catch((error: unknown) => {
    pricesModule = undefined;
    throw error;
  });
  return pricesModule;
}

/** Price in US dollars of a call with this usage, or null when the price is unknown. */
export async function costOfUsage(pricingProvider: string | undefined, model: string, usage: ChatUsage): Promise<number | null> {
  if (!pricingProvider || !model) return null;
  const { calcPrice } = await loadPrices();
  try {
    const result = calcPrice({ input_tokens: usage.inputTokens, output_tokens: usage.outputTokens }, model, {
      providerId: pricingProvider,
    });
    if (!result || !Number.isFinite(result.total_price)) return null;
    return result.total_price;
  } catch {
    // The tables have no entry for this provider or model.
    return null;
  }
}

/** `StepServices.costOf`: the price of a call to `provider` (null for scripted and unpriced providers). */
export async function costOf(provider: ChatProvider, model: string, usage: ChatUsage): Promise<number | null> {
  if (provider.scripted) return null;
  return costOfUsage(provider.pricingProvider, model, usage);
}
