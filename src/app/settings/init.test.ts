// Start-up wiring: runs use the configured providers (default first, with its key, only to its own
// endpoint), and the header's badge store follows the default provider. IndexedDB is
// fake-indexeddb here; sessionStorage does not exist in Node, so session keys are in memory.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { PROVIDER_PREFIX, saveProvider, setDefaultProvider } from '../../storage/settingsRepo';
import { db } from '../runtime/database';
import { createServices } from '../runtime/services';
import { useDefaultProviderStore, type ProviderSummary } from '../shell/defaultProvider';
import { useToasts } from '../ui/toasts';
import { initSettings } from './init';
import { sessionKeys } from './sessionStore';

const KEY = 'sk-init-test-Ux8Lq2Wn5Rt7Yb3Kp6Mz';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ apiKey: KEY });
  initSettings();
});
afterAll(async () => {
  await server.close();
  await db.delete();
});

/** Resolves once the badge store shows a provider matching `test`. */
function badgeShows(test: (summary: ProviderSummary) => boolean): Promise<ProviderSummary> {
  return new Promise((resolve) => {
    const check = (summary: ProviderSummary) => {
      if (!test(summary)) return false;
      resolve(summary);
      return true;
    };
    if (check(useDefaultProviderStore.getState().provider)) return;
    const stop = useDefaultProviderStore.subscribe((state) => {
      if (check(state.provider)) stop();
    });
  });
}

describe('initSettings', () => {
  it('runs use the demo model until another default is chosen, then that provider with its key', async () => {
    let services = await createServices();
    expect(services.models.resolve(undefined, undefined)).toMatchObject({ provider: { id: 'demo', scripted: true }, model: 'trellis-demo' });
    expect(await badgeShows((s) => s.scripted)).toEqual({ label: 'Demo model (scripted, offline)', scripted: true });

    const saved = await saveProvider(db, sessionKeys, { kind: 'openai-compatible', label: 'Test server', baseURL: server.url, defaultModel: 'gpt-4o-mini', keyStorage: 'device', apiKey: KEY });
    const session = await saveProvider(db, sessionKeys, { kind: 'openai-compatible', label: 'Session', baseURL: server.url, defaultModel: 'gpt-4o', keyStorage: 'session', apiKey: KEY });
    services = await createServices();
    // Added, but not the default: still the demo model unless a flow names the provider.
    expect(services.models.resolve(undefined, undefined).provider.id).toBe('demo');
    expect(services.models.resolve(session.config.id, undefined)).toMatchObject({ provider: { id: session.config.id }, model: 'gpt-4o' });

    await setDefaultProvider(db, saved.config.id);
    expect(await badgeShows((s) => !s.scripted)).toEqual({ label: 'Test server', scripted: false, model: 'gpt-4o-mini' });
    services = await createServices();
    const { provider, model } = services.models.resolve(undefined, undefined);
    expect([provider.id, model]).toEqual([saved.config.id, 'gpt-4o-mini']);
    const reply = await provider.chat({ model, messages: [{ role: 'user', content: 'Hello there.' }] });
    expect(reply.content).toContain('Hello there.');
    const sessionReply = await services.models.resolve(session.config.id, undefined).provider.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi.' }] });
    expect(sessionReply.finishReason).toBe('stop');
    expect(server.requests().map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  it('a damaged default falls back to the demo model, with one message, instead of breaking runs', async () => {
    await db.settings.put({ key: `${PROVIDER_PREFIX}broken`, value: { config: { id: 'broken' }, keyStorage: 'none', createdAt: 1, updatedAt: 1 } });
    await db.settings.put({ key: 'defaultProvider', value: { id: 'broken' } });
    expect(await badgeShows((s) => s.scripted)).toMatchObject({ scripted: true });
    const services = await createServices();
    expect(services.models.resolve(undefined, undefined).provider.id).toBe('demo');
    expect(useToasts.getState().toasts.map((t) => t.message)).toEqual([expect.stringMatching(/Some settings could not be read/)]);
  });
});
