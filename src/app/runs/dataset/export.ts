/**
 * Results of a dataset run as CSV or JSONL: one line per dataset row with its status, outputs,
 * error and run id. CSV quotes every field that needs it (comma, quote, newline, leading or
 * trailing space) and writes non-text values as JSON, so a spreadsheet round-trips them.
 */

export interface ResultRow {
  /** 1-based dataset row number. */
  row: number;
  status: string;
  runId: string | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  error: string | null;
  /** Where the error happened (step label), when known. */
  errorStep: string | null;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

export function csvField(value: unknown): string {
  const text = cell(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Output names in first-seen order across rows. */
export function outputColumns(rows: readonly ResultRow[]): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row.outputs)) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  return names;
}

export function resultsToCsv(rows: readonly ResultRow[], inputNames: readonly string[]): string {
  const outputs = outputColumns(rows);
  const header = ['row', 'status', ...inputNames.map((n) => `input.${n}`), ...outputs.map((n) => `output.${n}`), 'error', 'error_step', 'run_id'];
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    const cells = [row.row, row.status, ...inputNames.map((n) => row.inputs[n]), ...outputs.map((n) => row.outputs[n]), row.error, row.errorStep, row.runId];
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function resultsToJsonl(rows: readonly ResultRow[]): string {
  return rows
    .map((row) =>
      JSON.stringify({
        row: row.row,
        status: row.status,
        inputs: row.inputs,
        outputs: row.outputs,
        error: row.error,
        errorStep: row.errorStep,
        runId: row.runId,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}
