/**
 * Pieces of making an HTTP request from a step that the HTTP request node and the Quality API
 * node share: URL templating, URL checks, header names, Retry-After, and how a target and a body
 * are quoted in messages (origin and path only: a query string may carry a token).
 */
import { z } from 'zod';
import { parseTemplate, renderValue, lookupPath } from '../util/template';

export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const HEADER_NAME_MESSAGE = 'must be a header name such as Accept or X-Api-Version';

/** A request's time limit: 100 ms to 2 minutes, 10 s by default. */
export function timeoutMsSchema() {
  return z
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 ms')
    .max(120_000, 'must be at most 120,000 ms (2 minutes)')
    .default(10_000);
}

/** Renders the URL template, percent-encoding every value except one that starts the URL. */
export function renderUrl(template: string, variables: Readonly<Record<string, unknown>>): string {
  let out = '';
  for (const part of parseTemplate(template).parts) {
    if (part.kind === 'text') out += part.value;
    else {
      const text = renderValue(lookupPath(variables, part.path));
      out += part.start === 0 ? text : encodeURIComponent(text);
    }
  }
  return out;
}

/** An absolute http(s) URL, or what is wrong with the text. */
export function parseHttpUrl(text: string): { url: URL } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `the URL "${text.slice(0, 200)}" is not a valid absolute URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `the URL must start with http:// or https://, not ${url.protocol}` };
  return { url };
}

/** Seconds or an HTTP date, as milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** A status worth retrying: 408, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/** The URL as messages name it: origin and path, never the query string. */
export function describeTarget(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** A body on one line, at most 200 characters, for a message. */
export function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

export function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether a header is set, whatever its case. */
export function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}
