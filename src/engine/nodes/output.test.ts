import { describe, expect, it } from 'vitest';
import { outputNode } from './output';
import { outputsOf } from './nodeTestKit';

describe('Output node', () => {
  it('takes a required value, has no outputs and names the run output', async () => {
    const config = outputNode.configSchema.parse({ name: 'summary' });
    expect(outputNode.inputs(config)).toEqual([expect.objectContaining({ name: 'value', required: true })]);
    expect(outputNode.outputs(config)).toEqual([]);
    expect(outputNode.runOutputName?.(config)).toBe('summary');
    expect(await outputsOf(outputNode, config, { inputs: { value: { a: 1 } } })).toEqual({});
  });

  it('defaults its name to result and requires a port-like name', () => {
    expect(outputNode.defaultConfig()).toEqual({ name: 'result' });
    expect(outputNode.configSchema.parse({})).toEqual({ name: 'result' });
    const bad = outputNode.configSchema.safeParse({ name: 'my result' });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['name'], message: expect.stringContaining('must start with a letter') });
  });
});
