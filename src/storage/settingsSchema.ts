/**
 * The shapes of settings rows, checked with zod when written and again when read back (a row may
 * have been written by another version, or damaged), and the field checks the settings form shows.
 * Provider rows never hold an API key: keys live in the secrets store (or the session), and a
 * row that carries any field not listed here is refused as damaged rather than trusted.
 */
import { z } from 'zod';
import { SCRIPTED_MODEL, SCRIPTED_PROVIDER_ID, SCRIPTED_PROVIDER_LABEL } from '../engine/llm/scripted';
import type { ProviderConfig } from '../engine/llm/types';

/** The offline demo model: always present, never stored, the default until another is chosen. */
export const DEMO_PROVIDER: ProviderConfig = {
  id: SCRIPTED_PROVIDER_ID,
  kind: 'scripted',
  label: SCRIPTED_PROVIDER_LABEL,
  defaultModel: SCRIPTED_MODEL,
};

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Where a provider's key is kept: this device (IndexedDB `secrets`), this tab's session, or nowhere. */
export type KeyStorage = 'device' | 'session' | 'none';

export interface StoredProvider {
  config: ProviderConfig;
  keyStorage: KeyStorage;
  createdAt: number;
  updatedAt: number;
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "_" and "-"')
  .refine((id) => id !== SCRIPTED_PROVIDER_ID, `"${SCRIPTED_PROVIDER_ID}" is reserved for the demo model`);

const labelSchema = z.string().trim().min(1, 'Enter a name for this provider.').max(60, 'Use at most 60 characters.');
const baseURLSchema = z
  .string()
  .trim()
  .max(500, 'Use at most 500 characters.')
  .refine(isHttpUrl, 'Enter an http:// or https:// address, for example http://localhost:11434/v1.');
const modelSchema = z.string().trim().min(1, 'Choose a model, or type its name.').max(200, 'Use at most 200 characters.');
/** In milliseconds; the form asks for seconds, so the messages speak of seconds. */
const timeoutSchema = z
  .number({ error: 'Enter the timeout as a number of seconds.' })
  .int('Enter the timeout as a whole number of milliseconds.')
  .min(1000, 'Use at least 1 second.')
  .max(600_000, 'Use at most 600 seconds (10 minutes).');

const providerConfigSchema = z
  .strictObject({
    id: idSchema,
    kind: z.enum(['openai', 'openai-compatible']),
    label: labelSchema,
    baseURL: baseURLSchema.optional(),
    defaultModel: modelSchema,
    timeoutMs: timeoutSchema.optional(),
  })
  .superRefine((config, ctx) => {
    if (config.kind === 'openai-compatible' && !config.baseURL) {
      ctx.addIssue({ code: 'custom', path: ['baseURL'], message: 'An OpenAI-compatible provider needs a base URL.' });
    }
  });

/** A provider row's value (settings key `provider:<id>`). */
export const storedProviderSchema = z.strictObject({
  config: providerConfigSchema,
  keyStorage: z.enum(['device', 'session', 'none']),
  createdAt: z.number().finite(),
  updatedAt: z.number().finite(),
});

/** The default provider row's value (settings key `defaultProvider`). */
export const defaultProviderSchema = z.strictObject({ id: z.string().min(1).max(64) });

export const reviewerNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter your name.')
  .max(80, 'Use at most 80 characters.')
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'Use letters, spaces and punctuation only (no line breaks or control characters).');

/** "config.baseURL: Enter an http://..." for each problem, joined. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const message = issue.code === 'unrecognized_keys' ? `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

/** What the settings form submits. */
export interface ProviderInput {
  /** Absent for a new provider. */
  id?: string;
  kind: 'openai' | 'openai-compatible';
  label: string;
  baseURL?: string;
  defaultModel: string;
  timeoutMs?: number;
  /** Where the key (new or kept) is stored. */
  keyStorage: 'device' | 'session';
  /** undefined: keep the current key (moved when keyStorage changed); null or '': remove it; text: the new key. */
  apiKey?: string | null;
}

export type ProviderField = 'label' | 'baseURL' | 'defaultModel' | 'timeoutMs' | 'apiKey';
export type FieldErrors = Partial<Record<ProviderField, string>>;

/** Checks an API key's text: it travels in an HTTP header, so it must be one printable line. */
export function checkApiKey(key: string): string | undefined {
  if (key.length > 1000) return 'This is longer than any API key (over 1,000 characters); paste only the key.';
  if (/\s/.test(key)) return 'The key contains spaces or line breaks; paste only the key itself.';
  if (!/^[\x21-\x7e]+$/.test(key)) return 'The key contains characters an API key cannot have (only plain letters, digits and symbols).';
  return undefined;
}

/** The provider config the input describes, or the problems per field. */
export function parseProviderInput(input: ProviderInput, id: string): { config: ProviderConfig } | { errors: FieldErrors } {
  const baseURL = input.baseURL?.trim() || undefined;
  const candidate = {
    id,
    kind: input.kind,
    label: input.label,
    ...(baseURL ? { baseURL } : {}),
    defaultModel: input.defaultModel,
    ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
  };
  const errors: FieldErrors = {};
  const key = typeof input.apiKey === 'string' ? input.apiKey.trim() : '';
  if (key) {
    const problem = checkApiKey(key);
    if (problem) errors.apiKey = problem;
  }
  const parsed = providerConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ProviderField | 'id' | 'kind' | undefined;
      if (field === 'label' || field === 'baseURL' || field === 'defaultModel' || field === 'timeoutMs') errors[field] ??= issue.message;
      else errors.label ??= issue.message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { config: parsed.data as ProviderConfig };
}
