/**
 * A flow's PII policy (`settings.pii`): what happens to each kind of personal data before text
 * leaves the browser for a model or a web service.
 *
 * - `entities`: per built-in type, 'mask' (reversible placeholder), 'redact' (`[REDACTED EMAIL]`)
 *   or 'allow' (sent as it is). A type left out is masked (a type added in a later release is
 *   masked in older flows).
 * - `custom`: the flow's own patterns (`{ name: 'employee_id', pattern: 'EMP-\\d{6}', action }`),
 *   found as `custom:employee_id` and shown as `<EMPLOYEE_ID_1>`.
 * - `http`: what an HTTP request (HTTP request node, an agent's HTTP tool, a Quality API) that
 *   carries personal data of a masked type may do: per host, else `default`: 'block' (the step
 *   fails, naming the types and the host), 'mask' (sent with placeholders, the reply re-identified)
 *   or 'allow' (sent as it is). Redacted types are redacted whatever the host.
 *
 * No `pii` in the settings: masking is off (flows made before it existed run as they did).
 * New flows get `defaultPiiPolicy()`: every type masked, HTTP requests with personal data blocked.
 */
import { z } from 'zod';
import { compileCustomPatterns, type CustomPiiPattern } from './customPatterns';
import { PII_TYPES, type BuiltinPiiType, type PiiAction, type PiiType } from './types';

export const PII_ACTIONS = ['mask', 'redact', 'allow'] as const;
export const PII_HTTP_ACTIONS = ['block', 'mask', 'allow'] as const;
export type PiiHttpAction = (typeof PII_HTTP_ACTIONS)[number];

const actionSchema = z.enum(PII_ACTIONS, { error: 'must be "mask", "redact" or "allow"' });
const httpActionSchema = z.enum(PII_HTTP_ACTIONS, { error: 'must be "block", "mask" or "allow"' });

const entitiesSchema = z.strictObject(
  Object.fromEntries(PII_TYPES.map((type) => [type, actionSchema.optional()])) as Record<BuiltinPiiType, z.ZodOptional<typeof actionSchema>>,
);

const customPatternSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be snake_case: lowercase letters, digits and "_", starting with a letter (at most 40 characters), e.g. employee_id')
    .refine((name) => !(PII_TYPES as readonly string[]).includes(name), 'is the name of a built-in type; choose another name'),
  pattern: z.string().min(1, 'must not be empty').max(1000),
  action: actionSchema,
});

const HOST_NAME = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/i;
const HOST_IPV6 = /^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

const hostRuleSchema = z.strictObject({
  host: z
    .string()
    .max(260)
    .refine((host) => HOST_NAME.test(host) || HOST_IPV6.test(host), 'must be a host such as api.example.com, *.example.com (its subdomains) or 127.0.0.1:8080, without scheme or path'),
  action: httpActionSchema,
});

const httpPolicySchema = z
  .strictObject({
    default: httpActionSchema,
    hosts: z.array(hostRuleSchema).max(200),
  })
  .superRefine((http, ctx) => {
    const seen = new Map<string, number>();
    http.hosts.forEach((rule, index) => {
      const key = rule.host.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else ctx.addIssue({ code: 'custom', path: ['hosts', index, 'host'], message: `"${rule.host}" is listed twice (also hosts[${first}])` });
    });
  });

export const piiPolicySchema = z
  .strictObject({
    entities: entitiesSchema,
    custom: z.array(customPatternSchema).max(50),
    http: httpPolicySchema,
  })
  .superRefine((policy, ctx) => {
    const compiled = compileCustomPatterns(policy.custom);
    if (compiled.ok) return;
    for (const problem of compiled.problems) {
      const field = problem.message.startsWith('the name') ? 'name' : 'pattern';
      ctx.addIssue({ code: 'custom', path: ['custom', problem.index, field], message: problem.message });
    }
  });

export type PiiPolicy = z.output<typeof piiPolicySchema>;
export type PiiHttpPolicy = PiiPolicy['http'];

/** The policy of a new flow: every type masked; HTTP requests carrying personal data blocked until a host is allowed. */
export function defaultPiiPolicy(): PiiPolicy {
  return {
    entities: Object.fromEntries(PII_TYPES.map((type) => [type, 'mask'])) as Record<BuiltinPiiType, PiiAction>,
    custom: [],
    http: { default: 'block', hosts: [] },
  };
}

/** A policy ready to use in a run: each type's action, what to detect, and the hosts' rules. */
export interface ResolvedPiiPolicy {
  policy: PiiPolicy;
  actionOf(type: PiiType): PiiAction;
  /** Built-in types to detect (those not allowed). */
  types: BuiltinPiiType[];
  /** Compiled custom patterns not allowed. */
  custom: CustomPiiPattern[];
}

/** Resolves a validated policy. Throws when its custom patterns do not compile (import refuses such flows). */
export function resolvePiiPolicy(policy: PiiPolicy): ResolvedPiiPolicy {
  const customActions = new Map<string, PiiAction>(policy.custom.map((entry) => [`custom:${entry.name}`, entry.action]));
  const actionOf = (type: PiiType): PiiAction => {
    if (type.startsWith('custom:')) return customActions.get(type) ?? 'mask';
    return policy.entities[type as BuiltinPiiType] ?? 'mask';
  };
  const compiled = compileCustomPatterns(policy.custom.filter((entry) => entry.action !== 'allow'));
  if (!compiled.ok) throw new Error(`The flow's custom PII patterns do not compile: ${compiled.problems.map((p) => p.message).join('; ')}`);
  return { policy, actionOf, types: PII_TYPES.filter((type) => actionOf(type) !== 'allow'), custom: compiled.patterns };
}

/** The rule for a URL's host: an entry naming the host (with or without its port), a `*.` entry for a parent domain, else the default. */
export function hostAction(http: PiiHttpPolicy, url: URL): { action: PiiHttpAction; rule: string | null } {
  const hostname = url.hostname.toLowerCase();
  const host = url.host.toLowerCase();
  const exact = http.hosts.find((rule) => {
    const name = rule.host.toLowerCase();
    return name === host || name === hostname;
  });
  if (exact) return { action: exact.action, rule: exact.host };
  let best: { action: PiiHttpAction; rule: string } | null = null;
  for (const rule of http.hosts) {
    const name = rule.host.toLowerCase();
    if (!name.startsWith('*.')) continue;
    const parent = name.slice(1);
    if ((hostname.endsWith(parent) || host.endsWith(parent)) && (!best || rule.host.length > best.rule.length)) best = { action: rule.action, rule: rule.host };
  }
  return best ?? { action: http.default, rule: null };
}
