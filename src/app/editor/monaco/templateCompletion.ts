/**
 * Completion inside `{{ }}` of a template: which variable path is being typed at the cursor, and
 * what to offer there (the node's inputs, then outputs of other nodes that could be wired in,
 * then the known fields of a variable after a dot). Pure, so it is tested without Monaco.
 */
import { fieldsAt, type UpstreamCandidate, type UpstreamVariable } from '../inspector/upstream';

export interface TemplateContext {
  /** Complete segments before the one being typed: `{{lead.addr` -> ['lead']. */
  path: string[];
  /** The segment being typed: `addr`. */
  partial: string;
  /** Column offset (0-based, in the line) where the partial starts. */
  partialStart: number;
  /** `}}` already follows the cursor (possibly after the rest of the word). */
  closed: boolean;
}

const OPEN = /(\\?)\{\{\s*([A-Za-z0-9_.]*)$/;

/** The variable being typed at the cursor, or null when the cursor is not inside `{{ ... }}`. */
export function templateContextAt(lineBefore: string, lineAfter: string): TemplateContext | null {
  const match = OPEN.exec(lineBefore);
  if (!match || match[1] === '\\') return null;
  const typed = match[2] ?? '';
  const segments = typed.split('.');
  const partial = segments.pop() ?? '';
  return {
    path: segments,
    partial,
    partialStart: lineBefore.length - partial.length,
    closed: /^[A-Za-z0-9_]*\s*\}\}/.test(lineAfter),
  };
}

export interface TemplateSuggestion {
  label: string;
  insertText: string;
  detail: string;
  documentation?: string;
  kind: 'variable' | 'candidate' | 'field';
  /** Orders the list: inputs first, in port order. */
  sortText: string;
}

function pad(index: number): string {
  return String(index).padStart(4, '0');
}

export function templateSuggestions(
  context: TemplateContext,
  variables: readonly UpstreamVariable[],
  candidates: readonly UpstreamCandidate[] = [],
): TemplateSuggestion[] {
  const close = context.closed ? '' : '}}';
  if (context.path.length === 0) {
    const own: TemplateSuggestion[] = variables.map((variable, index) => ({
      label: variable.name,
      insertText: `${variable.name}${close}`,
      detail: variable.detail,
      ...(variable.shape.description ? { documentation: variable.shape.description } : {}),
      kind: 'variable',
      sortText: `0${pad(index)}`,
    }));
    const more: TemplateSuggestion[] = candidates.map((candidate, index) => ({
      label: candidate.name,
      insertText: `${candidate.name}${close}`,
      detail: candidate.detail,
      documentation: `Adds an input “${candidate.name}”; connect it from ${candidate.source.kindTitle} “${candidate.source.nodeLabel}”${candidate.more > 0 ? ` (or ${candidate.more} other node${candidate.more === 1 ? '' : 's'} with this output)` : ''}.`,
      kind: 'candidate',
      sortText: `1${pad(index)}`,
    }));
    return [...own, ...more];
  }
  const [root, ...rest] = context.path;
  const variable = variables.find((v) => v.name === root) ?? candidates.find((c) => c.name === root);
  if (!variable) return [];
  return Object.entries(fieldsAt(variable.shape, rest)).map(([name, shape], index) => ({
    label: name,
    insertText: `${name}${close}`,
    detail: shape.fields ? `${shape.type} { ${Object.keys(shape.fields).slice(0, 4).join(', ')} }` : shape.type,
    ...(shape.description ? { documentation: shape.description } : {}),
    kind: 'field',
    sortText: `0${pad(index)}`,
  }));
}
