import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../flow/canonical';
import { chainDrafts, entryText } from './hash';
import { EMPTY_HEAD, type AuditDraft, type AuditEntry } from './types';

const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('kind', 'name', 'id', 'version', 'label', '0', '12', 'a', 'B', '__proto__'));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), tie('object')),
  object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
})) as { value: fc.Arbitrary<unknown>; object: fc.Arbitrary<Record<string, unknown>> };

describe('entry text', () => {
  it('is canonical JSON of the entry without its hash, whatever the key order (the stored-order shortcut writes the same bytes)', () => {
    fc.assert(
      fc.property(json.object, json.object, fc.option(fc.string()), (subject, data, actor) => {
        const entry = { seq: 3, at: 1.5, type: 'x', ...(actor === null ? {} : { actor }), subject, data, prevHash: 'p', hash: 'h' } as unknown as AuditEntry;
        const { hash: _hash, ...rest } = entry;
        expect(entryText(entry)).toBe(canonicalJson(rest));
        const reparsed = JSON.parse(canonicalJson(rest)) as AuditEntry;
        expect(entryText(reparsed)).toBe(canonicalJson(rest));
      }),
      { numRuns: 300 },
    );
  });

  it('chained entries are stored with their keys in canonical order and hash to their own text', async () => {
    const drafts: AuditDraft[] = [{ at: 1, type: 'trust.changed', actor: 'Ada', subject: { trustKey: 'f/n', flowId: 'f' }, data: { to: 1, kind: 'x', change: 'created', name: 'n' } }];
    const [entry] = await chainDrafts(EMPTY_HEAD, drafts);
    expect(Object.keys(entry as AuditEntry)).toEqual(['actor', 'at', 'data', 'prevHash', 'seq', 'subject', 'type', 'hash']);
    expect(Object.keys((entry as AuditEntry).data)).toEqual(['name', 'kind', 'change', 'to']);
  });
});
