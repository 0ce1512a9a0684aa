import { describe, expect, it } from 'vitest';
import { parseCsv, parseDataset, parseJsonl } from './parse';
import { csvField, resultsToCsv, resultsToJsonl, type ResultRow } from './export';
import { autoMap, mappingProblems, rowInputs } from './mapping';
import type { FormField } from '../inputFields';

function ok(result: ReturnType<typeof parseCsv>) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result.dataset;
}

describe('parseCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and newlines', () => {
    const data = ok(parseCsv('name,note\r\n"Smith, Jo","said ""hi""\nthen left"\nAmy,plain\n'));
    expect(data.columns).toEqual(['name', 'note']);
    expect(data.rows).toEqual([
      { name: 'Smith, Jo', note: 'said "hi"\nthen left' },
      { name: 'Amy', note: 'plain' },
    ]);
    expect(data.lines).toEqual([2, 4]);
  });

  it('ignores a BOM, blank lines and a missing final newline', () => {
    const data = ok(parseCsv('\uFEFFa,b\n\n1,2\n   \n3,4'));
    expect(data.columns).toEqual(['a', 'b']);
    expect(data.rows).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
    expect(data.lines).toEqual([3, 5]);
  });

  it('keeps an empty quoted field as a row and empty cells as empty text', () => {
    const data = ok(parseCsv('a\n""\nx\n'));
    expect(data.rows).toEqual([{ a: '' }, { a: 'x' }]);
    expect(ok(parseCsv('a,b\n,\n')).rows).toEqual([{ a: '', b: '' }]);
  });

  it('detects semicolons and tabs as delimiters', () => {
    expect(ok(parseCsv('a;b\n1;2\n')).rows).toEqual([{ a: '1', b: '2' }]);
    expect(ok(parseDataset('data.tsv', 'a\tb\n1,5\t2\n')).rows).toEqual([{ a: '1,5', b: '2' }]);
  });

  it('names the line of a row with the wrong number of fields', () => {
    const result = parseCsv('a,b\n1,2\n3,4,5\n6\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(result.problems[0]?.message).toMatch(/^Line 3: 3 fields, but the header has 2 columns/);
  });

  it('reports an unclosed quote where it opened, and stray quotes', () => {
    const unclosed = parseCsv('a,b\n1,"oops\n2,3\n');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.problems[0]?.message).toBe('Line 2: a quoted field is never closed (missing ").');
    const both = parseCsv('a,b\n1,2,3\n"x\n');
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.problems.map((p) => p.line)).toEqual([2, 3]);
    const stray = parseCsv('a\nab"c\n');
    expect(stray.ok).toBe(false);
    if (!stray.ok) expect(stray.problems[0]?.message).toMatch(/^Line 2: a quote inside unquoted field 1/);
  });

  it('refuses headers with blank or repeated names, and files without data', () => {
    const result = parseCsv('a,,a\n1,2,3\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.message)).toEqual(['Line 1: column 2 of the header has no name.', 'Line 1: the column name "a" appears twice in the header.']);
    expect(parseCsv('').ok).toBe(false);
    expect(parseCsv('a,b\n').ok).toBe(false);
  });

  it('caps the number of problems it lists', () => {
    const text = `a,b\n${Array.from({ length: 50 }, () => '1').join('\n')}\n`;
    const result = parseCsv(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(21);
      expect(result.problems[20]?.message).toBe('…and 30 more problems.');
    }
  });
});

describe('parseJsonl', () => {
  it('reads one object per line and collects every key as a column', () => {
    const result = parseJsonl('\uFEFF{"a":1,"b":"x"}\n\n{"c":[1,2],"a":2}\r\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dataset.columns).toEqual(['a', 'b', 'c']);
    expect(result.dataset.rows).toEqual([{ a: 1, b: 'x' }, { c: [1, 2], a: 2 }]);
    expect(result.dataset.lines).toEqual([1, 3]);
  });

  it('names every line that is not a JSON object', () => {
    const result = parseJsonl('{"a":1}\n{"a":\n[1]\n"text"\n{"a":2}\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(result.problems[0]?.message).toMatch(/^Line 2: not valid JSON/);
    expect(result.problems[1]?.message).toBe('Line 3: expected a JSON object such as {"name": "value"}, got an array.');
    expect(result.problems[2]?.message).toBe('Line 4: expected a JSON object such as {"name": "value"}, got a string.');
  });

  it('is chosen by file name or by content', () => {
    expect(parseDataset('rows.jsonl', '{"a":1}').format).toBe('jsonl');
    expect(parseDataset('rows.ndjson', '{"a":1}').format).toBe('jsonl');
    expect(parseDataset('rows', '{"a":1}').format).toBe('jsonl');
    expect(parseDataset('rows', 'a\n1').format).toBe('csv');
  });
});

describe('results export', () => {
  const rows: ResultRow[] = [
    { row: 1, status: 'succeeded', runId: 'run_1', inputs: { ticket: 'Hi, "there"' }, outputs: { reply: 'Line one\nLine two', score: 3 }, error: null, errorStep: null },
    { row: 2, status: 'failed', runId: 'run_2', inputs: { ticket: 'x' }, outputs: {}, error: 'Provider said no', errorStep: 'Classify' },
    { row: 3, status: 'pending', runId: null, inputs: { ticket: ' padded ' }, outputs: { extra: { a: 1 } }, error: null, errorStep: null },
  ];

  it('quotes CSV fields that need it, and round-trips through the parser', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvField(null)).toBe('');
    const csv = resultsToCsv(rows, ['ticket']);
    const parsed = parseCsv(csv);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.dataset.columns).toEqual(['row', 'status', 'input.ticket', 'output.reply', 'output.score', 'output.extra', 'error', 'error_step', 'run_id']);
    expect(parsed.dataset.rows[0]).toMatchObject({ 'input.ticket': 'Hi, "there"', 'output.reply': 'Line one\nLine two', 'output.score': '3', run_id: 'run_1' });
    expect(parsed.dataset.rows[1]).toMatchObject({ status: 'failed', error: 'Provider said no', error_step: 'Classify' });
    expect(parsed.dataset.rows[2]).toMatchObject({ 'input.ticket': ' padded ', 'output.extra': '{"a":1}', run_id: '' });
  });

  it('writes one JSON object per line', () => {
    const lines = resultsToJsonl(rows).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0] as string)).toEqual({ row: 1, status: 'succeeded', inputs: { ticket: 'Hi, "there"' }, outputs: { reply: 'Line one\nLine two', score: 3 }, error: null, errorStep: null, runId: 'run_1' });
  });
});

describe('column mapping', () => {
  const field = (name: string, extra: Partial<FormField> = {}): FormField => ({ name, type: 'string', required: true, nodeLabel: 'Input', nodeId: 'in', ...extra });

  it('matches columns by name, loosely, and leaves the rest unmapped', () => {
    expect(autoMap([field('ticket'), field('customer_name'), field('priority')], ['Ticket', 'Customer Name', 'other'])).toEqual({ ticket: 'Ticket', customer_name: 'Customer Name', priority: '' });
    expect(autoMap([field('a')], ['A', 'a'])).toEqual({ a: 'a' });
  });

  it('lists required inputs without a column; defaults make them optional', () => {
    const fields = [field('ticket'), field('tone', { default: 'kind' }), field('note', { required: false })];
    expect(mappingProblems(fields, { ticket: '', tone: '', note: '' }, ['x'])).toEqual(['The input "ticket" is required: choose the column that holds it.']);
    expect(mappingProblems(fields, { ticket: 'gone', tone: '', note: '' }, ['x'])).toEqual(['The input "ticket" is mapped to the column "gone", which the dataset does not have.']);
    expect(mappingProblems(fields, { ticket: 'x', tone: '', note: '' }, ['x'])).toEqual([]);
  });

  it('turns a row into run inputs', () => {
    expect(rowInputs({ T: 'hello', n: 3, skip: 1 }, { ticket: 'T', count: 'n', other: '' })).toEqual({ ticket: 'hello', count: 3 });
  });
});
