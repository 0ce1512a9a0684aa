import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from './router';

describe('routes', () => {
  it('parses every page and round-trips through hrefFor', () => {
    const routes = [
      { page: 'flows' },
      { page: 'editor', flowId: 'lead-research' },
      { page: 'runs' },
      { page: 'runs', flowId: 'f 1', status: 'failed' },
      { page: 'run', runId: 'run_abc' },
      { page: 'run', runId: 'run_abc', view: 'trace' },
      { page: 'batch', batchId: 'b1' },
      { page: 'review' },
      { page: 'review', flowId: 'f 1', step: 'gate&1', reason: 'sampled' },
      { page: 'trust' },
      { page: 'trust', flowId: 'f 1' },
      { page: 'trust-step', flowId: 'f 1', nodeId: 'draft/x' },
      { page: 'audit' },
      { page: 'audit', type: 'review.decided' },
      { page: 'settings' },
    ] as const;
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route);
    expect(parseRoute('')).toEqual({ page: 'flows' });
    expect(parseRoute('#/nope/x')).toEqual({ page: 'not-found', path: '/nope/x' });
  });
});
