import { describe, expect, it } from 'vitest';
import { exportFlow } from '../../engine/flow/canonical';
import { leadResearchFlow } from '../../engine/templates';
import type { FlowSummary } from '../../storage/flowsRepo';
import { flowFileName } from './exportFlow';
import { formatBytes, MAX_IMPORT_BYTES, readFlowFile } from './importFile';
import { filterAndSort, matchesQuery, uniqueName } from './libraryView';
import { relativeTime } from './relativeTime';

const summary = (name: string, updatedAt: number, description = ''): FlowSummary => ({ id: name, name, description, nodeCount: 0, createdAt: 0, updatedAt, lastRun: null });

describe('library view', () => {
  const flows = [summary('Support triage', 3, 'Classifies tickets'), summary('lead research', 1, 'Finds the company'), summary('Flow 10', 2), summary('Flow 9', 2), summary('Café orders', 4)];

  it('searches every word in the name or description, ignoring case and accents', () => {
    expect(filterAndSort(flows, 'LEAD', 'edited').map((f) => f.name)).toEqual(['lead research']);
    expect(filterAndSort(flows, 'company lead', 'edited').map((f) => f.name)).toEqual(['lead research']);
    expect(filterAndSort(flows, 'cafe', 'edited').map((f) => f.name)).toEqual(['Café orders']);
    expect(filterAndSort(flows, '  ', 'edited')).toHaveLength(5);
    expect(matchesQuery({ name: 'a', description: 'b' }, 'a c')).toBe(false);
  });

  it('sorts by last edited (newest first) or by name (natural order, ignoring case)', () => {
    expect(filterAndSort(flows, '', 'edited').map((f) => f.name)).toEqual(['Café orders', 'Support triage', 'Flow 9', 'Flow 10', 'lead research']);
    expect(filterAndSort(flows, '', 'name').map((f) => f.name)).toEqual(['Café orders', 'Flow 9', 'Flow 10', 'lead research', 'Support triage']);
  });

  it('numbers a name that is taken', () => {
    expect(uniqueName('Untitled flow', [])).toBe('Untitled flow');
    expect(uniqueName('Untitled flow', ['Untitled flow', 'Untitled flow 2'])).toBe('Untitled flow 3');
  });
});

describe('relative times', () => {
  const now = new Date(2026, 4, 20, 12, 0, 0).getTime();
  it('reads naturally, then falls back to the date', () => {
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(relativeTime(now - 26 * 3_600_000, now)).toBe('yesterday');
    expect(relativeTime(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(relativeTime(new Date(2026, 2, 3).getTime(), now)).toBe('Mar 3');
    expect(relativeTime(new Date(2024, 2, 3).getTime(), now)).toBe('Mar 3, 2024');
  });
});

describe('export file names', () => {
  it('uses the flow name with characters file systems refuse replaced', () => {
    expect(flowFileName('Lead research and outreach')).toBe('Lead research and outreach.trellis.json');
    expect(flowFileName('a/b\\c: "d" <e>|f?*')).toBe('a-b-c- -d- -e-f.trellis.json');
    expect(flowFileName('  ..  ')).toBe('flow.trellis.json');
    expect(flowFileName('x'.repeat(300))).toBe(`${'x'.repeat(120)}.trellis.json`);
  });
});

describe('reading a flow file', () => {
  it('imports an exported flow file (also with a byte order mark)', async () => {
    const text = exportFlow(leadResearchFlow('f1'));
    const result = await readFlowFile(new File([text], 'f.trellis.json'));
    expect(result.ok).toBe(true);
    if (result.ok) expect(exportFlow(result.flow)).toBe(text);
    const withBom = await readFlowFile(new File([`\ufeff${text}`], 'f.json'));
    expect(withBom.ok).toBe(true);
  });

  it('refuses binary files, oversized files and broken JSON with a clear problem at $', async () => {
    const binary = await readFlowFile(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])], 'logo.png'));
    expect(binary).toEqual({ ok: false, problems: [{ path: '$', message: expect.stringContaining('not a text file') }] });
    const big = new File(['x'], 'big.json');
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
    expect(await readFlowFile(big)).toEqual({ ok: false, problems: [{ path: '$', message: 'the file is 32.0 MB; a flow file can be at most 32.0 MB' }] });
    const broken = await readFlowFile(new File(['{"format": "trellis.flow",'], 'b.json'));
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems[0]?.message).toMatch(/^not valid JSON at line 1/);
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toBe('2.0 kB');
  });
});
