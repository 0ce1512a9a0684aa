/** What the library shows: search (every word, in name or description, ignoring case and accents) and sort. */
import type { FlowSummary } from '../../storage/flowsRepo';

export type SortKey = 'edited' | 'name';

export const SORT_LABELS: Record<SortKey, string> = { edited: 'Last edited', name: 'Name' };

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function matchesQuery(flow: Pick<FlowSummary, 'name' | 'description'>, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(`${flow.name}\n${flow.description}`);
  return words.every((word) => haystack.includes(word));
}

export function filterAndSort(flows: readonly FlowSummary[], query: string, sort: SortKey): FlowSummary[] {
  const shown = flows.filter((flow) => matchesQuery(flow, query));
  if (sort === 'name') return shown.sort((a, b) => collator.compare(a.name, b.name) || b.updatedAt - a.updatedAt);
  return shown.sort((a, b) => b.updatedAt - a.updatedAt || collator.compare(a.name, b.name));
}

/** `base`, or `base 2`, `base 3`, ... : the first name not taken. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n += 1) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

const SORT_KEY = 'trellis.library.sort';

export function loadSort(): SortKey {
  try {
    const value = localStorage.getItem(SORT_KEY);
    return value === 'name' ? 'name' : 'edited';
  } catch {
    return 'edited';
  }
}

export function saveSort(sort: SortKey): void {
  try {
    localStorage.setItem(SORT_KEY, sort);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this page only.
  }
}
