import { beforeAll, describe, expect, it } from 'vitest';
import { flowVersionHash, sha256Hex } from './hash';
import { registerTestKinds, sampleFlow } from './fixtures/testKinds';

beforeAll(registerTestKinds);

describe('flowVersionHash', () => {
  it('is the hex SHA-256 of the canonical export', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const hash = await flowVersionHash(sampleFlow());
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable: same flow, same hash, whatever the key order, stray fields or sub-0.05 moves', async () => {
    const a = sampleFlow();
    const b = sampleFlow();
    b.settings = { concurrency: 4, providerId: 'offline', model: 'gpt-4o-mini' };
    (b.nodes[0] as unknown as Record<string, unknown>).apiKey = 'sk-secret';
    b.nodes[1]!.position = { x: 240.01, y: -0.02 };
    expect(await flowVersionHash(b)).toBe(await flowVersionHash(a));
  });

  it('changes with anything that is part of the flow, including name and description', async () => {
    const base = await flowVersionHash(sampleFlow());
    const changes: ((flow: ReturnType<typeof sampleFlow>) => void)[] = [
      (f) => (f.name = 'Support triage v2'),
      (f) => (f.description = ''),
      (f) => (f.nodes[1]!.config = { ...f.nodes[1]!.config, prompt: 'Classify carefully {{ticket}}' }),
      (f) => (f.nodes[1]!.position = { x: 240.1, y: 0 }),
      (f) => (f.edges[0]!.loop = { maxIterations: 2 }),
      (f) => (f.settings.concurrency = 5),
      (f) => f.nodes.reverse(),
    ];
    const hashes = new Set([base]);
    for (const change of changes) {
      const flow = sampleFlow();
      change(flow);
      hashes.add(await flowVersionHash(flow));
    }
    expect(hashes.size).toBe(changes.length + 1);
  });
});
