import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFlow } from './canonical';
import { importFlow } from './import';
import { migrateFlowDocument, migrations, OLDEST_FLOW_VERSION, type FlowMigration } from './migrations';
import { formatProblem } from './problems';
import { FLOW_VERSION } from './schema';
import { registerTestKinds } from './fixtures/testKinds';

beforeAll(registerTestKinds);

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const v0Text = fixture('v0-support-triage.json');
const v0 = () => JSON.parse(v0Text) as Record<string, unknown>;

function problemsOf(input: unknown): string[] {
  const result = importFlow(input);
  if (result.ok) throw new Error('expected the import to fail');
  return result.problems.map(formatProblem);
}

describe('migrations', () => {
  it('form a contiguous chain from the oldest version up to FLOW_VERSION', () => {
    expect(OLDEST_FLOW_VERSION).toBe(0);
    let at = OLDEST_FLOW_VERSION;
    for (const m of [...migrations].sort((a, b) => a.from - b.from)) {
      expect(m.from).toBe(at);
      expect(m.to).toBe(at + 1);
      expect(m.describe).not.toBe('');
      at = m.to;
    }
    expect(at).toBe(FLOW_VERSION);
  });

  it('bring the v0 fixture up to v1, exactly as in the expected file', () => {
    const result = importFlow(v0Text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(0);
    expect(result.warnings[0]).toMatchObject({ path: 'version', message: expect.stringMatching(/^converted from format version 0 to 1/) as unknown });
    expect(exportFlow(result.flow)).toBe(fixture('v0-support-triage.v1.json'));
    // title -> name, links -> edges with ids, the bounded loop kept, steps without params get {}
    expect(result.flow.name).toBe('Support triage');
    expect(result.flow.edges.map((e) => e.id)).toEqual(['link-1', 'link-2', 'link-3']);
    expect(result.flow.edges[2]).toMatchObject({ source: 'check', sourcePort: 'out', target: 'classify', targetPort: 'in', loop: { maxIterations: 3 } });
    expect(result.flow.nodes[3]!.config).toEqual({});
  });

  it('the migrated export imports again as v1, with no migration', () => {
    const result = importFlow(fixture('v0-support-triage.v1.json'));
    expect(result.ok && result.migratedFrom).toBe(undefined);
    expect(result.ok && exportFlow(result.flow)).toBe(fixture('v0-support-triage.v1.json'));
  });

  it('report problems in a v0 file with v0 paths', () => {
    const d = v0();
    const steps = d.steps as Record<string, unknown>[];
    steps[1]!.x = 'left';
    delete steps[2]!.name;
    (d.links as Record<string, unknown>[])[0]!.to = 'classify';
    expect(problemsOf(d)).toEqual([
      'steps[1].x: expected number, got string',
      'steps[2].name: missing (expected string)',
      'links[0].to: must be "stepId.port", e.g. "summarise.text"',
    ]);
  });

  it('after migrating, check the result like any v1 flow (kinds, configs, dangling edges)', () => {
    const d = v0();
    const steps = d.steps as Record<string, unknown>[];
    steps[0]!.type = 'gone_kind';
    (d.links as Record<string, unknown>[])[1]!.to = 'nowhere.in';
    expect(problemsOf(d)).toEqual(['nodes[0].kind: unknown node kind "gone_kind"', 'edges[1].target: no node with id "nowhere"']);
  });

  it('refuse a newer version with a clear message', () => {
    expect(problemsOf({ ...v0(), version: 3 })).toEqual([
      'version: This flow was saved by a newer Trellis (format version 3); this app reads up to version 1.',
    ]);
  });

  it('refuse a missing, non-integer or too old version', () => {
    const d = v0();
    delete d.version;
    expect(problemsOf(d)).toEqual(['version: missing; a Trellis flow names its format version (e.g. "version": 1)']);
    expect(problemsOf({ ...v0(), version: 1.5 })).toEqual(['version: expected a whole-number format version, got 1.5']);
    expect(problemsOf({ ...v0(), version: '1' })).toEqual(['version: expected a whole-number format version, got "1"']);
    expect(problemsOf({ ...v0(), version: null })).toEqual(['version: expected a whole-number format version, got null']);
    expect(problemsOf({ ...v0(), version: -1 })).toEqual(['version: format version -1 is older than any this app can read (the oldest is 0)']);
  });

  it('turn a migration that throws into a problem', () => {
    const broken: FlowMigration[] = [{ from: 0, to: 1, describe: 'broken', migrate: () => { throw new Error('bad data'); } }];
    expect(migrateFlowDocument(v0(), broken)).toEqual({
      ok: false,
      problems: [{ path: 'version', message: 'could not convert from format version 0 to 1: bad data' }],
    });
  });
});
