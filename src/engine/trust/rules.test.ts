import { describe, expect, it } from 'vitest';
import { compilePattern, describeRule, evaluateRules, forcedByRules, reviewRuleSchema, validateRules, valueAtPath, type ReviewRule } from './rules';

const output = {
  priority: 'urgent',
  score: 0.3,
  count: '12',
  flagged: false,
  note: null,
  tags: ['refund', 'vip'],
  reply: { tone: 'angry', text: 'We are sorry. A refund is on its way.' },
  items: [{ amount: 120 }, { amount: 900 }],
};

function fired(rule: ReviewRule, value: unknown = output): boolean {
  return evaluateRules([rule], value).length > 0;
}

describe('valueAtPath', () => {
  it('follows dot paths through objects and arrays, and only own properties', () => {
    expect(valueAtPath(output, 'reply.tone')).toBe('angry');
    expect(valueAtPath(output, 'items.1.amount')).toBe(900);
    expect(valueAtPath(output, '')).toBe(output);
    expect(valueAtPath(output, 'reply.missing.deeper')).toBeUndefined();
    expect(valueAtPath(output, 'constructor')).toBeUndefined();
    expect(valueAtPath(output, 'priority.length')).toBeUndefined();
  });
});

describe('evaluateRules', () => {
  it('gives the reasons of the rules that fire, in plain words and rule order', () => {
    const rules: ReviewRule[] = [
      { path: 'priority', op: 'equals', value: 'urgent' },
      { path: 'priority', op: 'equals', value: 'low' },
      { path: 'score', op: 'lt', value: 0.5, label: 'Low confidence' },
      { path: 'reply.tone', op: 'not_equals', value: 'neutral' },
    ];
    expect(evaluateRules(rules, output)).toEqual([
      'priority equals "urgent"',
      'Low confidence: score is less than 0.5 (it is 0.3)',
      'reply.tone does not equal "neutral" (it is "angry")',
    ]);
    expect(evaluateRules([], output)).toEqual([]);
  });

  it('equals compares strings with numbers and booleans as text', () => {
    expect(fired({ path: 'count', op: 'equals', value: 12 })).toBe(true);
    expect(fired({ path: 'flagged', op: 'equals', value: 'false' })).toBe(true);
    expect(fired({ path: 'flagged', op: 'equals', value: true })).toBe(false);
    expect(fired({ path: 'score', op: 'equals', value: 0.3 })).toBe(true);
  });

  it('not_equals fires on a missing field', () => {
    expect(fired({ path: 'absent', op: 'not_equals', value: 'x' })).toBe(true);
    expect(fired({ path: 'priority', op: 'not_equals', value: 'urgent' })).toBe(false);
  });

  it('contains looks in text, array elements and JSON text', () => {
    expect(fired({ path: 'reply.text', op: 'contains', value: 'refund' })).toBe(true);
    expect(fired({ path: 'reply.text', op: 'contains', value: 'Refund' })).toBe(false);
    expect(fired({ path: 'tags', op: 'contains', value: 'vip' })).toBe(true);
    expect(fired({ path: 'tags', op: 'contains', value: 'vi' })).toBe(false);
    expect(fired({ path: 'reply', op: 'contains', value: 'angry' })).toBe(true);
    expect(fired({ path: 'absent', op: 'contains', value: 'x' })).toBe(false);
  });

  it('matches tests a regular expression, with /…/flags', () => {
    expect(fired({ path: 'reply.text', op: 'matches', value: 'refund|chargeback' })).toBe(true);
    expect(fired({ path: 'reply.text', op: 'matches', value: '^refund' })).toBe(false);
    expect(fired({ path: 'reply.text', op: 'matches', value: '/^we ARE/i' })).toBe(true);
    expect(fired({ path: 'score', op: 'matches', value: '^0\\.3$' })).toBe(true);
    expect(fired({ path: '', op: 'matches', value: 'sorry' }, 'I am sorry')).toBe(true);
    expect(evaluateRules([{ path: 'reply.text', op: 'matches', value: 'refund' }], output)).toEqual(['reply.text matches refund']);
  });

  it('exists and missing treat null as missing', () => {
    expect(fired({ path: 'flagged', op: 'exists' })).toBe(true);
    expect(fired({ path: 'note', op: 'exists' })).toBe(false);
    expect(fired({ path: 'note', op: 'missing' })).toBe(true);
    expect(fired({ path: 'reply.tone', op: 'missing' })).toBe(false);
    expect(evaluateRules([{ path: 'note', op: 'missing' }], output)).toEqual(['note is missing']);
  });

  it('gt and lt compare numbers and numeric text, and ignore anything else', () => {
    expect(fired({ path: 'items.1.amount', op: 'gt', value: 500 })).toBe(true);
    expect(fired({ path: 'items.0.amount', op: 'gt', value: 500 })).toBe(false);
    expect(fired({ path: 'count', op: 'gt', value: 10 })).toBe(true);
    expect(fired({ path: 'priority', op: 'lt', value: 10 })).toBe(false);
    expect(fired({ path: 'absent', op: 'lt', value: 10 })).toBe(false);
  });

  it('forces review, saying why, when a rule that skipped validation cannot be checked', () => {
    const broken = { path: 'priority', op: 'matches', value: '(unclosed' } as ReviewRule;
    const [reason] = evaluateRules([broken], output);
    expect(reason).toMatch(/^priority matches \(unclosed could not be checked \(not a valid regular expression: .*\), so review is forced$/);
  });
});

describe('validation', () => {
  it('accepts well-formed rules', () => {
    const result = validateRules([
      { path: 'priority', op: 'equals', value: 'urgent', label: 'Urgent' },
      { path: 'note', op: 'missing' },
      { path: 'reply.text', op: 'matches', value: '/refund/i' },
    ]);
    expect(result.ok).toBe(true);
  });

  it('reports an invalid regex as a problem at its path, not a throw', () => {
    const result = validateRules([{ path: 'a', op: 'equals', value: 1 }, { path: 'priority', op: 'matches', value: '[a-' }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toBe('[1].value');
    expect(result.problems[0]?.message).toMatch(/^not a valid regular expression/);
  });

  it.each([
    [{ path: 'a', op: 'equals' }, '[0].value', /needs a value/],
    [{ path: 'a', op: 'exists', value: 1 }, '[0].value', /takes no value/],
    [{ path: 'a', op: 'gt', value: '5' }, '[0].value', /must be a number/],
    [{ path: 'a', op: 'matches', value: '(a+)+$' }, '[0].value', /repeats a group/],
    [{ path: 'a', op: 'matches', value: 'x'.repeat(1001) }, '[0].value', /longer than 1000/],
    [{ path: 'a..b', op: 'exists' }, '[0].path', /dot path/],
    [{ path: 'a', op: 'like', value: 'x' }, '[0].op', /must be one of/],
    [{ path: 'a', op: 'exists', extra: 1 }, '[0].extra', /unknown field/],
  ])('refuses %j at %s', (rule, path, message) => {
    const result = validateRules([rule]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((problem) => problem.path === path && message.test(problem.message))).toBe(true);
  });

  it('refuses stateful flags and allows safe groups', () => {
    expect(compilePattern('/a/g')).toEqual({ ok: false, error: 'only the flags i, m, s and u are allowed (got "g")' });
    expect(compilePattern('/a/ims').ok).toBe(true);
    expect(compilePattern('(a|b)+').ok).toBe(true);
    expect(compilePattern('(\\d+)?x').ok).toBe(true);
    expect(compilePattern('(\\w*)*').ok).toBe(false);
  });

  it('describes a rule with its label', () => {
    expect(describeRule(reviewRuleSchema.parse({ path: '', op: 'contains', value: 'refund', label: 'Money' }))).toBe('Money: the output contains "refund"');
  });
});

describe('forcedByRules', () => {
  it('evaluates the valid rules and forces review for the invalid ones', () => {
    expect(forcedByRules([{ path: 'priority', op: 'equals', value: 'urgent' }, { path: 'x', op: 'nope' }, { path: 'score', op: 'gt', value: 1 }], output)).toEqual([
      'priority equals "urgent"',
      'rule 2 is invalid (must be one of equals, not_equals, contains, matches, exists, missing, gt, lt), so review is forced',
    ]);
  });
});
