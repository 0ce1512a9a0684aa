import { describe, expect, it } from 'vitest';
import { TrellisError } from '../util/errors';
import { codeNode, DEFAULT_CODE } from './code';
import { outputsOf, runNode } from './nodeTestKit';

describe('Code node', () => {
  it('passes its inputs by name to main() and outputs what it returns', async () => {
    const config = {
      code: 'function main(inputs) {\n  console.log("scoring", inputs.lead.name);\n  return { score: inputs.lead.employees / 10 + inputs.bonus };\n}',
      inputs: ['lead', 'bonus'],
    };
    const parsed = codeNode.configSchema.parse(config);
    expect(codeNode.inputs(parsed)).toEqual([
      { name: 'lead', required: true },
      { name: 'bonus', required: true },
    ]);
    expect(codeNode.outputs(parsed).map((port) => port.name)).toEqual(['out']);
    const outcome = await runNode(codeNode, config, { inputs: { lead: { name: 'Ada', employees: 120 }, bonus: 3 } });
    expect(outcome.result?.outputs).toEqual({ out: { score: 15 } });
    expect(outcome.activity.logs).toEqual(['scoring Ada']);
  });

  it('runs the default code as a pass-through', async () => {
    const config = codeNode.defaultConfig();
    expect(config).toEqual({ code: DEFAULT_CODE, inputs: ['in'], timeoutMs: 1000, memoryMb: 32 });
    expect(codeNode.configSchema.parse({ code: DEFAULT_CODE })).toEqual(config);
    expect(await outputsOf(codeNode, config, { inputs: { in: [1, 'two'] } })).toEqual({ out: [1, 'two'] });
    expect(codeNode.costly).toBe(true);
  });

  it('stops an infinite loop with a message naming the node and the limit', async () => {
    const outcome = await runNode(codeNode, { code: 'function main() { while (true) {} }', timeoutMs: 1000 }, { label: 'Score lead', inputs: { in: 1 } });
    expect(outcome.error).toBeInstanceOf(TrellisError);
    expect(outcome.error).toMatchObject({ code: 'sandbox_timeout', message: 'Code "Score lead" ran longer than its 1000 ms limit' });
  });

  it('stops a memory bomb at its memory limit', async () => {
    const code = 'function main() { const keep = []; while (true) keep.push({ i: keep.length, s: "row " + keep.length }); }';
    const outcome = await runNode(codeNode, { code, memoryMb: 8, timeoutMs: 30_000 }, { label: 'Bomb', inputs: { in: 1 } });
    expect(outcome.error).toMatchObject({ code: 'sandbox_memory', message: 'Code "Bomb" ran out of memory (limit 8 MB)' });
  });

  it('reports a thrown error with the node, message and line, keeping earlier console lines in the log', async () => {
    const code = 'function main(inputs) {\n  console.log("before");\n  throw new Error("no lead " + inputs.in);\n}';
    const outcome = await runNode(codeNode, { code }, { label: 'Check', inputs: { in: 7 } });
    expect(outcome.error).toMatchObject({ code: 'code_error', message: 'Code "Check" threw Error: no lead 7 (line 3)' });
    expect((outcome.error as TrellisError).details).toEqual({ name: 'Error', line: 3 });
    expect(outcome.activity.logs).toEqual(['before']);
  });

  it('rejects a result that is not JSON', async () => {
    const outcome = await runNode(codeNode, { code: 'function main() { return { at: new Date(0) }; }' }, { label: 'Dates', inputs: { in: 1 } });
    expect(outcome.error).toMatchObject({
      code: 'code_error',
      message: 'Code "Dates" returned a value from main() that is not JSON: result.at is a Date; return date.toISOString() instead',
    });
  });

  it('bounds its limits in the config', () => {
    const result = codeNode.configSchema.safeParse({ code: 'x', timeoutMs: 120_000, memoryMb: 512, inputs: ['in', 'in'] });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual(
      expect.arrayContaining([
        ['timeoutMs', 'must be at most 60,000 ms (1 minute)'],
        ['memoryMb', 'must be at most 256 MB'],
        ['inputs.1', '"in" is listed twice; input names must be unique'],
      ]),
    );
    expect(codeNode.configSchema.safeParse({ code: '' }).error?.issues[0]?.message).toContain('must not be empty');
  });
});
