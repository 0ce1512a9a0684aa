/**
 * Form fields derived from a node kind's zod config schema. The schema is turned into JSON Schema
 * (zod 4's `z.toJSONSchema`, input side, so defaults and optional keys show), and each property
 * becomes a field: strings -> text, enums -> select, numbers -> number, booleans -> checkbox,
 * arrays -> editable lists, objects -> nested groups, discriminated unions -> variants, records
 * -> JSON. Per-field overrides (./fieldOverrides) pick better editors: templates, code, JSONata,
 * JSON Schemas, long text, the provider list. Pure and cached per kind.
 */
import { z } from 'zod';
import type { AnyNodeKind } from '../../../engine/nodes/registry';
import { overrideFor, type FieldOverride } from './fieldOverrides';

export type EditorLanguage = 'template' | 'javascript' | 'json' | 'jsonata';
/** What `{{ }}` in a template may name: the node's inputs, or (agent HTTP tools) the tool's arguments. */
export type TemplateScope = 'upstream' | 'tool-arguments';

interface FieldBase {
  /** The property name ('' for list items and the root). */
  key: string;
  label: string;
  help?: string;
  /** The key must be present (no default, not optional). */
  required: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
  /** The value a new list item starts with (see newItems.ts). */
  newValue?: unknown;
}

export interface TextFieldSpec extends FieldBase {
  type: 'text';
  multiline: boolean;
  lines?: number;
  minLength?: number;
  maxLength?: number;
  placeholder?: string;
}
export interface NumberFieldSpec extends FieldBase {
  type: 'number';
  integer: boolean;
  min?: number;
  max?: number;
}
export interface BooleanFieldSpec extends FieldBase {
  type: 'boolean';
}
export interface EnumFieldSpec extends FieldBase {
  type: 'enum';
  options: string[];
}
export interface EditorFieldSpec extends FieldBase {
  type: 'editor';
  language: EditorLanguage;
  /** JSON that is itself a JSON Schema (checked against the meta-schema). */
  jsonSchema: boolean;
  /** null is allowed (an empty editor stores null). */
  nullable: boolean;
  scope: TemplateScope;
  lines: number;
  placeholder?: string;
}
export interface ProviderFieldSpec extends FieldBase {
  type: 'provider';
}
export interface ListFieldSpec extends FieldBase {
  type: 'list';
  item: FieldSpec;
  minItems?: number;
  maxItems?: number;
  /** What one item is called: "field", "branch", "header", "tool". */
  itemNoun: string;
  /** Base for generated unique names of new items ("field" -> field2). */
  itemBase: string;
}
export interface ObjectFieldSpec extends FieldBase {
  type: 'object';
  fields: FieldSpec[];
  /** Unknown keys are refused by the schema. */
  strict: boolean;
}
export interface UnionVariant {
  value: string;
  label: string;
  fields: FieldSpec[];
}
export interface UnionFieldSpec extends FieldBase {
  type: 'union';
  discriminator: string;
  variants: UnionVariant[];
}

export type FieldSpec =
  | TextFieldSpec
  | NumberFieldSpec
  | BooleanFieldSpec
  | EnumFieldSpec
  | EditorFieldSpec
  | ProviderFieldSpec
  | ListFieldSpec
  | ObjectFieldSpec
  | UnionFieldSpec;

type JsonSchemaNode = Record<string, unknown>;

function isNode(value: unknown): value is JsonSchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const WORDS: Record<string, string> = { url: 'URL', id: 'ID', http: 'HTTP', json: 'JSON', llm: 'LLM' };

/** `maxIterations` -> "Max iterations", `timeoutMs` -> "Timeout (ms)", `memoryMb` -> "Memory (MB)". */
export function humanize(key: string): string {
  let unit = '';
  let base = key;
  if (/[a-z]Ms$/.test(key)) {
    unit = ' (ms)';
    base = key.slice(0, -2);
  } else if (/[a-z]Mb$/.test(key)) {
    unit = ' (MB)';
    base = key.slice(0, -2);
  }
  const words = base
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const text = words.join(' ');
  return (text.charAt(0).toUpperCase() + text.slice(1) || key) + unit;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `anyOf: [X, { type: 'null' }]` -> X (and nullable). */
function unwrapNullable(node: JsonSchemaNode): { node: JsonSchemaNode; nullable: boolean } {
  const options = Array.isArray(node.anyOf) ? node.anyOf.filter(isNode) : null;
  if (options && options.length === 2) {
    const other = options.find((option) => option.type !== 'null');
    if (other && options.some((option) => option.type === 'null')) {
      const { anyOf: _anyOf, ...rest } = node;
      return { node: { ...other, ...rest }, nullable: true };
    }
  }
  return { node, nullable: false };
}

/** A oneOf/anyOf of objects that all fix one property to a constant: a discriminated union. */
function discriminatorOf(options: JsonSchemaNode[]): string | null {
  const first = options[0];
  if (!first || !isNode(first.properties)) return null;
  for (const [key, property] of Object.entries(first.properties)) {
    if (!isNode(property) || property.const === undefined) continue;
    if (options.every((option) => isNode(option.properties) && isNode(option.properties[key]) && option.properties[key].const !== undefined)) return key;
  }
  return null;
}

interface Context {
  kind: string;
  /** Pattern of the field's path: `tools[].url`. */
  pattern: string;
  key: string;
  required: boolean;
}

function build(node: JsonSchemaNode, ctx: Context): FieldSpec {
  const override: FieldOverride = overrideFor(ctx.kind, ctx.pattern, ctx.key);
  const { node: schema, nullable } = unwrapNullable(node);
  const hasDefault = 'default' in node;
  const base: FieldBase = {
    key: ctx.key,
    label: override.label ?? humanize(ctx.key),
    required: ctx.required && !hasDefault,
    hasDefault,
    ...(hasDefault ? { defaultValue: node.default } : {}),
    ...(override.newValue !== undefined ? { newValue: override.newValue } : {}),
    ...(override.help ? { help: override.help } : typeof schema.description === 'string' ? { help: schema.description } : {}),
  };

  const editor = (language: EditorLanguage, jsonSchema = false): EditorFieldSpec => ({
    ...base,
    type: 'editor',
    language,
    jsonSchema,
    nullable,
    scope: override.scope ?? 'upstream',
    lines: override.lines ?? (language === 'javascript' ? 10 : language === 'json' ? 5 : 3),
    ...(override.placeholder ? { placeholder: override.placeholder } : {}),
  });

  switch (override.widget) {
    case 'template':
      return editor('template');
    case 'javascript':
      return editor('javascript');
    case 'jsonata':
      return editor('jsonata');
    case 'json':
      return editor('json');
    case 'json-schema':
      return editor('json', true);
    case 'provider':
      return { ...base, type: 'provider' };
    default:
      break;
  }

  const options = (Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : []).filter(isNode);
  if (options.length > 0) {
    const discriminator = discriminatorOf(options);
    if (discriminator) {
      return {
        ...base,
        type: 'union',
        discriminator,
        variants: options.map((option) => {
          const value = String((option.properties as Record<string, JsonSchemaNode>)[discriminator]?.const);
          return { value, label: override.variantLabels?.[value] ?? humanize(value), fields: objectFields(option, ctx, [discriminator]) };
        }),
      };
    }
    return editor('json');
  }

  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) {
    return { ...base, type: 'enum', options: schema.enum as string[] };
  }

  switch (schema.type) {
    case 'string': {
      const multiline = override.widget === 'textarea';
      const minLength = numberOrUndefined(schema.minLength);
      const maxLength = numberOrUndefined(schema.maxLength);
      return {
        ...base,
        type: 'text',
        multiline,
        ...(multiline ? { lines: override.lines ?? 3 } : {}),
        ...(minLength !== undefined ? { minLength } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
        ...(override.placeholder ? { placeholder: override.placeholder } : {}),
      };
    }
    case 'number':
    case 'integer': {
      const min = numberOrUndefined(schema.minimum) ?? numberOrUndefined(schema.exclusiveMinimum);
      const max = numberOrUndefined(schema.maximum) ?? numberOrUndefined(schema.exclusiveMaximum);
      return { ...base, type: 'number', integer: schema.type === 'integer', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'array': {
      const items = isNode(schema.items) ? schema.items : {};
      const item = build(items, { kind: ctx.kind, pattern: `${ctx.pattern}[]`, key: '', required: true });
      const minItems = numberOrUndefined(schema.minItems);
      const maxItems = numberOrUndefined(schema.maxItems);
      return {
        ...base,
        type: 'list',
        item,
        itemNoun: override.itemNoun ?? 'item',
        itemBase: override.itemBase ?? 'item',
        ...(minItems !== undefined ? { minItems } : {}),
        ...(maxItems !== undefined ? { maxItems } : {}),
      };
    }
    case 'object':
      if (isNode(schema.properties) && Object.keys(schema.properties).length > 0) {
        return { ...base, type: 'object', fields: objectFields(schema, ctx, []), strict: schema.additionalProperties === false };
      }
      return editor('json');
    default:
      // Any value (z.unknown()): edited as text; consumers coerce it (Input defaults do).
      if (Object.keys(schema).filter((k) => k !== 'default' && k !== 'description').length === 0) {
        return { ...base, type: 'text', multiline: false, ...(override.placeholder ? { placeholder: override.placeholder } : {}) };
      }
      return editor('json');
  }
}

function objectFields(schema: JsonSchemaNode, ctx: Context, skip: string[]): FieldSpec[] {
  const properties = isNode(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const fields: FieldSpec[] = [];
  for (const [key, property] of Object.entries(properties)) {
    if (skip.includes(key) || !isNode(property)) continue;
    const pattern = ctx.pattern ? `${ctx.pattern}.${key}` : key;
    if (overrideFor(ctx.kind, pattern, key).hidden) continue;
    fields.push(build(property, { kind: ctx.kind, pattern, key, required: required.has(key) }));
  }
  return fields;
}

/** The fields of any JSON Schema of an object (exported for tests and for kinds without a def). */
export function fieldsFromJsonSchema(kind: string, schema: Record<string, unknown>): ObjectFieldSpec {
  const root = build(schema, { kind, pattern: '', key: '', required: true });
  if (root.type === 'object') return root;
  return { key: '', label: 'Config', required: true, hasDefault: false, type: 'object', strict: false, fields: [{ ...root, key: '', label: 'Config' }] };
}

const cache = new WeakMap<object, ObjectFieldSpec>();

/** The form of a node kind, from its config schema. */
export function configFields(def: Pick<AnyNodeKind, 'kind' | 'configSchema'>): ObjectFieldSpec {
  let spec = cache.get(def.configSchema);
  if (!spec) {
    let json: Record<string, unknown>;
    try {
      json = z.toJSONSchema(def.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    } catch {
      json = {};
    }
    spec = fieldsFromJsonSchema(def.kind, json);
    cache.set(def.configSchema, spec);
  }
  return spec;
}
