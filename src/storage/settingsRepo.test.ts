import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { TrellisDB } from './db';
import { createMemorySessionKeyStore, createStorageSessionKeyStore } from './sessionKeys';
import {
  DEFAULT_PROVIDER_KEY,
  DEMO_PROVIDER,
  PROVIDER_PREFIX,
  REVIEWER_NAME_KEY,
  SettingsValidationError,
  getApiKey,
  maskKey,
  providersForRuns,
  readKeyStatus,
  readProviders,
  readReviewerName,
  removeProvider,
  removeSettingsRow,
  restoreProvider,
  saveProvider,
  saveReviewerName,
  secretIdFor,
  setDefaultProvider,
  type ProviderInput,
} from './settingsRepo';

let n = 0;
const dbs: TrellisDB[] = [];
const open = () => {
  const db = new TrellisDB({ name: `settings-${n++}`, indexedDB, IDBKeyRange });
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const KEY = 'sk-proj-Zq81mXv0Lr4TbN7yWc2Hd9Kf4f2a';
const ollama: ProviderInput = { kind: 'openai-compatible', label: 'Ollama on my laptop', baseURL: 'http://localhost:11434/v1', defaultModel: 'llama3.2', keyStorage: 'device' };
const openai: ProviderInput = { kind: 'openai', label: 'OpenAI', defaultModel: 'gpt-4o-mini', keyStorage: 'device', apiKey: KEY };

/** Every settings row as JSON text: what a backup of the settings table would contain. */
async function settingsText(db: TrellisDB): Promise<string> {
  return JSON.stringify(await db.settings.toArray());
}

describe('settings repository: providers', () => {
  it('starts with only the demo model, first and default', async () => {
    const db = open();
    const state = await readProviders(db);
    expect(state.providers.map((p) => p.config)).toEqual([DEMO_PROVIDER]);
    expect(state.defaultProviderId).toBe('demo');
    expect(state.problems).toEqual([]);
    expect(providersForRuns(state)).toEqual([DEMO_PROVIDER]);
  });

  it('round-trips providers in the order they were added, and the chosen default comes first for runs', async () => {
    const db = open();
    const sessions = createMemorySessionKeyStore();
    const a = await saveProvider(db, sessions, ollama, 100);
    const b = await saveProvider(db, sessions, openai, 200);
    expect(a.config).toEqual({ id: a.config.id, kind: 'openai-compatible', label: 'Ollama on my laptop', baseURL: 'http://localhost:11434/v1', defaultModel: 'llama3.2' });
    expect(a.config.id).toMatch(/^ollama-on-my-laptop-[0-9a-f]{6}$/);
    expect(a.keyStorage).toBe('none');
    expect(b.keyStorage).toBe('device');

    const state = await readProviders(db);
    expect(state.providers.map((p) => p.config.label)).toEqual([DEMO_PROVIDER.label, 'Ollama on my laptop', 'OpenAI']);
    expect(state.providers[2]).toEqual(b);
    expect(state.defaultProviderId).toBe('demo');

    await setDefaultProvider(db, b.config.id);
    const after = await readProviders(db);
    expect(after.defaultProviderId).toBe(b.config.id);
    expect(providersForRuns(after).map((c) => c.id)).toEqual([b.config.id, 'demo', a.config.id]);

    await setDefaultProvider(db, 'demo');
    expect((await readProviders(db)).defaultProviderId).toBe('demo');
    await expect(setDefaultProvider(db, 'gone')).rejects.toThrow(/no longer exists/);
  });

  it('edits a provider, keeping its key unless a new one is given, and can move the key between device and session', async () => {
    const db = open();
    const sessions = createMemorySessionKeyStore();
    const saved = await saveProvider(db, sessions, openai, 100);
    const id = saved.config.id;
    const edited = await saveProvider(db, sessions, { ...openai, id, apiKey: undefined, defaultModel: 'gpt-4o' }, 300);
    expect(edited).toMatchObject({ createdAt: 100, updatedAt: 300, keyStorage: 'device', config: { defaultModel: 'gpt-4o', id } });
    expect(await getApiKey(db, sessions, edited)).toBe(KEY);

    const moved = await saveProvider(db, sessions, { ...openai, id, apiKey: undefined, keyStorage: 'session' }, 400);
    expect(moved.keyStorage).toBe('session');
    expect(await db.secrets.count()).toBe(0);
    expect(sessions.get(id)).toBe(KEY);

    const back = await saveProvider(db, sessions, { ...openai, id, apiKey: undefined, keyStorage: 'device' }, 500);
    expect(sessions.get(id)).toBeUndefined();
    expect(await getApiKey(db, sessions, back)).toBe(KEY);

    const compatible = await saveProvider(db, sessions, { ...ollama, apiKey: 'local-secret-key-123' });
    const cleared = await saveProvider(db, sessions, { ...ollama, id: compatible.config.id, apiKey: null });
    expect(cleared.keyStorage).toBe('none');
    expect(await db.secrets.get(secretIdFor(compatible.config.id))).toBeUndefined();
  });

  it('never writes a key into a settings row, whichever way it is kept', async () => {
    const db = open();
    const sessions = createMemorySessionKeyStore();
    const device = await saveProvider(db, sessions, openai);
    await saveProvider(db, sessions, { ...ollama, apiKey: 'ollama-key-0123456789abcdef', keyStorage: 'session' });
    await setDefaultProvider(db, device.config.id);
    await saveProvider(db, sessions, { ...openai, id: device.config.id, apiKey: 'sk-second-key-9876543210zyxw', keyStorage: 'session' });
    const text = await settingsText(db);
    for (const secret of [KEY, 'ollama-key-0123456789abcdef', 'sk-second-key-9876543210zyxw']) {
      expect(text).not.toContain(secret);
      // Not even a recognisable piece of it (the masked form's last four characters aside).
      for (let i = 0; i + 8 <= secret.length; i += 1) expect(text).not.toContain(secret.slice(i, i + 8));
    }
    // The device key sits in the secrets table, under its provider.
    expect((await db.secrets.toArray()).map((s) => s.id)).toEqual([]);
    expect(await readKeyStatus(db, sessions, (await readProviders(db)).providers)).toMatchObject({
      demo: { state: 'none' },
      [device.config.id]: { state: 'session', masked: 'sk-…zyxw' },
    });
  });

  it('keeps session-only keys out of IndexedDB: a new session has none, a remembered key persists', async () => {
    const db = open();
    const tab = createMemorySessionKeyStore();
    const remembered = await saveProvider(db, tab, openai);
    const sessionOnly = await saveProvider(db, tab, { ...ollama, apiKey: 'ollama-session-key-abcdef', keyStorage: 'session' });
    expect(await getApiKey(db, tab, sessionOnly)).toBe('ollama-session-key-abcdef');
    const everything = JSON.stringify([await db.settings.toArray(), await db.secrets.toArray()]);
    expect(everything).not.toContain('ollama-session-key-abcdef');
    expect(everything).toContain(KEY); // the remembered key, in the secrets table only
    expect(await settingsText(db)).not.toContain(KEY);

    const nextSession = createMemorySessionKeyStore();
    const state = await readProviders(db);
    const status = await readKeyStatus(db, nextSession, state.providers);
    expect(status[sessionOnly.config.id]).toEqual({ state: 'missing', storage: 'session' });
    expect(status[remembered.config.id]).toEqual({ state: 'device', masked: 'sk-…4f2a' });
    expect(await getApiKey(db, nextSession, state.providers.find((p) => p.config.id === sessionOnly.config.id)!)).toBeUndefined();
  });

  it('keeps session keys in the given Storage under a prefix, and only there', () => {
    const backing = new Map<string, string>();
    const storage = {
      getItem: (k: string) => backing.get(k) ?? null,
      setItem: (k: string, v: string) => void backing.set(k, v),
      removeItem: (k: string) => void backing.delete(k),
    } as unknown as Storage;
    const store = createStorageSessionKeyStore(storage);
    let changes = 0;
    const stop = store.subscribe(() => (changes += 1));
    store.set('p1', 'k1');
    expect([...backing]).toEqual([['trellis.sessionKey.p1', 'k1']]);
    expect(store.get('p1')).toBe('k1');
    store.delete('p1');
    stop();
    store.set('p2', 'k2');
    expect(changes).toBe(2);
  });

  it('refuses invalid input, naming each field, and writes nothing', async () => {
    const db = open();
    const sessions = createMemorySessionKeyStore();
    const attempt = saveProvider(db, sessions, { kind: 'openai-compatible', label: '  ', baseURL: 'localhost:11434', defaultModel: '', keyStorage: 'device', apiKey: 'has a space' });
    await expect(attempt).rejects.toBeInstanceOf(SettingsValidationError);
    const error = (await attempt.catch((e: unknown) => e)) as SettingsValidationError;
    expect(error.fields).toEqual({
      label: 'Enter a name for this provider.',
      baseURL: 'Enter an http:// or https:// address, for example http://localhost:11434/v1.',
      defaultModel: 'Choose a model, or type its name.',
      apiKey: 'The key contains spaces or line breaks; paste only the key itself.',
    });
    expect(error.message).not.toContain('has a space');
    await expect(saveProvider(db, sessions, { ...openai, apiKey: '' })).rejects.toMatchObject({ fields: { apiKey: expect.stringMatching(/OpenAI needs an API key/) } });
    await expect(saveProvider(db, sessions, { ...ollama, baseURL: '' })).rejects.toMatchObject({ fields: { baseURL: 'An OpenAI-compatible provider needs a base URL.' } });
    await expect(saveProvider(db, sessions, { ...ollama, timeoutMs: 5 })).rejects.toMatchObject({ fields: { timeoutMs: 'Use at least 1 second.' } });
    await expect(saveProvider(db, sessions, { ...ollama, timeoutMs: NaN })).rejects.toMatchObject({ fields: { timeoutMs: 'Enter the timeout as a number of seconds.' } });
    await expect(saveProvider(db, sessions, { ...ollama, id: 'gone' })).rejects.toThrow(/no longer exists/);
    expect(await db.settings.count()).toBe(0);
    expect(await db.secrets.count()).toBe(0);
  });

  it('removes a provider with its key and default choice, and undo puts all of it back', async () => {
    const db = open();
    const sessions = createMemorySessionKeyStore();
    const device = await saveProvider(db, sessions, openai);
    const session = await saveProvider(db, sessions, { ...ollama, apiKey: 'ollama-session-key-abcdef', keyStorage: 'session' });
    await setDefaultProvider(db, device.config.id);

    const removed = await removeProvider(db, sessions, device.config.id);
    expect(removed?.wasDefault).toBe(true);
    let state = await readProviders(db);
    expect(state.providers.map((p) => p.config.id)).toEqual(['demo', session.config.id]);
    expect(state.defaultProviderId).toBe('demo');
    expect(state.problems).toEqual([]);
    expect(await db.secrets.count()).toBe(0);

    await restoreProvider(db, sessions, removed!);
    state = await readProviders(db);
    expect(state.defaultProviderId).toBe(device.config.id);
    expect(await getApiKey(db, sessions, device)).toBe(KEY);

    const removedSession = await removeProvider(db, sessions, session.config.id);
    expect(sessions.get(session.config.id)).toBeUndefined();
    await restoreProvider(db, sessions, removedSession!);
    expect(sessions.get(session.config.id)).toBe('ollama-session-key-abcdef');
    expect(await removeProvider(db, sessions, 'unknown')).toBeUndefined();
  });
});

describe('settings repository: damaged rows', () => {
  it('skips a damaged provider row with a clear message, and the demo model stands in as default', async () => {
    const db = open();
    const sessions = createMemorySessionKeyStore();
    const good = await saveProvider(db, sessions, ollama);
    await db.settings.bulkPut([
      { key: `${PROVIDER_PREFIX}broken`, value: { config: { id: 'broken', kind: 'openai-compatible', label: 'Broken', baseURL: 42, defaultModel: 'm' }, keyStorage: 'none', createdAt: 1, updatedAt: 1 } },
      { key: `${PROVIDER_PREFIX}garbage`, value: 'not an object' },
      { key: `${PROVIDER_PREFIX}smuggled`, value: { config: { id: 'smuggled', kind: 'openai', label: 'S', defaultModel: 'm', apiKey: 'sk-should-not-be-here' }, keyStorage: 'none', createdAt: 1, updatedAt: 1 } },
      { key: `${PROVIDER_PREFIX}other`, value: { config: { id: 'mismatch', kind: 'openai', label: 'S', defaultModel: 'm' }, keyStorage: 'none', createdAt: 1, updatedAt: 1 } },
      { key: DEFAULT_PROVIDER_KEY, value: { id: 'broken' } },
    ]);
    const state = await readProviders(db);
    expect(state.providers.map((p) => p.config.id)).toEqual(['demo', good.config.id]);
    expect(state.defaultProviderId).toBe('demo');
    const byKey = Object.fromEntries(state.problems.map((p) => [p.key, p.message]));
    expect(byKey['provider:broken']).toMatch(/settings entry "provider:broken".*config\.baseURL: /);
    expect(byKey['provider:garbage']).toMatch(/settings entry "provider:garbage"\) could not be read and is ignored: .*expected object/);
    expect(byKey['provider:smuggled']).toMatch(/unexpected field "apiKey"/);
    expect(byKey['provider:smuggled']).not.toContain('sk-should-not-be-here');
    expect(byKey['provider:other']).toMatch(/names a different id/);
    expect(byKey[DEFAULT_PROVIDER_KEY]).toMatch(/default provider "broken" is missing or could not be read; the demo model is used instead/);

    await removeSettingsRow(db, sessions, 'provider:broken');
    expect((await readProviders(db)).problems.map((p) => p.key)).not.toContain('provider:broken');
  });

  it('falls back to the demo model when the default row itself is damaged', async () => {
    const db = open();
    await db.settings.put({ key: DEFAULT_PROVIDER_KEY, value: ['nonsense'] });
    const state = await readProviders(db);
    expect(state.defaultProviderId).toBe('demo');
    expect(state.problems).toEqual([{ key: DEFAULT_PROVIDER_KEY, message: expect.stringMatching(/could not be read .*the demo model is used instead/) }]);
  });
});

describe('settings repository: reviewer name and masking', () => {
  it('saves, validates and clears the reviewer name', async () => {
    const db = open();
    expect(await readReviewerName(db)).toEqual({});
    expect(await saveReviewerName(db, '  Ada Lovelace ')).toBe('Ada Lovelace');
    expect(await readReviewerName(db)).toEqual({ name: 'Ada Lovelace' });
    await expect(saveReviewerName(db, 'Line\nbreak')).rejects.toThrow(/no line breaks/);
    await expect(saveReviewerName(db, 'x'.repeat(81))).rejects.toThrow(/at most 80/);
    expect(await readReviewerName(db)).toEqual({ name: 'Ada Lovelace' });
    await saveReviewerName(db, '');
    expect(await readReviewerName(db)).toEqual({});
    await db.settings.put({ key: REVIEWER_NAME_KEY, value: 17 });
    expect((await readReviewerName(db)).problem?.message).toMatch(/could not be read/);
  });

  it('masks keys to a prefix and the last four characters, less for short keys', () => {
    expect(maskKey(KEY)).toBe('sk-…4f2a');
    expect(maskKey('abcdefghijklmnopqrstuvwx')).toBe('…uvwx');
    expect(maskKey('short-key-12')).toBe('…12');
    expect(maskKey('tiny')).toBe('…');
  });
});
