import { describe, expect, it } from 'vitest';
import { listNodeKinds } from '../../engine/nodes/registry';
import { configSummary } from './summary';
import { uniqueLabel } from './labels';

describe('config summary', () => {
  it('says something useful for every kind default, in one short line', () => {
    for (const def of listNodeKinds()) {
      const summary = configSummary(def.kind, def.defaultConfig() as Record<string, unknown>);
      expect(summary, def.kind).not.toBe('');
      expect(summary.length).toBeLessThanOrEqual(60);
      expect(summary).not.toContain('\n');
    }
  });

  it('summarises typical configs', () => {
    expect(configSummary('input', { fields: [{ name: 'ticket' }, { name: 'priority' }] })).toBe('Fields: ticket, priority');
    expect(configSummary('router', { branches: [{ name: 'billing' }, { name: 'tech' }] })).toBe('Branches: billing, tech');
    expect(configSummary('merge', { mode: 'first', inputs: ['a', 'b'] })).toBe('First available of a, b');
    expect(configSummary('http', { method: 'POST', url: 'https://example.com' })).toBe('POST https://example.com');
    expect(configSummary('template', { template: 'x'.repeat(100) })).toHaveLength(60);
    expect(configSummary('template', { template: 42 })).toBe('');
    expect(configSummary('nope', {})).toBe('');
  });

  it('numbers labels that are taken', () => {
    expect(uniqueLabel('Template', [])).toBe('Template');
    expect(uniqueLabel('Template', ['Template'])).toBe('Template 2');
    expect(uniqueLabel('Template', ['Template', 'Template 2'])).toBe('Template 3');
    expect(uniqueLabel('Template 2', ['Template 2'])).toBe('Template 3');
  });
});
