/**
 * Output-field rules that force review (DESIGN.md: "Rules always force review"). An analyst adds
 * them to a review gate: whatever a step's tier, an output whose `priority` is "urgent", or whose
 * `refund.amount` is over 500, goes to a person. Each rule that fires gives a reason in plain
 * words (`priority equals "urgent"`), shown on the review card and kept with the step.
 *
 * Rules fail safe: a rule that cannot be read or checked forces review and says why, rather than
 * silently letting outputs through.
 *
 * Semantics:
 * - `path`: dot path into the output (`reply.tone`, `items.0.score`); "" is the output itself.
 *   Only own properties are followed; a number segment indexes an array.
 * - `equals` / `not_equals`: same value; a string and a number or boolean compare as text
 *   ("5" equals 5), since rule values are typed into a form. A missing field does not equal
 *   anything, so `not_equals` fires on it.
 * - `contains`: text contains the value (case-sensitive); an array has an element equal to it;
 *   an object's JSON text contains it.
 * - `matches`: a regular expression, `urgent|asap` or `/urgent/i`; text is tested as is, other
 *   values as JSON text (first 100,000 characters).
 * - `exists` / `missing`: the field is present and not null / absent or null.
 * - `gt` / `lt`: the field is a number (or numeric text) greater / less than the value.
 */
import { z } from 'zod';
import { preview, validateWith, type FlowProblem } from '../flow/problems';
import { isPlainObject } from '../util/json';

export const RULE_OPS = ['equals', 'not_equals', 'contains', 'matches', 'exists', 'missing', 'gt', 'lt'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

const MAX_PATTERN = 1000;
const MAX_TESTED = 100_000;
const LITERAL = /^\/(.*)\/([a-z]*)$/s;
/** A quantified group that itself ends in a quantifier, e.g. (a+)+ or (\w*)*: the shape of catastrophic backtracking. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}]\)[+*{]/;

export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; error: string };

/**
 * Compiles a rule's pattern without throwing. JavaScript has no time limit on a regular
 * expression, and outputs come from models, so patterns are kept short and nested quantifiers
 * (the usual cause of exponential backtracking; a heuristic, not a proof) are refused; the tested
 * text is capped too. Only the flags i, m, s and u are allowed (g and y make `test` stateful).
 */
export function compilePattern(pattern: string): CompiledPattern {
  let compiled = patternCache.get(pattern);
  if (!compiled) {
    compiled = compileUncached(pattern);
    if (patternCache.size >= 500) patternCache.clear();
    patternCache.set(pattern, compiled);
  }
  return compiled;
}

/** Compiled patterns by source: a gate checks the same few rules on every output. Bounded. */
const patternCache = new Map<string, CompiledPattern>();

function compileUncached(pattern: string): CompiledPattern {
  if (pattern.length > MAX_PATTERN) return { ok: false, error: `the pattern is longer than ${MAX_PATTERN} characters` };
  const literal = LITERAL.exec(pattern);
  const source = literal ? (literal[1] ?? '') : pattern;
  const flags = literal ? (literal[2] ?? '') : '';
  if (/[^imsu]/.test(flags)) return { ok: false, error: `only the flags i, m, s and u are allowed (got "${flags}")` };
  if (NESTED_QUANTIFIER.test(source)) {
    return { ok: false, error: 'the pattern repeats a group that repeats itself (like (a+)+), which can take forever on some text; simplify it' };
  }
  try {
    return { ok: true, regex: new RegExp(source, flags) };
  } catch (error) {
    return { ok: false, error: `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const PATH = /^(?:[^.]+(?:\.[^.]+)*)?$/;
const scalar = z.union([z.string().max(10_000), z.number().finite(), z.boolean()]);

export const reviewRuleSchema = z
  .strictObject({
    path: z.string().max(500).regex(PATH, 'must be a dot path like "priority" or "reply.tone", with no empty parts'),
    op: z.enum(RULE_OPS, { error: `must be one of ${RULE_OPS.join(', ')}` }),
    value: scalar.optional(),
    label: z.string().max(200).optional(),
  })
  .superRefine((rule, ctx) => {
    const needsValue = rule.op !== 'exists' && rule.op !== 'missing';
    if (needsValue && rule.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `"${rule.op}" needs a value to compare with` });
    if (!needsValue && rule.value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `"${rule.op}" takes no value` });
    if ((rule.op === 'gt' || rule.op === 'lt') && rule.value !== undefined && typeof rule.value !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `"${rule.op}" compares numbers: the value must be a number` });
    }
    if (rule.op === 'matches' && rule.value !== undefined) {
      const compiled = typeof rule.value === 'string' ? compilePattern(rule.value) : { ok: false as const, error: 'the pattern must be text' };
      if (!compiled.ok) ctx.addIssue({ code: 'custom', path: ['value'], message: compiled.error });
    }
  });

export type ReviewRule = z.output<typeof reviewRuleSchema>;

export const reviewRulesSchema = z.array(reviewRuleSchema).max(100, 'may have at most 100 rules');

/** Validates rules as stored in a gate's config; problems carry paths like `[2].value` (`$`: the list). */
export function validateRules(value: unknown): { ok: true; rules: ReviewRule[] } | { ok: false; problems: FlowProblem[] } {
  const result = validateWith(reviewRulesSchema, value);
  return result.ok ? { ok: true, rules: result.data } : result;
}

/** The value at a dot path, or undefined when any part of the way is absent. */
export function valueAtPath(output: unknown, path: string): unknown {
  if (path === '') return output;
  let current = output;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isPlainObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

function sameValue(actual: unknown, expected: string | number | boolean): boolean {
  if (actual === expected) return true;
  if (typeof actual === 'string' && typeof expected !== 'string') return actual === String(expected);
  if (typeof expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean')) return String(actual) === expected;
  return false;
}

function asText(value: unknown): string {
  return (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).slice(0, MAX_TESTED);
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** Whether the rule fires on the output; a string when it cannot be checked (which forces review too). */
function fires(rule: ReviewRule, actual: unknown): boolean | string {
  const present = actual !== undefined && actual !== null;
  const value = rule.value;
  switch (rule.op) {
    case 'exists':
      return present;
    case 'missing':
      return !present;
    case 'equals':
      return value !== undefined && sameValue(actual, value);
    case 'not_equals':
      return value !== undefined && !sameValue(actual, value);
    case 'contains':
      if (value === undefined || !present) return false;
      if (Array.isArray(actual)) return actual.some((item) => sameValue(item, value));
      return asText(actual).includes(String(value));
    case 'matches': {
      if (!present) return false;
      const compiled = compilePattern(String(value));
      return compiled.ok ? compiled.regex.test(asText(actual)) : compiled.error;
    }
    case 'gt':
    case 'lt': {
      const number = asNumber(actual);
      if (number === null || typeof value !== 'number') return false;
      return rule.op === 'gt' ? number > value : number < value;
    }
  }
}

const WORDS: Record<RuleOp, string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  matches: 'matches',
  exists: 'is present',
  missing: 'is missing',
  gt: 'is greater than',
  lt: 'is less than',
};

/** The rule in words: `priority equals "urgent"`, `score is less than 0.5 (it is 0.3)`. */
export function describeRule(rule: ReviewRule, actual?: unknown): string {
  const subject = rule.path === '' ? 'the output' : rule.path;
  const value = rule.value === undefined ? '' : ` ${rule.op === 'matches' ? String(rule.value) : JSON.stringify(rule.value)}`;
  const shown = actual !== undefined && (rule.op === 'not_equals' || rule.op === 'gt' || rule.op === 'lt') ? ` (it is ${preview(actual)})` : '';
  const text = `${subject} ${WORDS[rule.op]}${value}${shown}`;
  return rule.label ? `${rule.label}: ${text}` : text;
}

/** The reasons of the rules that fire on `output`, in rule order. */
export function evaluateRules(rules: readonly ReviewRule[], output: unknown): string[] {
  const reasons: string[] = [];
  for (const rule of rules) {
    const actual = valueAtPath(output, rule.path);
    const result = fires(rule, actual);
    if (result === true) reasons.push(describeRule(rule, actual));
    else if (typeof result === 'string') reasons.push(`${describeRule(rule)} could not be checked (${result}), so review is forced`);
  }
  return reasons;
}

/**
 * `evaluateRules` for rules as a gate stores them (unvalidated JSON): each valid rule is
 * evaluated, and each invalid one forces review with its problem, so a broken rule is noticed.
 */
export function forcedByRules(rules: readonly unknown[], output: unknown): string[] {
  const reasons: string[] = [];
  rules.forEach((raw, index) => {
    const parsed = reviewRuleSchema.safeParse(raw);
    if (parsed.success) reasons.push(...evaluateRules([parsed.data], output));
    else reasons.push(`rule ${index + 1} is invalid (${parsed.error.issues.map((issue) => issue.message).join('; ')}), so review is forced`);
  });
  return reasons;
}
