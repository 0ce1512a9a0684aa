/** New flows and ids. */
import { defaultPiiPolicy } from '../pii/policy';
import { DEFAULT_FLOW_SETTINGS, FLOW_FORMAT, FLOW_VERSION, idSchema, type FlowDoc } from './schema';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const PREFIX = /^[A-Za-z0-9_]{1,40}$/;

/**
 * A random id such as `node-k3v9q0xw2b7m`: the prefix, a dash and 12 random base-36 characters
 * (about 62 bits, from crypto.getRandomValues). Always valid per idSchema.
 */
export function newId(prefix: string): string {
  if (!PREFIX.test(prefix)) {
    throw new Error(`newId: prefix must be 1-40 letters, digits or "_" (got ${JSON.stringify(prefix)})`);
  }
  let suffix = '';
  while (suffix.length < 12) {
    // 252 = 7 * 36: skipping bytes >= 252 keeps every character equally likely.
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < 252 && suffix.length < 12) suffix += ALPHABET[byte % 36];
    }
  }
  return `${prefix}-${suffix}`;
}

/** Settings of a new flow: the defaults, with the default PII policy (every type masked). */
export function newFlowSettings(): FlowDoc['settings'] {
  return { ...DEFAULT_FLOW_SETTINGS, pii: defaultPiiPolicy() };
}

/** An empty flow with default settings (PII masking on). A blank name becomes "Untitled flow". */
export function createEmptyFlow(name: string, id: string = newId('flow')): FlowDoc {
  if (!idSchema.safeParse(id).success) throw new Error(`createEmptyFlow: ${JSON.stringify(id)} is not a valid flow id`);
  const trimmed = name.trim();
  return {
    format: FLOW_FORMAT,
    version: FLOW_VERSION,
    id,
    name: trimmed === '' ? 'Untitled flow' : trimmed.slice(0, 200),
    description: '',
    nodes: [],
    edges: [],
    settings: newFlowSettings(),
  };
}
