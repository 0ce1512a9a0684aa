/**
 * Personal data in a step's HTTP requests (HTTP request nodes, agents' HTTP tools, Quality API
 * services): the path and query of the URL (decoded), header values and the body (inside JSON
 * strings and numbers, form fields, else the text) are scanned. Not scanned: the host (it is
 * where the request goes, not what it says) and credential headers (Authorization, Cookie,
 * X-Api-Key: secrets, not personal data, and changing them would break the call).
 *
 * With data of a masked type in it, the host's rule decides (policy.ts `hostAction`): 'allow'
 * sends it as it is, 'mask' sends placeholders (and the reply's body is re-identified), 'block'
 * refuses with a `pii_blocked` error naming the types, where they were and the host, never a value.
 * Redacted types are redacted whatever the host.
 */
import type { HttpRequest } from '../run/ports';
import { TrellisError } from '../util/errors';
import { mapContent } from './content';
import { hostAction, type PiiHttpPolicy } from './policy';
import type { PiiType } from './types';
import type { PiiUse } from './placeholders';
import type { MaskOptions, PiiVault } from './vault';
import { listWords, piiTypeWords } from './words';

export type OutgoingRequest = Omit<HttpRequest, 'signal'>;

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key']);

type Where = 'URL' | 'headers' | 'body';

type KeyedMap = (text: string, key?: string) => string;

function mapParams(search: string, map: KeyedMap): string | null {
  const params = new URLSearchParams(search);
  const next = new URLSearchParams();
  let changed = false;
  for (const [key, value] of params) {
    const k = map(key);
    const v = map(value, key);
    if (k !== key || v !== value) changed = true;
    next.append(k, v);
  }
  return changed ? next.toString() : null;
}

function mapUrl(text: string, map: KeyedMap): string {
  const url = new URL(text);
  let changed = false;
  const path = url.pathname
    .split('/')
    .map((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return segment;
      }
      const mapped = map(decoded);
      if (mapped === decoded) return segment;
      changed = true;
      return encodeURIComponent(mapped);
    })
    .join('/');
  const search = url.search ? mapParams(url.search, map) : null;
  if (!changed && search === null) return text;
  url.pathname = path;
  if (search !== null) url.search = search;
  return url.toString();
}

function contentType(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
}

/** The request with `map` applied to every scanned part (see the module comment); `where` names the part. */
function mapRequest(request: OutgoingRequest, map: (text: string, where: Where, key?: string) => string): OutgoingRequest {
  const url = mapUrl(request.url, (text, key) => map(text, 'URL', key));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? value : map(value, 'headers', name);
  let body = request.body;
  if (body !== undefined) {
    const inBody = (text: string, key?: string) => map(text, 'body', key);
    body = /application\/x-www-form-urlencoded/i.test(contentType(request.headers)) ? (mapParams(body, inBody) ?? body) : mapContent(body, inBody, { numbers: true });
  }
  return { ...request, url, headers, ...(body !== undefined ? { body } : {}) };
}

export interface GuardedRequest {
  request: OutgoingRequest;
  /** Values replaced in what is sent. */
  uses: PiiUse[];
}

/**
 * Applies the policy to a request: the request to send (masked or redacted as the policy says), or
 * a thrown `pii_blocked` TrellisError. A URL that does not parse is returned as it is (the port
 * reports it).
 */
export function guardHttpRequest(vault: PiiVault, http: PiiHttpPolicy, request: OutgoingRequest): GuardedRequest {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { request, uses: [] };
  }
  const found = new Map<PiiType, Set<Where>>();
  mapRequest(request, (text, where, key) => {
    for (const span of vault.scan(text, key === undefined ? {} : { key })) {
      if (span.action !== 'mask') continue;
      const places = found.get(span.type) ?? new Set<Where>();
      found.set(span.type, places.add(where));
    }
    return text;
  });
  const { action, rule } = hostAction(http, url);
  if (found.size > 0 && action === 'block') throw blockedError(url, found, rule);
  const options: MaskOptions = { keepMasked: action !== 'mask' };
  const uses: PiiUse[] = [];
  const sent = mapRequest(request, (text, _where, key) => {
    const masked = vault.mask(text, key === undefined ? options : { ...options, key });
    uses.push(...masked.uses);
    return masked.text;
  });
  return { request: uses.length > 0 ? sent : request, uses };
}

function blockedError(url: URL, found: Map<PiiType, Set<Where>>, rule: string | null): TrellisError {
  const types = [...found.keys()];
  const places = [...new Set([...found.values()].flatMap((set) => [...set]))].map((where) => (where === 'URL' ? 'the URL' : `the ${where}`));
  const whose = rule ? `says to block it for ${rule}` : 'blocks it for hosts it does not list';
  return new TrellisError(
    'pii_blocked',
    `The request to ${url.host} holds personal data in ${listWords(places)} (${listWords(types.map((type) => piiTypeWords(type)))}), and the flow's PII policy ${whose}. ` +
      `To send it, add ${url.host} in the flow settings under PII > HTTP hosts, with "mask" (placeholders are sent and the reply is re-identified) or "allow" (sent as it is).`,
    { details: { host: url.host, types, where: places } },
  );
}
