/**
 * The trace collector runs can be sent to (Settings, "Trace collector"): an OTLP/HTTP endpoint,
 * whether exports include message content, and optional request headers. The settings row
 * (`traceCollector`) keeps the endpoint, the choice and the header NAMES only; every header VALUE
 * is kept in the `secrets` table (`traceHeader:<name>`), as API keys are: collectors take their
 * credentials in headers (`Authorization`, `x-honeycomb-team`, ...), and nothing in a header is
 * ever written into a settings row, a backup, an export or a message. Values are shown masked.
 */
import { z } from 'zod';
import { TrellisError } from '../engine/util/errors';
import type { TrellisDB } from './db';
import { describeIssues, isHttpUrl } from './settingsSchema';
import { maskKey, type SettingsProblem } from './settingsRepo';

export const TRACE_COLLECTOR_KEY = 'traceCollector';
export const traceHeaderSecretId = (name: string): string => `traceHeader:${name.toLowerCase()}`;
export const MAX_COLLECTOR_HEADERS = 8;

/** Names a page may not set on fetch (the browser owns them), and the one the export sets itself. */
const RESERVED = /^(accept-charset|accept-encoding|access-control-request-.*|connection|content-length|content-type|cookie|cookie2|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|proxy-.*|sec-.*)$/i;

/** Why a header name cannot be used, or undefined when it can. */
export function checkHeaderName(name: string): string | undefined {
  if (!name) return 'Enter the header’s name, e.g. Authorization.';
  if (name.length > 100) return 'Use at most 100 characters.';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return 'A header name has letters, digits and - only (no spaces or colons), e.g. Authorization.';
  if (RESERVED.test(name)) return `The browser sets “${name}” itself; it cannot be configured here.`;
  return undefined;
}

/** Why a header value cannot be used, or undefined when it can. */
export function checkHeaderValue(value: string): string | undefined {
  if (!value) return 'Enter the header’s value, e.g. Bearer followed by the token.';
  if (value.length > 4000) return 'Use at most 4,000 characters.';
  if (!/^[\x20-\x7e]+$/.test(value)) return 'Use plain letters, digits, spaces and symbols only (no line breaks).';
  return undefined;
}

const endpointSchema = z
  .string()
  .trim()
  .max(1000, 'Use at most 1,000 characters.')
  .refine(isHttpUrl, 'Enter an http:// or https:// address, for example http://localhost:4318/v1/traces.');

const headerNameSchema = z.string().refine((name) => checkHeaderName(name) === undefined, 'not a usable header name');

/** The settings row's value. */
export const traceCollectorSchema = z.strictObject({
  endpoint: endpointSchema,
  includeContent: z.boolean(),
  headerNames: z.array(headerNameSchema).max(MAX_COLLECTOR_HEADERS),
  updatedAt: z.number().finite(),
});

export type TraceCollector = z.infer<typeof traceCollectorSchema>;

export interface TraceCollectorInput {
  endpoint: string;
  includeContent: boolean;
  /** A header to add (or replace, by name, case-insensitively). */
  addHeader?: { name: string; value: string };
  /** Names of headers to remove. */
  removeHeaders?: string[];
}

export type CollectorField = 'endpoint' | 'headerName' | 'headerValue';

/** Thrown by saveTraceCollector when the input is invalid; nothing is written then. */
export class CollectorValidationError extends TrellisError {
  readonly fields: Partial<Record<CollectorField, string>>;
  constructor(fields: Partial<Record<CollectorField, string>>) {
    super('config', `The trace collector settings are not valid (${Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; ')}).`);
    this.fields = fields;
  }
}

/** The collector, if one is set; a damaged row is a problem to show, never a crash. */
export async function readTraceCollector(db: TrellisDB): Promise<{ collector?: TraceCollector; problem?: SettingsProblem }> {
  const row = await db.settings.get(TRACE_COLLECTOR_KEY);
  if (!row) return {};
  const parsed = traceCollectorSchema.safeParse(row.value);
  if (parsed.success) return { collector: parsed.data };
  return { problem: { key: TRACE_COLLECTOR_KEY, message: `The saved trace collector could not be read (${describeIssues(parsed.error)}). Save it again.` } };
}

/** Each configured header with its value masked (null when the value is missing from this device). */
export async function readCollectorHeaderStatus(db: TrellisDB, collector: TraceCollector): Promise<Array<{ name: string; masked: string | null }>> {
  const rows = await db.secrets.bulkGet(collector.headerNames.map(traceHeaderSecretId));
  return collector.headerNames.map((name, i) => ({ name, masked: rows[i] ? maskKey(rows[i].value) : null }));
}

/** The headers to send with a trace export, values included: for that request only. */
export async function collectorHeaders(db: TrellisDB, collector: TraceCollector): Promise<Record<string, string>> {
  const rows = await db.secrets.bulkGet(collector.headerNames.map(traceHeaderSecretId));
  const out: Record<string, string> = {};
  collector.headerNames.forEach((name, i) => {
    const value = rows[i]?.value;
    if (value) out[name] = value;
  });
  return out;
}

/** Saves the collector (endpoint, content choice, header changes). Throws CollectorValidationError naming the fields. */
export async function saveTraceCollector(db: TrellisDB, input: TraceCollectorInput, now = Date.now()): Promise<TraceCollector> {
  const fields: Partial<Record<CollectorField, string>> = {};
  const endpoint = endpointSchema.safeParse(input.endpoint);
  if (!endpoint.success) fields.endpoint = endpoint.error.issues[0]?.message ?? 'Enter an http:// or https:// address.';
  const add = input.addHeader ? { name: input.addHeader.name.trim(), value: input.addHeader.value.trim() } : undefined;
  if (add && (add.name || add.value)) {
    const nameProblem = checkHeaderName(add.name);
    const valueProblem = checkHeaderValue(add.value);
    if (nameProblem) fields.headerName = nameProblem;
    if (valueProblem) fields.headerValue = valueProblem;
  }
  return db.transaction('rw', db.settings, db.secrets, async () => {
    const current = (await readTraceCollector(db)).collector;
    const removed = new Set((input.removeHeaders ?? []).map((name) => name.toLowerCase()));
    let names = (current?.headerNames ?? []).filter((name) => !removed.has(name.toLowerCase()));
    if (add?.name && !fields.headerName && !fields.headerValue) {
      names = [...names.filter((name) => name.toLowerCase() !== add.name.toLowerCase()), add.name];
      if (names.length > MAX_COLLECTOR_HEADERS) fields.headerName = `Use at most ${MAX_COLLECTOR_HEADERS} headers; remove one first.`;
    }
    if (Object.keys(fields).length > 0) throw new CollectorValidationError(fields);
    const collector: TraceCollector = { endpoint: endpoint.data as string, includeContent: input.includeContent, headerNames: names, updatedAt: now };
    await db.settings.put({ key: TRACE_COLLECTOR_KEY, value: collector });
    for (const name of removed) if (!names.some((kept) => kept.toLowerCase() === name)) await db.secrets.delete(traceHeaderSecretId(name));
    if (add?.name) await db.secrets.put({ id: traceHeaderSecretId(add.name), value: add.value, updatedAt: now });
    return collector;
  });
}

/** Removes the collector and every header value kept for it. */
export async function removeTraceCollector(db: TrellisDB): Promise<void> {
  await db.transaction('rw', db.settings, db.secrets, async () => {
    await db.settings.delete(TRACE_COLLECTOR_KEY);
    await db.secrets.where('id').startsWith('traceHeader:').delete();
  });
}
