/**
 * Which dataset column feeds which flow input. Columns are matched to inputs by name, ignoring
 * case, spaces, "-" and "_"; the person can change every match.
 */
import type { FormField } from '../inputFields';

/** Flow input name -> dataset column ('' = not mapped). */
export type ColumnMapping = Record<string, string>;

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

export function autoMap(fields: readonly FormField[], columns: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of fields) {
    const exact = columns.find((c) => c === field.name);
    const loose = exact ?? columns.find((c) => normalizeName(c) === normalizeName(field.name));
    mapping[field.name] = loose ?? '';
  }
  return mapping;
}

/** Problems that stop a dataset run from starting: required inputs with no column and no default. */
export function mappingProblems(fields: readonly FormField[], mapping: ColumnMapping, columns: readonly string[]): string[] {
  const problems: string[] = [];
  for (const field of fields) {
    const column = mapping[field.name] ?? '';
    if (column === '') {
      if (field.required && field.default === undefined) problems.push(`The input "${field.name}" is required: choose the column that holds it.`);
    } else if (!columns.includes(column)) {
      problems.push(`The input "${field.name}" is mapped to the column "${column}", which the dataset does not have.`);
    }
  }
  return problems;
}

/** A dataset row as run inputs, through the mapping. Unmapped inputs are left out (their default applies). */
export function rowInputs(row: Record<string, unknown>, mapping: ColumnMapping): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(mapping)) {
    if (column !== '' && Object.prototype.hasOwnProperty.call(row, column)) inputs[name] = row[column];
  }
  return inputs;
}
