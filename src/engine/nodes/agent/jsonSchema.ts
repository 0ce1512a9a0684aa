/**
 * JSON Schema checks for agent nodes: validating a model's structured reply and a tool call's
 * arguments, with errors phrased for the model (`/score: 11 is greater than 10`). Compiling goes
 * through util/jsonSchema: loaded on first use, compiled schemas cached by their text.
 */
import { isPlainObject, type JsonSchema } from '../../util/json';
import { compileJsonSchema, type SchemaProblem } from '../../util/jsonSchema';

export interface SchemaCheck {
  valid: boolean;
  /** Readable problems, e.g. `/score must be <= 10`. Empty when valid. */
  errors: string[];
}

export type SchemaValidator = (value: unknown) => SchemaCheck;

/**
 * Compiles a JSON Schema (draft 2020-12, or draft-07 when its `$schema` says so).
 * @param what names the schema in the error raised when it does not compile, e.g.
 *   `Agent "Scorer": the output schema`.
 */
export async function compileSchema(schema: JsonSchema, what: string): Promise<SchemaValidator> {
  const compiled = await compileJsonSchema(schema, what);
  return (value) => {
    const problems = compiled.validate(value);
    return { valid: problems.length === 0, errors: formatSchemaErrors(problems) };
  };
}

export function formatSchemaErrors(problems: readonly SchemaProblem[], max = 10): string[] {
  const lines = problems.map((problem) => `${problem.path || '(root)'}: ${problem.message}`);
  if (lines.length > max) return [...lines.slice(0, max), `(and ${lines.length - max} more)`];
  return lines;
}

/**
 * Parses a model's JSON reply. Tolerates surrounding whitespace and one Markdown code fence,
 * which models without structured-output support like to add.
 */
export function parseJsonReply(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  let body = text.trim();
  const fenced = /^```(?:json|JSON)?\s*\n?([\s\S]*?)\n?```$/.exec(body);
  if (fenced) body = (fenced[1] ?? '').trim();
  if (!body) return { ok: false, error: 'the reply was empty' };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, error: `the reply is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Whether a schema fits the providers' strict structured-output subset: every object lists all
 * its properties as required and forbids others. Only then is `strict` requested; otherwise the
 * schema still guides the model and the reply is validated here.
 */
export function isStrictCompatible(schema: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (Array.isArray(schema)) return schema.every((item) => isStrictCompatible(item, depth + 1));
  if (!isPlainObject(schema)) return true;
  const properties = schema.properties;
  const type = schema.type;
  const isObject = type === 'object' || (Array.isArray(type) && type.includes('object')) || isPlainObject(properties);
  if (isObject) {
    if (schema.additionalProperties !== false) return false;
    const keys = isPlainObject(properties) ? Object.keys(properties) : [];
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (!keys.every((key) => required.includes(key))) return false;
  }
  for (const keyword of ['properties', '$defs', 'definitions']) {
    const map = schema[keyword];
    if (isPlainObject(map) && !Object.values(map).every((sub) => isStrictCompatible(sub, depth + 1))) return false;
  }
  for (const keyword of ['items', 'anyOf', 'allOf', 'oneOf', 'prefixItems']) {
    if (keyword in schema && !isStrictCompatible(schema[keyword], depth + 1)) return false;
  }
  return true;
}
