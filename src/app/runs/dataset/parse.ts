/**
 * Datasets for dataset runs: CSV (RFC 4180: quoted fields may hold commas, quotes and newlines)
 * and JSONL (one JSON object per line). A BOM and blank lines are ignored. Every problem names
 * where it is (line, and column or key), and a file with problems is refused whole: nothing is
 * dropped silently.
 */

export interface Dataset {
  /** Column names (CSV header, or every key seen in JSONL, in first-seen order). */
  columns: string[];
  /** One record per data row; CSV values are text, JSONL values are what the line held. */
  rows: Record<string, unknown>[];
  /** Line in the file where each row starts (1-based), for messages. */
  lines: number[];
}

export interface DatasetProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export type ParseResult = { ok: true; dataset: Dataset } | { ok: false; problems: DatasetProblem[] };

/** At most this many problems are reported; a file that has more says so in the last one. */
const MAX_PROBLEMS = 20;

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function cap(problems: DatasetProblem[]): DatasetProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const rest = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), { line: problems[MAX_PROBLEMS]!.line, message: `…and ${rest} more problem${rest === 1 ? '' : 's'}.` }];
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/** Splits CSV text into records of fields, honouring quotes. Reports an unclosed quote. */
function csvRecords(text: string, delimiter: string): { records: CsvRecord[]; problems: DatasetProblem[] } {
  const records: CsvRecord[] = [];
  const problems: DatasetProblem[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  /** The current field began with a quote (so text after its closing quote is an error). */
  let wasQuoted = false;
  const endRecord = () => {
    fields.push(field);
    // A record that is one empty, unquoted field is a blank line.
    if (!(fields.length === 1 && (fields[0] as string).trim() === '' && !wasQuoted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !wasQuoted && field.trim() === '') {
      // Opening quote (spaces before it are ignored).
      field = '';
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      wasQuoted = false;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    if (wasQuoted && (ch === ' ' || ch === '\t') && delimiter !== ch) continue;
    if (wasQuoted) {
      problems.push({ line, message: `Line ${line}: text after a closing quote in field ${fields.length + 1}. A field with quotes must be quoted whole, with inner quotes doubled ("").` });
      wasQuoted = false;
    }
    if (ch === '"') {
      problems.push({ line, message: `Line ${line}: a quote inside unquoted field ${fields.length + 1}. Quote the whole field and double the inner quote ("").` });
    }
    field += ch;
  }
  if (quoted) {
    problems.push({ line: quoteLine, message: `Line ${quoteLine}: a quoted field is never closed (missing ").` });
  } else if (field !== '' || fields.length > 0 || wasQuoted) {
    endRecord();
  }
  return { records, problems };
}

/** Guesses the delimiter from the header line: comma, semicolon or tab. */
function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

export function parseCsv(input: string, options: { delimiter?: string } = {}): ParseResult {
  const text = stripBom(input);
  const delimiter = options.delimiter ?? guessDelimiter(text);
  const { records, problems } = csvRecords(text, delimiter);
  const [header, ...data] = records;
  if (!header) return { ok: false, problems: [{ line: 1, message: 'The file is empty: a CSV file needs a header line with column names.' }] };
  const columns = header.fields.map((name) => name.trim());
  columns.forEach((name, index) => {
    if (name === '') problems.push({ line: header.line, message: `Line ${header.line}: column ${index + 1} of the header has no name.` });
    else if (columns.indexOf(name) !== index) problems.push({ line: header.line, message: `Line ${header.line}: the column name "${name}" appears twice in the header.` });
  });
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  for (const record of data) {
    if (record.fields.length !== columns.length) {
      problems.push({
        line: record.line,
        message: `Line ${record.line}: ${record.fields.length} field${record.fields.length === 1 ? '' : 's'}, but the header has ${columns.length} column${columns.length === 1 ? '' : 's'}. A field holding a comma must be quoted.`,
      });
      continue;
    }
    const row: Record<string, unknown> = {};
    columns.forEach((name, index) => (row[name] = record.fields[index]));
    rows.push(row);
    lines.push(record.line);
  }
  if (problems.length > 0) return { ok: false, problems: cap(problems.sort((a, b) => a.line - b.line)) };
  if (rows.length === 0) return { ok: false, problems: [{ line: header.line, message: 'The file has a header but no data rows.' }] };
  return { ok: true, dataset: { columns, rows, lines } };
}

export function parseJsonl(input: string): ParseResult {
  const text = stripBom(input);
  const problems: DatasetProblem[] = [];
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const columns: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ line, message: `Line ${line}: not valid JSON (${reason}).` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
      problems.push({ line, message: `Line ${line}: expected a JSON object such as {"name": "value"}, got ${what}.` });
      return;
    }
    const row = value as Record<string, unknown>;
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
    rows.push(row);
    lines.push(line);
  });
  if (problems.length > 0) return { ok: false, problems: cap(problems) };
  if (rows.length === 0) return { ok: false, problems: [{ line: 1, message: 'The file has no data: a JSONL file needs one JSON object per line.' }] };
  return { ok: true, dataset: { columns, rows, lines } };
}

export type DatasetFormat = 'csv' | 'jsonl';

/** The format from the file name (.csv, .tsv, .jsonl, .ndjson, .json), else from the content. */
export function detectFormat(fileName: string, text: string): DatasetFormat {
  const lower = fileName.toLowerCase();
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'jsonl';
  if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
  return stripBom(text).trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export function parseDataset(fileName: string, text: string): ParseResult & { format: DatasetFormat } {
  const format = detectFormat(fileName, text);
  const result = format === 'jsonl' ? parseJsonl(text) : parseCsv(text, fileName.toLowerCase().endsWith('.tsv') ? { delimiter: '\t' } : {});
  return { ...result, format };
}
