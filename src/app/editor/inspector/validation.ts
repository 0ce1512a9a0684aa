/**
 * Checking a node's config as it is typed: the kind's own schema (`configSchema.safeParse`) is
 * the judge, and every problem keeps its path so the form can show it next to its field and in
 * a summary that names the field in words ("Tools › tool 2 › URL").
 */
import type { z } from 'zod';
import { formatConfigPath, pathKey, type ConfigPath } from './configPath';
import type { FieldSpec, ObjectFieldSpec } from './schemaFields';

export interface ConfigProblem {
  path: (string | number)[];
  /** pathKey(path), for lookups. */
  key: string;
  message: string;
}

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

/** Every problem the schema finds in `config`, in the schema's order. */
export function configProblems(schema: z.ZodType, config: unknown): ConfigProblem[] {
  const result = schema.safeParse(config);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = toPath(issue.path);
    return { path, key: pathKey(path), message: issue.message };
  });
}

/** Problems exactly at `path`. */
export function problemsAt(problems: readonly ConfigProblem[], path: ConfigPath): ConfigProblem[] {
  const key = pathKey(path);
  return problems.filter((problem) => problem.key === key);
}

/** Problems at `path` or anywhere inside it. */
export function problemsUnder(problems: readonly ConfigProblem[], path: ConfigPath): ConfigProblem[] {
  const key = pathKey(path);
  return problems.filter((problem) => key === '' || problem.key === key || problem.key.startsWith(`${key}.`));
}

function childFields(spec: FieldSpec, discriminatorValue?: unknown): FieldSpec[] | null {
  if (spec.type === 'object') return spec.fields;
  if (spec.type === 'union') {
    const variant = spec.variants.find((v) => v.value === discriminatorValue) ?? spec.variants[0];
    return variant ? variant.fields : null;
  }
  return null;
}

/**
 * The path in words, following the form: `['tools', 1, 'url']` -> "Tools › tool 2 › URL".
 * Segments the form does not know are written as they are.
 */
export function describePath(root: ObjectFieldSpec, path: ConfigPath, config: unknown): string {
  const words: string[] = [];
  let spec = root as FieldSpec | null;
  let value: unknown = config;
  for (const segment of path) {
    if (spec && typeof segment === 'number' && spec.type === 'list') {
      words.push(`${spec.itemNoun} ${segment + 1}`);
      spec = spec.item;
      value = Array.isArray(value) ? value[segment] : undefined;
      continue;
    }
    const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const fields: FieldSpec[] | null = spec ? childFields(spec, spec.type === 'union' ? record[spec.discriminator] : undefined) : null;
    const field: FieldSpec | undefined = typeof segment === 'string' ? fields?.find((f) => f.key === segment) : undefined;
    if (field) {
      words.push(field.label);
      spec = field;
    } else {
      words.push(typeof segment === 'number' ? `[${segment}]` : segment);
      spec = null;
    }
    value = record[String(segment)];
  }
  return words.length > 0 ? words.join(' › ') : 'Config';
}

export { formatConfigPath };
