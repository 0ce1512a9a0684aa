import { describe, expect, it } from 'vitest';
import type { UpstreamCandidate, UpstreamVariable } from '../inspector/upstream';
import { templateContextAt, templateSuggestions } from './templateCompletion';

const lead: UpstreamVariable = {
  name: 'lead',
  connected: true,
  declared: true,
  required: true,
  sources: [],
  shape: { type: 'object', fields: { name: { type: 'string', description: 'Full name' }, address: { type: 'object', fields: { city: { type: 'string' } } } } },
  detail: 'from Input “Lead” › lead · object',
};
const candidate: UpstreamCandidate = {
  name: 'summary',
  source: { nodeId: 'a', nodeLabel: 'Research', kindTitle: 'Agent', port: 'summary' },
  more: 1,
  shape: { type: 'string' },
  detail: 'not connected: Agent “Research” › summary · string',
};

describe('template completion', () => {
  it('finds the variable path being typed inside {{ }}', () => {
    expect(templateContextAt('Hello {{', '')).toEqual({ path: [], partial: '', partialStart: 8, closed: false });
    expect(templateContextAt('Hello {{ le', '}} and')).toEqual({ path: [], partial: 'le', partialStart: 9, closed: true });
    expect(templateContextAt('{{lead.address.ci', 'ty}}')).toEqual({ path: ['lead', 'address'], partial: 'ci', partialStart: 15, closed: true });
    expect(templateContextAt('{{lead}} and more', '')).toBeNull();
    expect(templateContextAt('a literal \\{{', '')).toBeNull();
    expect(templateContextAt('{ single', '')).toBeNull();
  });

  it('offers the node’s inputs first, then outputs that could be wired in', () => {
    const items = templateSuggestions({ path: [], partial: '', partialStart: 2, closed: false }, [lead], [candidate]);
    expect(items.map((i) => [i.label, i.insertText, i.kind])).toEqual([
      ['lead', 'lead}}', 'variable'],
      ['summary', 'summary}}', 'candidate'],
    ]);
    expect(items[0]!.sortText < items[1]!.sortText).toBe(true);
    expect(items[1]?.documentation).toContain('or 1 other node');
    // Inside an already closed placeholder nothing more is added.
    expect(templateSuggestions({ path: [], partial: '', partialStart: 2, closed: true }, [lead])[0]?.insertText).toBe('lead');
  });

  it('offers the known fields after a dot', () => {
    const fields = templateSuggestions({ path: ['lead'], partial: '', partialStart: 7, closed: true }, [lead]);
    expect(fields.map((f) => [f.label, f.detail])).toEqual([['name', 'string'], ['address', 'object { city }']]);
    expect(fields[0]?.documentation).toBe('Full name');
    expect(templateSuggestions({ path: ['lead', 'address'], partial: '', partialStart: 0, closed: false }, [lead]).map((f) => f.insertText)).toEqual(['city}}']);
    expect(templateSuggestions({ path: ['nobody'], partial: '', partialStart: 0, closed: false }, [lead])).toEqual([]);
  });
});
