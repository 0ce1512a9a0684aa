/**
 * Settings in IndexedDB: model providers (one `settings` row each, `provider:<id>`), the default
 * provider (`defaultProvider`), the reviewer's name (`reviewerName`); API keys in the `secrets`
 * table (`apiKey:<providerId>`) or, when the person chose "this session only", in a
 * SessionKeyStore. Rows are validated when written and again when read: a damaged row is skipped
 * with a clear problem (and the demo model stands in), never a crash. No key ever reaches a
 * settings row; callers outside this module see keys only masked (`sk-…4f2a`), except
 * `getApiKey`, which the run services use to build the request to that key's provider.
 */
import { TrellisError } from '../engine/util/errors';
import type { ProviderConfig } from '../engine/llm/types';
import type { SecretRow, TrellisDB } from './db';
import type { SessionKeyStore } from './sessionKeys';
import {
  DEMO_PROVIDER,
  defaultProviderSchema,
  describeIssues,
  parseProviderInput,
  reviewerNameSchema,
  storedProviderSchema,
  type FieldErrors,
  type KeyStorage,
  type ProviderInput,
  type StoredProvider,
} from './settingsSchema';

export * from './settingsSchema';

export const PROVIDER_PREFIX = 'provider:';
export const DEFAULT_PROVIDER_KEY = 'defaultProvider';
export const REVIEWER_NAME_KEY = 'reviewerName';
export const secretIdFor = (providerId: string): string => `apiKey:${providerId}`;

/** A settings row that could not be read; the app says so and carries on without it. */
export interface SettingsProblem {
  /** The settings row's key, e.g. `provider:ollama-1a2b`. */
  key: string;
  message: string;
}

export interface ProvidersState {
  /** The demo model first, then the saved providers in the order they were added. */
  providers: StoredProvider[];
  /** A provider in `providers`; the demo model when none was chosen or the choice is unusable. */
  defaultProviderId: string;
  problems: SettingsProblem[];
}

/** Thrown by saveProvider when the input is invalid; `fields` says what is wrong where. */
export class SettingsValidationError extends TrellisError {
  readonly fields: FieldErrors;
  constructor(fields: FieldErrors) {
    const summary = Object.entries(fields)
      .map(([field, message]) => `${field}: ${message}`)
      .join('; ');
    super('config', `The provider settings are not valid (${summary}).`, { details: { fields } });
    this.fields = fields;
  }
}

const DEMO_STORED: StoredProvider = { config: DEMO_PROVIDER, keyStorage: 'none', createdAt: 0, updatedAt: 0 };

/** The providers, the default and any damaged rows. Never throws for bad data. */
export async function readProviders(db: TrellisDB): Promise<ProvidersState> {
  const [rows, defaultRow] = await Promise.all([
    db.settings.where('key').startsWith(PROVIDER_PREFIX).toArray(),
    db.settings.get(DEFAULT_PROVIDER_KEY),
  ]);
  const problems: SettingsProblem[] = [];
  const saved: StoredProvider[] = [];
  for (const row of rows) {
    const id = row.key.slice(PROVIDER_PREFIX.length);
    const parsed = storedProviderSchema.safeParse(row.value);
    if (!parsed.success) {
      problems.push({ key: row.key, message: `A saved provider (settings entry "${row.key}") could not be read and is ignored: ${describeIssues(parsed.error)}. Remove it and add the provider again.` });
    } else if (parsed.data.config.id !== id) {
      problems.push({ key: row.key, message: `A saved provider (settings entry "${row.key}") names a different id ("${parsed.data.config.id}") and is ignored. Remove it and add the provider again.` });
    } else {
      saved.push(parsed.data as StoredProvider);
    }
  }
  saved.sort((a, b) => a.createdAt - b.createdAt || a.config.id.localeCompare(b.config.id));
  const providers = [DEMO_STORED, ...saved];

  let defaultProviderId = DEMO_PROVIDER.id;
  if (defaultRow) {
    const parsed = defaultProviderSchema.safeParse(defaultRow.value);
    if (!parsed.success) {
      problems.push({ key: DEFAULT_PROVIDER_KEY, message: `The saved choice of default provider could not be read (${describeIssues(parsed.error)}); the demo model is used instead. Choose the default provider again.` });
    } else if (providers.some((p) => p.config.id === parsed.data.id)) {
      defaultProviderId = parsed.data.id;
    } else {
      problems.push({ key: DEFAULT_PROVIDER_KEY, message: `The default provider "${parsed.data.id}" is missing or could not be read; the demo model is used instead. Choose the default provider again.` });
    }
  }
  return { providers, defaultProviderId, problems };
}

/** The configs runs use: the default first, then the others in order. */
export function providersForRuns(state: ProvidersState): ProviderConfig[] {
  const first = state.providers.find((p) => p.config.id === state.defaultProviderId) ?? DEMO_STORED;
  return [first, ...state.providers.filter((p) => p !== first)].map((p) => p.config);
}

async function currentKey(db: TrellisDB, sessions: SessionKeyStore, provider: StoredProvider): Promise<string | undefined> {
  if (provider.keyStorage === 'device') return (await db.secrets.get(secretIdFor(provider.config.id)))?.value;
  if (provider.keyStorage === 'session') return sessions.get(provider.config.id);
  return undefined;
}

/** The provider's key, for building requests to that provider only. */
export async function getApiKey(db: TrellisDB, sessions: SessionKeyStore, provider: StoredProvider): Promise<string | undefined> {
  return currentKey(db, sessions, provider);
}

/** `sk-…4f2a`: enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  const k = key.trim();
  if (k.length < 8) return '…';
  if (k.length < 16) return `…${k.slice(-2)}`;
  const prefix = /^([A-Za-z]{2,4}[-_])/.exec(k)?.[1] ?? '';
  return `${prefix}…${k.slice(-4)}`;
}

export type KeyStatus =
  | { state: 'none' }
  | { state: 'device' | 'session'; masked: string }
  /** The row says a key is kept, but it is not here (a session key from another tab or an ended session). */
  | { state: 'missing'; storage: 'device' | 'session' };

/** Each provider's key status, with keys masked. */
export async function readKeyStatus(db: TrellisDB, sessions: SessionKeyStore, providers: StoredProvider[]): Promise<Record<string, KeyStatus>> {
  const out: Record<string, KeyStatus> = {};
  for (const provider of providers) {
    const storage = provider.keyStorage;
    if (storage === 'none') {
      out[provider.config.id] = { state: 'none' };
      continue;
    }
    const key = await currentKey(db, sessions, provider);
    out[provider.config.id] = key ? { state: storage, masked: maskKey(key) } : { state: 'missing', storage };
  }
  return out;
}

function slug(label: string): string {
  const s = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'provider';
}

function randomSuffix(): string {
  const bytes = new Uint8Array(3);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Adds or updates a provider and its key. Throws SettingsValidationError naming the fields at
 * fault; nothing is written then.
 */
export async function saveProvider(db: TrellisDB, sessions: SessionKeyStore, input: ProviderInput, now = Date.now()): Promise<StoredProvider> {
  const existing = input.id ? await readProviderRow(db, input.id) : undefined;
  if (input.id && !existing) {
    throw new TrellisError('not_found', `The provider "${input.label}" no longer exists; it may have been removed in another tab. Add it again.`);
  }
  const id = input.id ?? `${slug(input.label)}-${randomSuffix()}`;
  const parsed = parseProviderInput(input, id);
  const errors: FieldErrors = 'errors' in parsed ? { ...parsed.errors } : {};
  const kept = existing ? await currentKey(db, sessions, existing) : undefined;
  const newKey = input.apiKey === undefined ? kept : input.apiKey?.trim() || undefined;
  if (input.kind === 'openai' && !newKey && !errors.apiKey) errors.apiKey = 'OpenAI needs an API key. Paste the key from platform.openai.com.';
  if (!('config' in parsed) || Object.keys(errors).length > 0) throw new SettingsValidationError(errors);

  const keyStorage: KeyStorage = newKey ? input.keyStorage : 'none';
  const row: StoredProvider = { config: parsed.config, keyStorage, createdAt: existing?.createdAt ?? now, updatedAt: now };
  await db.transaction('rw', db.settings, db.secrets, async () => {
    await db.settings.put({ key: PROVIDER_PREFIX + id, value: row });
    if (newKey && keyStorage === 'device') await db.secrets.put({ id: secretIdFor(id), value: newKey, updatedAt: now });
    else await db.secrets.delete(secretIdFor(id));
  });
  if (newKey && keyStorage === 'session') sessions.set(id, newKey);
  else sessions.delete(id);
  return row;
}

async function readProviderRow(db: TrellisDB, id: string): Promise<StoredProvider | undefined> {
  const row = await db.settings.get(PROVIDER_PREFIX + id);
  if (!row) return undefined;
  const parsed = storedProviderSchema.safeParse(row.value);
  return parsed.success ? (parsed.data as StoredProvider) : undefined;
}

/** What removeProvider took away, so an undo can put it back. Holds the key: keep it in memory only. */
export interface RemovedProvider {
  provider: StoredProvider;
  secret?: SecretRow;
  sessionKey?: string;
  wasDefault: boolean;
}

/** Removes a provider and its key; the default falls back to the demo model if it was this one. */
export async function removeProvider(db: TrellisDB, sessions: SessionKeyStore, id: string): Promise<RemovedProvider | undefined> {
  const removed = await db.transaction('rw', db.settings, db.secrets, async (): Promise<RemovedProvider | undefined> => {
    const provider = await readProviderRow(db, id);
    if (!provider) return undefined;
    const secret = await db.secrets.get(secretIdFor(id));
    const defaultRow = await db.settings.get(DEFAULT_PROVIDER_KEY);
    const wasDefault = defaultProviderSchema.safeParse(defaultRow?.value).data?.id === id;
    await db.settings.delete(PROVIDER_PREFIX + id);
    await db.secrets.delete(secretIdFor(id));
    if (wasDefault) await db.settings.delete(DEFAULT_PROVIDER_KEY);
    return { provider, wasDefault, ...(secret ? { secret } : {}) };
  });
  if (!removed) return undefined;
  const sessionKey = sessions.get(id);
  sessions.delete(id);
  return sessionKey ? { ...removed, sessionKey } : removed;
}

/** Puts back what removeProvider took away (undo). */
export async function restoreProvider(db: TrellisDB, sessions: SessionKeyStore, removed: RemovedProvider): Promise<void> {
  const id = removed.provider.config.id;
  await db.transaction('rw', db.settings, db.secrets, async () => {
    await db.settings.put({ key: PROVIDER_PREFIX + id, value: removed.provider });
    if (removed.secret) await db.secrets.put(removed.secret);
    if (removed.wasDefault) await db.settings.put({ key: DEFAULT_PROVIDER_KEY, value: { id } });
  });
  if (removed.sessionKey) sessions.set(id, removed.sessionKey);
}

/** Makes a provider (or the demo model) the default for runs. */
export async function setDefaultProvider(db: TrellisDB, id: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    if (id === DEMO_PROVIDER.id) {
      await db.settings.delete(DEFAULT_PROVIDER_KEY);
      return;
    }
    if (!(await readProviderRow(db, id))) {
      throw new TrellisError('not_found', `The provider "${id}" no longer exists (it may have been removed in another tab), so it cannot be the default.`);
    }
    await db.settings.put({ key: DEFAULT_PROVIDER_KEY, value: { id } });
  });
}

/** Deletes a damaged settings row (and, for a provider, its key) after the person agreed. */
export async function removeSettingsRow(db: TrellisDB, sessions: SessionKeyStore, key: string): Promise<void> {
  await db.transaction('rw', db.settings, db.secrets, async () => {
    await db.settings.delete(key);
    if (key.startsWith(PROVIDER_PREFIX)) await db.secrets.delete(secretIdFor(key.slice(PROVIDER_PREFIX.length)));
  });
  if (key.startsWith(PROVIDER_PREFIX)) sessions.delete(key.slice(PROVIDER_PREFIX.length));
}

/** The reviewer's name ("Your name"), recorded with review decisions. */
export async function readReviewerName(db: TrellisDB): Promise<{ name?: string; problem?: SettingsProblem }> {
  const row = await db.settings.get(REVIEWER_NAME_KEY);
  if (!row) return {};
  const parsed = reviewerNameSchema.safeParse(row.value);
  if (parsed.success) return { name: parsed.data };
  return { problem: { key: REVIEWER_NAME_KEY, message: `Your saved name could not be read (${describeIssues(parsed.error)}). Enter it again.` } };
}

/** Saves the reviewer's name; an empty name clears it. Throws a 'config' TrellisError when invalid. */
export async function saveReviewerName(db: TrellisDB, name: string): Promise<string | undefined> {
  if (name.trim() === '') {
    await db.settings.delete(REVIEWER_NAME_KEY);
    return undefined;
  }
  const parsed = reviewerNameSchema.safeParse(name);
  if (!parsed.success) throw new TrellisError('config', parsed.error.issues[0]?.message ?? 'This name cannot be used.');
  await db.settings.put({ key: REVIEWER_NAME_KEY, value: parsed.data });
  return parsed.data;
}
