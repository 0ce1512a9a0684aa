// Prices from @pydantic/genai-prices, and token counts from gpt-tokenizer.
import { describe, expect, it } from 'vitest';
import { costOf, costOfUsage } from './pricing';
import { createScriptedProvider } from './scripted';
import { countTokens, estimateTokens, estimateUsage } from './tokens';
import type { ChatProvider } from './types';

describe('costOfUsage', () => {
  it('prices a known OpenAI model', async () => {
    const cost = await costOfUsage('openai', 'gpt-4o-mini', { inputTokens: 1000, outputTokens: 500 });
    expect(cost).not.toBeNull();
    expect(cost!).toBeGreaterThan(0);
    const more = await costOfUsage('openai', 'gpt-4o-mini', { inputTokens: 2000, outputTokens: 1000 });
    expect(more!).toBeCloseTo(cost! * 2, 10);
  });

  it('is null for unknown models, unknown providers and providers without prices', async () => {
    expect(await costOfUsage('openai', 'trellis-demo', { inputTokens: 10, outputTokens: 10 })).toBeNull();
    expect(await costOfUsage('no-such-provider', 'gpt-4o-mini', { inputTokens: 10, outputTokens: 10 })).toBeNull();
    expect(await costOfUsage(undefined, 'gpt-4o-mini', { inputTokens: 10, outputTokens: 10 })).toBeNull();
  });

  it('costOf follows the provider: scripted and local providers cost null', async () => {
    const usage = { inputTokens: 100, outputTokens: 100 };
    expect(await costOf(createScriptedProvider(), 'gpt-4o-mini', usage)).toBeNull();
    const openai = { id: 'o', label: 'OpenAI', scripted: false, pricingProvider: 'openai' } as ChatProvider;
    const local = { id: 'l', label: 'Ollama', scripted: false } as ChatProvider;
    expect(await costOf(openai, 'gpt-4o-mini', usage)).toBeGreaterThan(0);
    expect(await costOf(local, 'gpt-4o-mini', usage)).toBeNull();
  });
});

describe('tokens', () => {
  it('estimates about four characters a token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    const usage = estimateUsage(
      { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(40) }] },
      { content: 'y'.repeat(8), toolCalls: [{ name: 'ab', arguments: 'cd' }] },
    );
    expect(usage).toEqual({ inputTokens: 10 + 4, outputTokens: 3 });
  });

  it('counts exactly with the model encoding', async () => {
    expect(await countTokens('')).toBe(0);
    expect(await countTokens('hello world', 'gpt-4o')).toBe(2);
    expect(await countTokens('hello world', 'gpt-3.5-turbo')).toBe(2);
    // Special-token text is counted as text, not rejected.
    expect(await countTokens('<|endoftext|>', 'gpt-4o')).toBeGreaterThan(0);
  });
});
