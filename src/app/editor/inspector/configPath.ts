/**
 * Reading and writing values at a path inside a node's config (`['tools', 0, 'url']`) without
 * mutating it: every write returns a new object and keeps untouched branches as they were, as the
 * editor store expects. Writing `undefined` removes an object key (the kind's default applies).
 */

export type ConfigPath = readonly (string | number)[];

/** A stable text key for a path: `tools.0.url`; the root is ''. */
export function pathKey(path: ConfigPath): string {
  return path.join('.');
}

/** How a path reads to a person: `tools[0].url`. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getIn(root: unknown, path: ConfigPath): unknown {
  let value = root;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[key];
    } else {
      if (!isRecord(value)) return undefined;
      value = value[key];
    }
  }
  return value;
}

/**
 * Returns `root` with `value` at `path`. Missing containers are created (an array for a numeric
 * key, an object otherwise); a container of the wrong type is replaced. `undefined` removes an
 * object key. The same root comes back when nothing changes.
 */
export function setIn<T>(root: T, path: ConfigPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? root : [];
    const next = setIn(list[head], rest, value);
    if (Array.isArray(root) && root[head] === next && head < root.length) return root;
    const copy = list.slice();
    copy[head] = next;
    return copy as T;
  }
  const record: Record<string, unknown> = isRecord(root) ? root : {};
  const current = record[head];
  const next = setIn(current, rest, value);
  if (isRecord(root) && current === next && (next !== undefined || !(head in root))) return root;
  const copy: Record<string, unknown> = { ...record };
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

/** A copy of `list` with the item at `from` moved to `to` (both clamped). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = list.slice();
  if (from < 0 || from >= copy.length) return copy;
  const target = Math.max(0, Math.min(copy.length - 1, to));
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** `base`, or `base2`, `base3`... : the first that `taken` does not hold. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}
