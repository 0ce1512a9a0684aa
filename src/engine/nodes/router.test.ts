import { describe, expect, it } from 'vitest';
import { routerNode } from './router';
import { outputsOf, runNode } from './nodeTestKit';

const config = {
  branches: [
    { name: 'hot', condition: 'score >= 80' },
    { name: 'warm', condition: 'score >= 50' },
    { name: 'tagged', condition: 'tags' },
  ],
};

describe('Router node', () => {
  it('has one input and an output per branch plus otherwise', () => {
    const parsed = routerNode.configSchema.parse(config);
    expect(routerNode.inputs(parsed)).toEqual([{ name: 'in', required: true }]);
    expect(routerNode.outputs(parsed).map((port) => port.name)).toEqual(['hot', 'warm', 'tagged', 'otherwise']);
  });

  it('sends the input down the first branch whose condition holds', async () => {
    expect(await outputsOf(routerNode, config, { inputs: { in: { score: 90 } } })).toEqual({ hot: { score: 90 } });
    const warm = await runNode(routerNode, config, { inputs: { in: { score: 60, tags: ['x'] } } });
    expect(warm.result?.outputs).toEqual({ warm: { score: 60, tags: ['x'] } });
    expect(warm.activity.logs).toEqual(['Took branch "warm".']);
  });

  it('uses JSONata truthiness and falls back to otherwise', async () => {
    expect(await outputsOf(routerNode, config, { inputs: { in: { score: 1, tags: ['a'] } } })).toEqual({ tagged: { score: 1, tags: ['a'] } });
    expect(await outputsOf(routerNode, config, { inputs: { in: { score: 1, tags: [] } } })).toEqual({ otherwise: { score: 1, tags: [] } });
    expect(await outputsOf(routerNode, config, { inputs: { in: 'text' } })).toEqual({ otherwise: 'text' });
  });

  it('names the node and branch when a condition fails', async () => {
    const broken = { branches: [{ name: 'ok', condition: 'true' }, { name: 'bad', condition: 'score > ' }] };
    const outcome = await runNode(routerNode, { branches: [broken.branches[1]] }, { label: 'Triage', inputs: { in: { score: 1 } } });
    expect((outcome.error as Error).message).toMatch(/^Router "Triage": branch "bad" condition error at position \d+: /);
    expect(await outputsOf(routerNode, broken, { inputs: { in: {} } })).toEqual({ ok: {} });
  });

  it('requires unique branch names other than otherwise', () => {
    const result = routerNode.configSchema.safeParse({
      branches: [
        { name: 'a', condition: 'x' },
        { name: 'otherwise', condition: 'y' },
        { name: 'a', condition: 'z' },
        { name: 'b', condition: ' ' },
      ],
    });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual(
      expect.arrayContaining([
        ['branches.1.name', '"otherwise" is the branch taken when no condition holds; choose another name'],
        ['branches.2.name', '"a" is used by another branch; branch names must be unique'],
        ['branches.3.condition', 'must not be empty: write a JSONata condition such as `$.score > 50`'],
      ]),
    );
    expect(routerNode.configSchema.safeParse({ branches: [] }).error?.issues[0]?.message).toBe('needs at least one branch');
    expect(routerNode.configSchema.parse(routerNode.defaultConfig())).toEqual(routerNode.defaultConfig());
  });
});
