import { describe, expect, it } from 'vitest';
import { agentConfigSchema } from '../nodes/agent/config';
import { configFingerprint, FINGERPRINT_FIELDS, fingerprintSubject } from './fingerprint';

const agentRaw = {
  role: 'support triage analyst',
  goal: 'Classify the ticket.',
  backstory: 'You have read ten thousand tickets.',
  instructions: 'Classify:\n\n{{ticket}}',
  model: 'gpt-test',
  temperature: 0.2,
  maxIterations: 3,
  outputSchema: { type: 'object', properties: { priority: { type: 'string' } }, required: ['priority'] },
  tools: [{ type: 'code', name: 'lookup', code: 'function main(args) { return args; }' }],
};

/** A changed value for every field that counts. */
const agentChanges: Record<string, unknown> = {
  role: 'support lead',
  goal: 'Classify the ticket and explain.',
  backstory: '',
  instructions: 'Classify briefly:\n\n{{ticket}}',
  providerId: 'other-provider',
  model: 'gpt-test-2',
  temperature: 0.3,
  outputSchema: { type: 'object', properties: { priority: { type: 'number' } } },
  tools: [{ type: 'code', name: 'lookup', code: 'function main(args) { return 1; }' }],
  maxIterations: 4,
};

function reversedKeys<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).reverse()) as T;
}

describe('configFingerprint', () => {
  const base = configFingerprint('agent', agentRaw);

  it('is 16 hex digits and stable across releases (pinned: changing it resets every step)', () => {
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    // Python: FNV-1a 64 of 'trellis.trust.fingerprint/1\n{\n  "kind": "transform",\n  "config": {\n    "expression": "a.b"\n  }\n}\n'
    expect(configFingerprint('transform', { expression: 'a.b' })).toBe('99e0611776ecdc77');
  });

  it('lists a changed value for every agent field that counts', () => {
    expect(Object.keys(agentChanges).sort()).toEqual([...(FINGERPRINT_FIELDS.agent ?? [])].sort());
  });

  it.each(Object.entries(agentChanges))('changes when the agent’s %s changes', (field, value) => {
    expect(configFingerprint('agent', { ...agentRaw, [field]: value })).not.toBe(base);
  });

  it('changes with the tools’ order and with a tool’s parameters', () => {
    const second = { type: 'http', name: 'fetch', url: 'https://example.test/' };
    const twoTools = configFingerprint('agent', { ...agentRaw, tools: [...agentRaw.tools, second] });
    expect(configFingerprint('agent', { ...agentRaw, tools: [second, ...agentRaw.tools] })).not.toBe(twoTools);
    const withParameters = [{ ...agentRaw.tools[0], parameters: { type: 'object', properties: { id: { type: 'string' } } } }];
    expect(configFingerprint('agent', { ...agentRaw, tools: withParameters })).not.toBe(base);
  });

  it('ignores key order at every depth', () => {
    const shuffled = { ...reversedKeys(agentRaw), outputSchema: reversedKeys(agentRaw.outputSchema) };
    expect(configFingerprint('agent', shuffled)).toBe(base);
  });

  it('ignores defaults written out versus left implicit, and fields the kind does not know', () => {
    const parsed = agentConfigSchema.parse(agentRaw);
    expect(parsed.tools[0]).toHaveProperty('timeoutMs'); // the parse really added defaults
    expect(configFingerprint('agent', parsed)).toBe(base);
    expect(configFingerprint('agent', { ...agentRaw, notes: 'a sticky note' })).toBe(base);
    const { backstory: _omitted, ...withoutBackstory } = agentRaw;
    expect(configFingerprint('agent', withoutBackstory)).toBe(configFingerprint('agent', { ...agentRaw, backstory: '' }));
  });

  it("ignores the node's label and position: they are not part of what is hashed", () => {
    const node = { id: 'triage', kind: 'agent', label: 'Triage', position: { x: 10, y: 20 }, config: agentRaw };
    const moved = { ...node, label: 'Triage (renamed)', position: { x: 400, y: -30 } };
    expect(configFingerprint(moved.kind, moved.config)).toBe(configFingerprint(node.kind, node.config));
    expect(JSON.stringify(fingerprintSubject(node.kind, node.config))).not.toMatch(/Triage|position/);
  });

  it('counts the flow’s default provider and model where the step names none', () => {
    const { model: _model, ...noModel } = agentRaw;
    const explicit = configFingerprint('agent', { ...noModel, model: 'flow-default' });
    expect(configFingerprint('agent', noModel, { model: 'flow-default' })).toBe(explicit);
    expect(configFingerprint('agent', noModel, { model: 'another-default' })).not.toBe(explicit);
    // A step that names its own model is not affected by the flow default.
    expect(configFingerprint('agent', agentRaw, { model: 'another-default' })).toBe(base);
    expect(configFingerprint('agent', agentRaw, { providerId: 'p2' })).not.toBe(base);
  });

  it('reads the LLM router’s prompt, branches, model and temperature, not maxAttempts', () => {
    const router = {
      instructions: 'Route:\n\n{{ticket}}',
      branches: [{ name: 'billing', description: 'Money' }, { name: 'technical', description: 'Bugs' }],
      model: 'gpt-test',
      temperature: 0,
      maxAttempts: 2,
    };
    const routerBase = configFingerprint('llm_router', router);
    expect(configFingerprint('llm_router', { ...router, maxAttempts: 4 })).toBe(routerBase);
    expect(configFingerprint('llm_router', { ...router, instructions: 'Route this:\n\n{{ticket}}' })).not.toBe(routerBase);
    expect(configFingerprint('llm_router', { ...router, branches: [...router.branches].reverse() })).not.toBe(routerBase);
    expect(configFingerprint('llm_router', { ...router, branches: [router.branches[0], { name: 'technical', description: 'Bugs and errors' }] })).not.toBe(routerBase);
    expect(configFingerprint('llm_router', { ...router, model: 'gpt-other' })).not.toBe(routerBase);
    expect(configFingerprint('llm_router', { ...router, temperature: 0.5 })).not.toBe(routerBase);
  });

  it('counts the whole config of other kinds, in any key order, and the kind itself', () => {
    const config = { expression: '$.a', extra: { b: 1, c: [1, 2] } };
    const other = configFingerprint('transform', config);
    expect(configFingerprint('transform', { extra: { c: [1, 2], b: 1 }, expression: '$.a' })).toBe(other);
    expect(configFingerprint('transform', { ...config, extra: { b: 1, c: [2, 1] } })).not.toBe(other);
    expect(configFingerprint('code', config)).not.toBe(other);
  });

  it('still fingerprints an agent config its schema rejects (as given)', () => {
    const invalid = { ...agentRaw, temperature: 9 };
    expect(configFingerprint('agent', invalid)).toMatch(/^[0-9a-f]{16}$/);
    expect(configFingerprint('agent', invalid)).not.toBe(base);
  });
});
