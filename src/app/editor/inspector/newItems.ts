/**
 * What a new list item starts as: schema defaults, per-field starting values (fieldOverrides),
 * and a unique name where the item has one ("field2", "branch3"), so adding an item never makes
 * the config invalid by itself when it can be helped.
 */
import { uniqueName } from './configPath';
import type { FieldSpec, ListFieldSpec } from './schemaFields';

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function takenNames(existing: readonly unknown[]): string[] {
  return existing.flatMap((item) => {
    if (typeof item === 'string') return [item];
    if (typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string') return [(item as { name: string }).name];
    return [];
  });
}

function startValue(spec: FieldSpec, base: string, existing: readonly unknown[]): unknown {
  if (spec.newValue !== undefined) return clone(spec.newValue);
  if (spec.hasDefault) return clone(spec.defaultValue);
  switch (spec.type) {
    case 'text':
      return spec.key === 'name' ? uniqueName(base, takenNames(existing)) : '';
    case 'number':
      return spec.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return spec.options[0] ?? '';
    case 'editor':
      if (spec.language === 'json') return spec.nullable ? null : {};
      return '';
    case 'list':
      return [];
    case 'object':
      return objectStart(spec.fields, base, existing);
    case 'union': {
      const variant = spec.variants[0];
      return variant ? { [spec.discriminator]: variant.value, ...objectStart(variant.fields, base, existing) } : {};
    }
    case 'provider':
      return undefined;
  }
}

function objectStart(fields: readonly FieldSpec[], base: string, existing: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (!field.required && !field.hasDefault && field.newValue === undefined) continue;
    const value = startValue(field, base, existing);
    if (value !== undefined) out[field.key] = value;
  }
  return out;
}

/** A new item for `list`, given the items it has; `variant` picks a union variant ("http"). */
export function newListItem(list: ListFieldSpec, existing: readonly unknown[], variant?: string): unknown {
  const item = list.item;
  if (item.type === 'union') {
    const chosen = item.variants.find((v) => v.value === variant) ?? item.variants[0];
    if (!chosen) return {};
    return { [item.discriminator]: chosen.value, ...objectStart(chosen.fields, list.itemBase, existing) };
  }
  if (item.type === 'object') return objectStart(item.fields, list.itemBase, existing);
  if (item.type === 'text') return item.newValue !== undefined ? clone(item.newValue) : uniqueName(list.itemBase, takenNames(existing));
  return startValue(item, list.itemBase, existing);
}
