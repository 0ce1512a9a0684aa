import { describe, expect, it } from 'vitest';
import { mergeNode } from './merge';
import { outputsOf, runNode } from './nodeTestKit';

describe('Merge node', () => {
  it('has optional inputs in configured order and one output', () => {
    const config = mergeNode.defaultConfig();
    expect(mergeNode.configSchema.parse({})).toEqual(config);
    expect(mergeNode.inputs(config)).toEqual([
      { name: 'a', required: false },
      { name: 'b', required: false },
    ]);
    expect(mergeNode.outputs(config).map((port) => port.name)).toEqual(['out']);
  });

  it('mode all passes an object of the inputs that arrived', async () => {
    const config = { mode: 'all', inputs: ['draft', 'facts', 'notes'] };
    expect(await outputsOf(mergeNode, config, { inputs: { facts: [1], draft: 'text' } })).toEqual({ out: { draft: 'text', facts: [1] } });
  });

  it('mode first passes the first input in configured order that arrived', async () => {
    const config = { mode: 'first', inputs: ['fast', 'slow'] };
    expect(await outputsOf(mergeNode, config, { inputs: { slow: 'S', fast: 'F' } })).toEqual({ out: 'F' });
    expect(await outputsOf(mergeNode, config, { inputs: { slow: null } })).toEqual({ out: null });
    const none = await runNode(mergeNode, config, { label: 'Join' });
    expect(none.error).toMatchObject({ code: 'input', message: 'Merge "Join": none of its inputs (fast, slow) received a value' });
  });

  it('needs at least two unique input names', () => {
    expect(mergeNode.configSchema.safeParse({ inputs: ['a'] }).error?.issues[0]?.message).toBe('needs at least 2 inputs');
    const dup = mergeNode.configSchema.safeParse({ inputs: ['a', 'b', 'a'] });
    expect(dup.error?.issues[0]).toMatchObject({ path: ['inputs', 2], message: '"a" is listed twice; input names must be unique' });
    expect(mergeNode.configSchema.safeParse({ mode: 'any' }).error?.issues[0]?.message).toBe('must be "all" or "first"');
  });
});
