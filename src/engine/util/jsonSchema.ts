/**
 * JSON Schema validation for model output and Schema check steps. It uses
 * @cfworker/json-schema, which interprets schemas instead of generating code, so it runs under
 * the app's Content-Security-Policy (no `unsafe-eval`); Ajv compiles validators with
 * `new Function` and is blocked there. Loaded on first use, out of the entry bundle.
 */
import type * as CfWorkerJsonSchema from '@cfworker/json-schema';
import { TrellisError } from './errors';
import { isPlainObject, type JsonSchema } from './json';
import { DRAFT_07_META_SCHEMA } from './metaSchema';

export interface SchemaProblem {
  /** JSON Pointer into the value ('' for the value itself), e.g. `/tags/1`. */
  path: string;
  message: string;
}

export interface CompiledSchema {
  validate(value: unknown): SchemaProblem[];
}

type Lib = typeof CfWorkerJsonSchema;
type Draft = '4' | '7' | '2019-09' | '2020-12';

let libPromise: Promise<Lib> | undefined;
const compiled = new Map<string, CompiledSchema>();
let metaValidator: InstanceType<Lib['Validator']> | undefined;

function loadLib(): Promise<Lib> {
  libPromise ??= import('@cfworker/json-schema').catch((error: unknown) => {
    libPromise = undefined;
    throw error;
  });
  return libPromise;
}

function draftOf(schema: JsonSchema): Draft {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('draft-04')) return '4';
  if (declared.includes('draft-06') || declared.includes('draft-07')) return '7';
  if (declared.includes('2019-09')) return '2019-09';
  return '2020-12';
}

/** Keywords whose errors only summarise errors reported deeper in the value. */
const SUMMARY_KEYWORDS = new Set(['properties', 'items', 'prefixItems', 'additionalItems', 'patternProperties', 'unevaluatedItems', 'unevaluatedProperties', '$ref', '$dynamicRef', 'allOf', 'dependentSchemas', 'then', 'else', 'if']);

function pointer(instanceLocation: string): string {
  return instanceLocation.replace(/^#/, '');
}

interface OutputUnit {
  keyword: string;
  keywordLocation: string;
  instanceLocation: string;
  error: string;
}

function leafProblem(error: OutputUnit): SchemaProblem | null {
  const path = pointer(error.instanceLocation);
  const required = /required property "(.*)"/.exec(error.error);
  if (error.keyword === 'required' && required) return { path: `${path}/${required[1] ?? ''}`, message: 'is required' };
  if (error.keyword === 'false') return { path, message: 'is not allowed here' };
  if (error.keyword === 'additionalProperties' || SUMMARY_KEYWORDS.has(error.keyword)) return null;
  return { path, message: phrase(error) };
}

/** The validator's messages, shortened where they are wordy. */
function phrase(error: OutputUnit): string {
  const text = error.error.replace(/\.$/, '');
  const type = /^Instance type "(\w+)" is invalid\. Expected (.+)$/.exec(text);
  if (type) {
    const expected = (type[2] ?? '').replace(/^\[|\]$/g, '').replace(/"/g, '').split(',').join(' or ');
    return `must be ${expected} (got ${type[1]})`;
  }
  const oneOf = /^Instance does not match any of (\[.*\])$/.exec(text);
  if (oneOf) return `must be one of ${oneOf[1]}`;
  const format = /^String does not match format "(.+)"$/.exec(text);
  if (format) return `must be a valid ${format[1]}`;
  const constant = /^Instance does not match (.+)$/.exec(text);
  if (error.keyword === 'const' && constant) return `must be ${constant[1]}`;
  const bound = /^(.+) is (greater|less) than (or equal to )?\s*(.+)$/.exec(text);
  if (bound) {
    const exclusive = error.keyword.startsWith('exclusive') || Boolean(bound[3]);
    const op = bound[2] === 'greater' ? (exclusive ? '<' : '<=') : exclusive ? '>' : '>=';
    return `must be ${op} ${bound[4]} (got ${bound[1]})`;
  }
  const length = /^(String|Array) (?:is|has) too (long|short|many items|few items) \((\d+) [<>] (\d+)\)$/.exec(text);
  if (length) {
    const unit = length[1] === 'String' ? 'characters' : 'items';
    const most = length[2] === 'long' || length[2] === 'many items';
    return `must have at ${most ? 'most' : 'least'} ${length[4]} ${unit} (has ${length[3]})`;
  }
  if (error.keyword === 'pattern') return 'does not match the required pattern';
  return text;
}

/**
 * Turns the validator's nested output into one readable problem per failure. Errors inside an
 * anyOf/oneOf become a single problem that lists what each alternative wanted.
 */
function problemsOf(errors: readonly OutputUnit[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const add = (problem: SchemaProblem) => {
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(problem);
  };
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const under = (e: OutputUnit, group: OutputUnit) => e !== group && e.keywordLocation.startsWith(`${group.keywordLocation}/`);
  for (const error of errors) {
    if (alternatives.some((group) => under(error, group))) continue;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const branches = new Map<string, string>();
      for (const inner of errors) {
        if (!under(inner, error)) continue;
        const branch = inner.keywordLocation.slice(error.keywordLocation.length + 1).split('/')[0] ?? '';
        const leaf = leafProblem(inner);
        if (leaf && !branches.has(branch)) branches.set(branch, leaf.message);
      }
      const wanted = [...branches.values()];
      add({ path: pointer(error.instanceLocation), message: wanted.length ? `matches none of the allowed forms: ${wanted.join('; or ')}` : error.error.replace(/\.$/, '') });
      continue;
    }
    const leaf = leafProblem(error);
    if (leaf) add(leaf);
  }
  return problems;
}

/** Structural problems in a schema itself (checked against the draft-07 meta-schema). */
export async function checkJsonSchema(schema: unknown): Promise<SchemaProblem[]> {
  if (!isPlainObject(schema) && typeof schema !== 'boolean') return [{ path: '', message: 'a JSON Schema must be an object or a boolean' }];
  const lib = await loadLib();
  metaValidator ??= new lib.Validator(DRAFT_07_META_SCHEMA as unknown as Record<string, unknown>, '7', false);
  return problemsOf(metaValidator.validate(schema).errors);
}

/**
 * Compiles (and caches) a validator. Throws TrellisError('config') naming every problem when the
 * schema itself is invalid; `what` names the schema in that message, e.g. `Schema check "Lead"`.
 */
export async function compileJsonSchema(schema: JsonSchema, what: string): Promise<CompiledSchema> {
  const key = JSON.stringify(schema);
  const cached = compiled.get(key);
  if (cached) return cached;
  const lib = await loadLib();
  const schemaProblems = await checkJsonSchema(schema);
  if (schemaProblems.length > 0) {
    const list = schemaProblems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ');
    throw new TrellisError('config', `${what}: the JSON Schema is invalid: ${list}`, { details: schemaProblems });
  }
  let validator: InstanceType<Lib['Validator']>;
  try {
    validator = new lib.Validator(schema as Record<string, unknown>, draftOf(schema), false);
  } catch (error) {
    throw new TrellisError('config', `${what}: the JSON Schema is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result: CompiledSchema = {
    validate(value) {
      try {
        const outcome = validator.validate(value);
        return outcome.valid ? [] : problemsOf(outcome.errors);
      } catch (error) {
        // Unresolvable $ref and the like surface only while validating.
        throw new TrellisError('config', `${what}: the JSON Schema cannot be used: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
  if (compiled.size > 500) compiled.clear();
  compiled.set(key, result);
  return result;
}
