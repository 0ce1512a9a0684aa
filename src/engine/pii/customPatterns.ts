/**
 * A flow's custom PII patterns (e.g. an employee id `EMP-\d{6}`): compiled and checked here, apart
 * from the detectors, so validating a flow's settings does not load them (they load when a run
 * with masking starts).
 */
import { compilePattern } from '../trust/rules';

/** A flow's compiled custom pattern; make these with `compileCustomPatterns`. */
export interface CustomPiiPattern {
  name: string;
  type: `custom:${string}`;
  /** Global; used only through `matchAll`, which works on a copy, so it never carries lastIndex between texts. */
  regex: RegExp;
}

export interface CustomPatternInput {
  name: string;
  pattern: string;
}

export type CompiledCustomPatterns = { ok: true; patterns: CustomPiiPattern[] } | { ok: false; problems: Array<{ index: number; message: string }> };

const CUSTOM_NAME = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_CUSTOM_PATTERNS = 50;

/**
 * Compiles a flow's custom patterns (e.g. `{ name: 'employee_id', pattern: 'EMP-\d{6}' }`, found
 * as `custom:employee_id`). Patterns go through the review rules' guard (`compilePattern`: at most
 * 1,000 characters, flags i/m/s/u, no nested quantifiers like `(a+)+`); one that matches empty
 * text is refused too. Every problem is reported, with the index of its entry.
 */
export function compileCustomPatterns(list: readonly CustomPatternInput[]): CompiledCustomPatterns {
  const problems: Array<{ index: number; message: string }> = [];
  const patterns: CustomPiiPattern[] = [];
  const seen = new Set<string>();
  if (list.length > MAX_CUSTOM_PATTERNS) problems.push({ index: MAX_CUSTOM_PATTERNS, message: `at most ${MAX_CUSTOM_PATTERNS} custom patterns are allowed` });
  list.slice(0, MAX_CUSTOM_PATTERNS).forEach(({ name, pattern }, index) => {
    if (!CUSTOM_NAME.test(name)) return problems.push({ index, message: `the name "${name}" must be lowercase letters, digits and _, starting with a letter (at most 40)` });
    if (seen.has(name)) return problems.push({ index, message: `the name "${name}" is used twice` });
    seen.add(name);
    const compiled = compilePattern(pattern);
    if (!compiled.ok) return problems.push({ index, message: compiled.error });
    if (compiled.regex.test('')) return problems.push({ index, message: 'the pattern matches empty text, so it would find nothing useful; make it match at least one character' });
    patterns.push({ name, type: `custom:${name}`, regex: new RegExp(compiled.regex.source, `${compiled.regex.flags}g`) });
    return undefined;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, patterns };
}
