import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Verdict, VerdictFinding } from '../../engine/validation';
import { makeStep } from '../../engine/run/storeFixtures';
import { validationFailure } from '../../engine/validation';
import { checkedValue } from './checkedValue';
import { outputFields, placeClaims, pointerTokens, resolvePointer, segments } from './highlight';
import { HighlightedText } from './HighlightedText';
import { VerdictLayers } from './VerdictLayers';
import { groundingFail, makeVerdict } from './verdictFixtures';

function claim(text: string, part: string, reason = 'unsupported', path = ''): VerdictFinding {
  const start = text.indexOf(part);
  return { message: part, severity: 'fail', reason, span: { path, start, end: start + part.length, text: part } };
}

describe('highlighting flagged text', () => {
  it('reads JSON pointers and lists a value’s leaves by pointer', () => {
    expect(pointerTokens('/a/b~1c/~0d')).toEqual(['a', 'b/c', '~d']);
    const value = { subject: 'Hi', body: 'Text', items: [{ n: 1 }], 'a/b': 'x' };
    expect(resolvePointer(value, '/items/0/n')).toBe(1);
    expect(resolvePointer(value, '/a~1b')).toBe('x');
    expect(resolvePointer(value, '/nope/x')).toBeUndefined();
    expect(outputFields(value).map((f) => [f.label, f.value])).toEqual([
      ['subject', 'Hi'],
      ['body', 'Text'],
      ['items/0/n', 1],
      ['a~1b', 'x'],
    ]);
    expect(outputFields('plain')).toEqual([{ pointer: '', label: '', value: 'plain' }]);
  });

  it('places spans that still match and leaves out the others', () => {
    const text = 'Refunds take 3 days. Call us any time.';
    const good = claim(text, '3 days');
    const stale: VerdictFinding = { ...claim(text, 'any time'), span: { path: '', start: 0, end: 5, text: 'other' } };
    const { placed, unplaced } = placeClaims(text, [good, { message: 'no span', severity: 'fail' }, stale]);
    expect(placed.map((c) => c.span.text)).toEqual(['3 days']);
    expect(unplaced.map((c) => c.span.text)).toEqual(['other']);
    const inObject = placeClaims({ body: text }, [claim(text, 'any time', 'r', '/body'), claim(text, '3 days', 'r', '/subject')]);
    expect(inObject.placed).toHaveLength(1);
    expect(inObject.unplaced).toHaveLength(1);
  });

  it('cuts text into segments, merging overlapping spans and keeping touching ones apart', () => {
    const text = 'abcdefghij';
    const c = (start: number, end: number, index: number) => ({ index, finding: { message: '', severity: 'fail' as const }, span: { path: '', start, end, text: text.slice(start, end) } });
    expect(segments(text, []).map((s) => s.text)).toEqual(['abcdefghij']);
    expect(segments(text, [c(2, 5, 0), c(4, 7, 1), c(7, 8, 2)]).map((s) => [s.text, s.claims.map((x) => x.index)])).toEqual([
      ['ab', []],
      ['cdefg', [0, 1]],
      ['h', [2]],
      ['ij', []],
    ]);
    expect(segments(text, [c(0, 10, 0), c(3, 4, 1)]).map((s) => s.text)).toEqual(['abcdefghij']);
    expect(segments('', [])).toEqual([{ text: '', start: 0, claims: [] }]);
  });

  it('renders marks as text, never as HTML, each described by its claim', () => {
    const text = 'Hello <img src=x onerror=alert(1)>, your refund arrives in 3 days.';
    const html = renderToStaticMarkup(createElement(HighlightedText, { value: text, findings: [claim(text, 'in 3 days', 'the sources say 5 to 7 days')], caption: 'Output' }));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    const mark = /<mark [^>]*aria-describedby="([^"]+)"[^>]*>in 3 days<\/mark>/.exec(html);
    expect(mark).not.toBeNull();
    expect(html).toContain(`id="${mark?.[1]}"`);
    expect(html).toContain('title="in 3 days — the sources say 5 to 7 days"');
  });

  it('shows an object’s string fields by pointer with the claim marked in its field', () => {
    const value = { subject: 'Your refund', body: 'It arrives tomorrow.' };
    const html = renderToStaticMarkup(createElement(HighlightedText, { value, findings: [claim(value.body, 'tomorrow', 'r', '/body')], caption: 'Output' }));
    expect(html).toContain('<dt>subject</dt>');
    expect(html).toMatch(/<dt>body<\/dt><dd><pre class="hl-text">It arrives <mark[^>]*>tomorrow<\/mark>\.<\/pre>/);
  });

  it('finds the checked value in a validator’s record and shows it on the attempt that failed', () => {
    const text = 'We refund within 3 days.';
    const verdict: Verdict = groundingFail(text, 'within 3 days', 1);
    const record = makeStep('r', 3, 0, { nodeId: 'facts', inputs: { in: text, sources: 'Refunds take 5 to 7 days.' }, outputs: { fail: validationFailure(text, verdict, 'fix it') } });
    expect(checkedValue([record], verdict)).toBe(text);
    const bySpan = makeStep('r', 3, 0, { nodeId: 'facts', inputs: { sources: 'Refunds take 5 to 7 days.', in: text }, outputs: {} });
    expect(checkedValue([bySpan], verdict)).toBe(text);
    expect(checkedValue([], verdict)).toBeUndefined();

    const html = renderToStaticMarkup(createElement(VerdictLayers, { verdicts: [makeVerdict(), verdict], checkedValue: (v: Verdict) => checkedValue([record], v) }));
    expect(html).toContain('Caught by Grounding: 1 unsupported claim');
    expect(html).toMatch(/<li class="vl-row vl-row-fail vl-row-caught">/);
    expect(html).toMatch(/<mark[^>]*>within 3 days<\/mark>/);
    expect(html).not.toContain('role="tablist"');
    const two = renderToStaticMarkup(createElement(VerdictLayers, { verdicts: [verdict, makeVerdict({ attempt: 2 })] }));
    expect(two).toContain('role="tablist"');
    expect(two).toContain('Attempt 2 of 2: ');
  });
});
