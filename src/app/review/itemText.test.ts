import { describe, expect, it } from 'vitest';
import { inputSummary, isJsonOutput, lineCount, outputText, parseEdit, reasonChip, reasonText } from './itemText';

describe('review card text', () => {
  it('shows outputs as text: strings as they are, anything else as pretty JSON', () => {
    expect(outputText('<b>Hi</b>')).toBe('<b>Hi</b>');
    expect(outputText({ reply: 'Hi', n: [1] })).toBe('{\n  "reply": "Hi",\n  "n": [\n    1\n  ]\n}');
    expect(outputText(null)).toBe('null');
    expect(isJsonOutput('text')).toBe(false);
    expect(isJsonOutput({})).toBe(true);
    expect(isJsonOutput(3)).toBe(true);
  });

  it('summarises the input on one line, clipped', () => {
    expect(inputSummary({ ticket: { text: 'Charged\n twice', words: 2 }, lang: 'en' })).toBe('ticket.text: Charged twice · ticket.words: 2 · lang: en');
    expect(inputSummary({ a: { b: { c: [1, 'x'] } }, empty: {} })).toBe('a.b: {"c":[1,"x"]} · empty: {}');
    expect(inputSummary('plain  text\nhere')).toBe('plain text here');
    const long = inputSummary({ body: 'x'.repeat(500) }, 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
    expect(lineCount('a\nb\n')).toBe(3);
  });

  it('says why an item is in the queue, short and in full', () => {
    expect(reasonChip({ kind: 'full' })).toBe('Full review');
    expect(reasonChip({ kind: 'sampled', rate: 0.2, draw: 0.1234, seed: 'abc' })).toBe('Sampled at 20%');
    expect(reasonChip({ kind: 'sampled', rate: 0.025, draw: 0.01, seed: 'abc' })).toBe('Sampled at 2.5%');
    expect(reasonChip({ kind: 'forced', rules: ['a', 'b'] })).toBe('Forced by 2 rules');
    expect(reasonText({ kind: 'forced', rules: ['judge scored 0.3, below 0.6'] })).toBe('Forced by a rule: judge scored 0.3, below 0.6');
    expect(reasonText({ kind: 'sampled', rate: 0.2, draw: 0.1234, seed: 'abc' })).toContain('seed abc');
  });

  it('parses an edit: text as it is, JSON with where it breaks', () => {
    expect(parseEdit('  any <text>', false)).toEqual({ ok: true, value: '  any <text>' });
    expect(parseEdit('{"a": [1, 2]}', true)).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseEdit('"just a string"', true)).toEqual({ ok: true, value: 'just a string' });
    const broken = parseEdit('{\n  "a": 1,\n}', true);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/^Not valid JSON at line 3, column 1: /);
    const token = parseEdit('{\n  "a": tru\n}', true);
    if (!token.ok) expect(token.error).not.toContain('"a"');
    expect(parseEdit('   ', true).ok).toBe(false);
  });
});
