import { describe, expect, it } from 'vitest';
import { describeError } from './errorText';
import { formatCost, formatDuration, outputsPreview, shownStatus } from './format';
import { formFields, initialValues, validateForm } from './inputFields';
import { compile } from '../../engine/compile';
import { flowOf } from '../../engine/testing/flows';

describe('describeError', () => {
  it('names a wrong key, where it happened, and points to Settings', () => {
    const view = describeError(
      { code: 'auth', message: 'Test server rejected the API key (HTTP 401) for model "gpt-4o-mini". Check the key in Settings.', retryable: false, status: 401, details: { provider: 'Test server', model: 'gpt-4o-mini' } },
      { stepNumber: 3, stepLabel: 'Classify ticket', kindTitle: 'LLM router', attempt: 1, maxAttempts: 3 },
    );
    expect(view.title).toBe('Wrong or missing API key');
    expect(view.where).toBe('In step 3 “Classify ticket” (LLM router), attempt 1 of 3');
    expect(view.source).toBe('Provider: Test server · model: gpt-4o-mini · HTTP 401');
    expect(view.settings).toBe(true);
  });

  it('tells an unknown model from a wrong URL', () => {
    expect(describeError({ code: 'not_found', message: 'X does not know the model "nope" (HTTP 404).', retryable: false, details: { provider: 'X' } }).title).toBe('Unknown model');
    expect(describeError({ code: 'not_found', message: 'X has no such endpoint at http://h (HTTP 404).', retryable: false, details: { provider: 'X' } }).title).toBe('Wrong address (HTTP 404)');
    expect(describeError({ code: 'rate_limit', message: 'slow down', retryable: true }).title).toBe('Rate limited by the provider');
  });
});

describe('format', () => {
  it('formats durations, costs and previews', () => {
    expect(formatDuration(532)).toBe('532 ms');
    expect(formatDuration(2345)).toBe('2.35 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatCost(null)).toBe('—');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.000123)).toBe('$0.00012');
    expect(formatCost(0.5)).toBe('$0.5000');
    expect(outputsPreview({ reply: 'Hello\nthere', n: { a: 1 } })).toBe('reply: Hello there · n: {"a":1}');
    expect(shownStatus('running', false)).toBe('interrupted');
    expect(shownStatus('running', true)).toBe('running');
  });
});

describe('run form', () => {
  const flow = flowOf(
    [
      [
        'in',
        'input',
        {
          fields: [
            { name: 'ticket', type: 'string', required: true, description: 'The message' },
            { name: 'count', type: 'number', required: false, default: 3 },
            { name: 'urgent', type: 'boolean', required: false },
            { name: 'meta', type: 'json', required: true },
          ],
        },
      ],
      ['out', 'output', { name: 'r' }],
    ],
    ['in.ticket -> out.value'],
  );
  const fields = formFields(compile(flow).plan);

  it('lists the Input fields with their defaults', () => {
    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['ticket', 'string', true],
      ['count', 'number', false],
      ['urgent', 'boolean', false],
      ['meta', 'json', true],
    ]);
    expect(initialValues(fields)).toEqual({ ticket: '', count: '3', urgent: false, meta: '' });
    expect(initialValues(fields, { ticket: 'kept', urgent: 'wrong type' })).toMatchObject({ ticket: 'kept', urgent: false });
  });

  it('checks every field and returns typed inputs', () => {
    const bad = validateForm(fields, { ticket: '', count: 'many', urgent: true, meta: '{oops' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.ticket).toBe('ticket is required.');
      expect(bad.errors.count).toBe('count must be a number, such as 42 or 3.5; "many" is not.');
      expect(bad.errors.meta).toMatch(/^meta must be valid JSON: /);
    }
    const good = validateForm(fields, { ticket: 'Hi', count: ' 4.5 ', urgent: true, meta: '{"a":[1]}' });
    expect(good).toEqual({ ok: true, inputs: { ticket: 'Hi', count: 4.5, urgent: true, meta: { a: [1] } } });
    const blankOptional = validateForm(fields, { ticket: 'Hi', count: '', urgent: false, meta: 'null' });
    expect(blankOptional).toEqual({ ok: true, inputs: { ticket: 'Hi', urgent: false, meta: null } });
  });
});
