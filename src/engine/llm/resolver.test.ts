import { describe, expect, it } from 'vitest';
import { createProvider } from './createProvider';
import { createModelResolver } from './resolver';
import { createScriptedProvider } from './scripted';
import type { ChatProvider } from './types';

const openai = { id: 'openai', label: 'OpenAI', scripted: false } as ChatProvider;

describe('createModelResolver', () => {
  const resolver = createModelResolver([createScriptedProvider(), openai], { openai: 'gpt-4o-mini' });

  it('defaults to the first provider and its default model', () => {
    const { provider, model } = resolver.resolve(undefined, undefined);
    expect(provider.id).toBe('demo');
    expect(model).toBe('trellis-demo');
  });

  it('resolves a provider by id, with its default model or the one asked for', () => {
    expect(resolver.resolve('openai', undefined)).toEqual({ provider: openai, model: 'gpt-4o-mini' });
    expect(resolver.resolve('openai', 'gpt-4o')).toEqual({ provider: openai, model: 'gpt-4o' });
  });

  it('names the known providers when the id is unknown', () => {
    expect(() => resolver.resolve('anthropic', 'x')).toThrowError(/Unknown model provider "anthropic". Known providers: "demo" \(Demo model \(scripted, offline\)\), "openai" \(OpenAI\)/);
    try {
      resolver.resolve('anthropic', 'x');
    } catch (error) {
      expect(error).toMatchObject({ code: 'config' });
    }
  });

  it('is a config error without providers, or without any model', () => {
    expect(() => createModelResolver([]).resolve(undefined, undefined)).toThrowError(/No model provider is configured/);
    expect(() => createModelResolver([openai]).resolve(undefined, undefined)).toThrowError(/No model is chosen for provider "OpenAI"/);
  });

  it('resolves providers built from settings', () => {
    const demo = createProvider({ id: 'demo', kind: 'scripted', label: 'Demo', defaultModel: 'trellis-demo' }, undefined);
    const local = createProvider({ id: 'ollama', kind: 'openai-compatible', label: 'Ollama', baseURL: 'http://127.0.0.1:11434/v1', defaultModel: 'llama3.2' }, undefined);
    expect(demo).toMatchObject({ id: 'demo', label: 'Demo', scripted: true });
    expect(local).toMatchObject({ id: 'ollama', label: 'Ollama', scripted: false });
    const resolver = createModelResolver([demo, local], { ollama: 'llama3.2' });
    expect(resolver.resolve('ollama', undefined)).toEqual({ provider: local, model: 'llama3.2' });
  });
});
