/**
 * Configuration fingerprints. Trust is earned by a step *as configured*: evidence about one
 * prompt says little about another, so a change to anything that changes the step's behaviour
 * gives a new fingerprint, and the step goes back to full review (see `withFingerprint`).
 * Anything that does not change behaviour (the node's label, its position on the canvas, key
 * order, a default written out versus left implicit) must not reset it, or analysts would lose
 * trust by tidying the canvas.
 *
 * What counts, by kind:
 * - `agent`: role, goal, backstory, instructions (the prompt), providerId, model, temperature,
 *   outputSchema, tools (in order, whole: name, description, parameters and what they run), and
 *   maxIterations (it bounds the tool loop and the schema retries, so it changes what comes out).
 * - `llm_router`: instructions, branches (names and descriptions, in order: the model reads
 *   them), providerId, model and temperature. Not maxAttempts: it only decides how often an
 *   unusable answer is retried before the step fails, not which answer passes the gate.
 * - any other kind: the whole config.
 *
 * A config that the kind's schema accepts is read after parsing, so defaults count as their
 * values whether written or not. Where the config leaves the provider or model to the flow, pass
 * the flow's defaults: a changed flow-wide default model is a changed step.
 */
import { canonicalJson } from '../flow/canonical';
import { agentConfigSchema } from '../nodes/agent/config';
import { llmRouterConfigSchema } from '../nodes/llmRouter';
import { isPlainObject } from '../util/json';
import { fnv1a64 } from './hash';

/** Bump to reset every step's trust when the fingerprint's meaning changes. */
const FINGERPRINT_SCHEME = 'trellis.trust.fingerprint/1';

/** The flow's defaults that apply where a step names no provider or model (flow settings). */
export interface FingerprintDefaults {
  providerId?: string | undefined;
  model?: string | undefined;
}

/** The fields that count for each kind with a list; other kinds count their whole config. */
export const FINGERPRINT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  agent: ['role', 'goal', 'backstory', 'instructions', 'providerId', 'model', 'temperature', 'outputSchema', 'tools', 'maxIterations'],
  llm_router: ['instructions', 'branches', 'providerId', 'model', 'temperature'],
};

const SCHEMAS: Readonly<Record<string, { safeParse(value: unknown): { success: boolean; data?: unknown } }>> = {
  agent: agentConfigSchema,
  llm_router: llmRouterConfigSchema,
};

/** The config with defaults applied when its kind's schema accepts it; otherwise as given. */
function normalised(kind: string, config: unknown): unknown {
  const schema = SCHEMAS[kind];
  if (!schema) return config;
  const parsed = schema.safeParse(config);
  return parsed.success ? parsed.data : config;
}

/**
 * What a fingerprint is computed from, as plain data: useful for showing what changed, and the
 * exact input of `configFingerprint`.
 */
export function fingerprintSubject(kind: string, config: unknown, defaults: FingerprintDefaults = {}): { kind: string; config: unknown } {
  const fields = FINGERPRINT_FIELDS[kind];
  const value = normalised(kind, config);
  if (!fields || !isPlainObject(value)) return { kind, config: value ?? null };
  const picked: Record<string, unknown> = {};
  for (const field of fields) picked[field] = value[field] ?? null;
  if ('providerId' in picked && picked.providerId === null) picked.providerId = defaults.providerId ?? null;
  if ('model' in picked && picked.model === null) picked.model = defaults.model ?? null;
  return { kind, config: picked };
}

/**
 * A stable, synchronous fingerprint of what makes a step of `kind` behave as it does: 16 hex
 * digits of FNV-1a 64 over the canonical JSON (sorted keys) of `fingerprintSubject`.
 * Same behaviour, same fingerprint, on every machine and in every version that keeps the scheme.
 */
export function configFingerprint(kind: string, config: unknown, defaults: FingerprintDefaults = {}): string {
  return fnv1a64(`${FINGERPRINT_SCHEME}\n${canonicalJson(fingerprintSubject(kind, config, defaults))}`);
}
