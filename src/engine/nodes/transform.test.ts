import { describe, expect, it } from 'vitest';
import { transformNode } from './transform';
import { outputsOf, runNode } from './nodeTestKit';

describe('Transform node', () => {
  it('binds the single input as $ and as $<name>', async () => {
    const lead = { name: 'Ada', employees: 120, tags: ['b2b', 'eu'] };
    const config = { expression: '{ "who": $.name, "big": employees > 100, "same": $in.name = name, "tags": $count(tags) }' };
    expect(await outputsOf(transformNode, config, { inputs: { in: lead } })).toEqual({ out: { who: 'Ada', big: true, same: true, tags: 2 } });
  });

  it('with several inputs, $ is an object of all of them', async () => {
    const config = { expression: '$merge([$lead, { "score": $scores.total }, { "keys": $keys($) }])', inputs: ['lead', 'scores'] };
    expect(transformNode.inputs(transformNode.configSchema.parse(config)).map((port) => port.name)).toEqual(['lead', 'scores']);
    const outputs = await outputsOf(transformNode, config, { inputs: { lead: { name: 'Ada' }, scores: { total: 7 } } });
    expect(outputs).toEqual({ out: { name: 'Ada', score: 7, keys: ['lead', 'scores'] } });
  });

  it('gives plain JSON: sequences become arrays and no match becomes null', async () => {
    const items = { items: [{ p: 1 }, { p: 2 }, { p: 3 }] };
    expect(await outputsOf(transformNode, { expression: 'items[p > 1].p' }, { inputs: { in: items } })).toEqual({ out: [2, 3] });
    expect(await outputsOf(transformNode, { expression: 'missing.field' }, { inputs: { in: items } })).toEqual({ out: null });
    expect(await outputsOf(transformNode, { expression: '$' }, { inputs: { in: [1, 2] } })).toEqual({ out: [1, 2] });
  });

  it('reports syntax and evaluation errors with the node label and position', async () => {
    const syntax = await runNode(transformNode, { expression: '$.score +* 2' }, { label: 'Score lead', inputs: { in: {} } });
    expect(syntax.error).toMatchObject({ code: 'config' });
    expect((syntax.error as Error).message).toMatch(/^Transform "Score lead": expression error at position \d+: /);
    const evaluation = await runNode(transformNode, { expression: 'name + 1' }, { label: 'Score lead', inputs: { in: { name: 'Ada' } } });
    expect(evaluation.error).toMatchObject({ code: 'input' });
    expect((evaluation.error as Error).message).toMatch(/^Transform "Score lead": expression error at position 6: .*must evaluate to a number/);
    const fn = await runNode(transformNode, { expression: 'function($x) { $x }' }, { label: 'F', inputs: { in: 1 } });
    expect((fn.error as Error).message).toBe('Transform "F": expression produced a function at result; only data can flow between steps');
  });

  it('allows ordinary recursion', async () => {
    const config = { expression: '($f := function($n) { $n <= 0 ? 0 : 1 + $f($n - 1) }; $f(300))' };
    expect(await outputsOf(transformNode, config, { inputs: { in: null } })).toEqual({ out: 300 });
  });

  it('ends runaway expressions with a clear error instead of hanging', async () => {
    const loop = await runNode(transformNode, { expression: '($f := function($n) { $f($n + 1) }; $f(0))' }, { label: 'Loop', inputs: { in: 1 } });
    expect(loop.error).toMatchObject({
      code: 'timeout',
      message: 'Transform "Loop": expression ran longer than its 1000 ms limit; check for an infinite loop or runaway recursion',
    });
    const deep = await runNode(transformNode, { expression: '($f := function($n) { 1 + $f($n + 1) }; $f(0))' }, { label: 'Deep', inputs: { in: 1 } });
    expect(deep.error).toMatchObject({ code: 'exhausted', message: 'Transform "Deep": expression nested too deeply; check for runaway recursion' });
  });

  it('validates its config: an expression, unique inputs that do not hide JSONata functions', () => {
    expect(transformNode.configSchema.parse(transformNode.defaultConfig())).toEqual({ expression: '$', inputs: ['in'] });
    expect(transformNode.configSchema.safeParse({ expression: '  ' }).error?.issues[0]?.message).toContain('must not be empty');
    const hide = transformNode.configSchema.safeParse({ expression: '$', inputs: ['lead', 'string', 'lead'] });
    expect(hide.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual(
      expect.arrayContaining([
        ['inputs.1', '"string" would hide the JSONata function $string; choose another input name'],
        ['inputs.2', '"lead" is listed twice; input names must be unique'],
      ]),
    );
  });
});
