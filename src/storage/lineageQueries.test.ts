import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, describe, expect, it } from 'vitest';
import { createScriptedProvider } from '../engine/llm/scripted';
import { createModelResolver } from '../engine/llm/resolver';
import { resumeRun, startRun } from '../engine/run/executor';
import { createFetchHttpPort } from '../engine/run/fetchHttp';
import { createQuickJsSandbox } from '../engine/sandbox/quickjs';
import { leadResearchFlow } from '../engine/templates/leadResearch';
import { createLineage } from '../engine/trace/lineage';
import { TrellisDB } from './db';
import { loadRunLineage } from './lineageQueries';
import { createDexieRunStore } from './runStore';

const db = new TrellisDB({ name: 'trellis-lineage-queries-test', indexedDB, IDBKeyRange });
const services = () => ({ models: createModelResolver([createScriptedProvider()]), http: createFetchHttpPort(), sandbox: createQuickJsSandbox() });
afterAll(() => db.delete());

describe('loadRunLineage', () => {
  it("reads a run's steps, review items and flow version together, enough to trace a decided output", async () => {
    const store = createDexieRunStore(db);
    await (await startRun(leadResearchFlow(), { company: 'Acme', contact: 'Ann Lee, COO', product: 'Trucks.' }, { store, services: services(), runId: 'lr' })).done;
    const [item] = await store.loadRunReviews('lr');
    await store.decideReview(item!.id, { action: 'approve', by: 'Ada', at: Date.now() });
    await (await resumeRun('lr', { store, services: services() })).done;
    await store.flush();

    const records = await loadRunLineage(db, 'lr');
    expect(records?.run.status).toBe('succeeded');
    expect(records?.version?.flow.id).toBe('lead-research');
    expect(records?.reviews.map((r) => r.id)).toEqual([item!.id]);
    expect(records?.steps.length).toBeGreaterThan(10);
    const result = createLineage({ flow: records!.version!.flow, run: records!.run, steps: records!.steps, reviews: records!.reviews }).lineageOf({ type: 'run-output', name: 'message' });
    expect(result.ok && result.lineage.nodes[1]?.touched.review?.decision?.by).toBe('Ada');
    expect(await loadRunLineage(db, 'nope')).toBeNull();
  });
});
