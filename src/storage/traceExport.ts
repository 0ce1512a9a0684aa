/**
 * A stored run's trace as an OTLP/HTTP JSON request: the run, its step records and review items
 * read in one transaction, the spans built from them, and the providers' settings (ids, kinds and
 * base URLs; never keys) to name the GenAI provider and server of each model call.
 */
import { buildTrace } from '../engine/trace/spans';
import { toOtlp, type ExportTraceServiceRequest } from '../engine/trace/otlp';
import type { TrellisDB } from './db';
import { foldStepLog, runLog } from './runStore';
import { readProviders } from './settingsRepo';

export interface RunTraceExport {
  payload: ExportTraceServiceRequest;
  /** The run's flow name and id, for a file name. */
  flowName: string;
  runId: string;
  spans: number;
}

/** The OTLP request for a run, or null when there is no such run. */
export async function exportRunTrace(db: TrellisDB, runId: string, options: { includeContent: boolean; appVersion?: string; now?: number }): Promise<RunTraceExport | null> {
  const records = await db.transaction('r', db.runs, db.stepLog, db.reviews, async () => {
    const run = await db.runs.get(runId);
    if (!run) return null;
    const steps = foldStepLog(await runLog(db, runId).toArray());
    const reviews = await db.reviews.where('runId').equals(runId).toArray();
    return { run, steps, reviews };
  });
  if (!records) return null;
  const { providers } = await readProviders(db);
  const now = options.now ?? Date.now();
  const trace = buildTrace(records.run, records.steps, records.reviews, now);
  const payload = toOtlp(trace, records, {
    includeContent: options.includeContent,
    providers: providers.map(({ config }) => ({ id: config.id, kind: config.kind, ...(config.baseURL ? { baseURL: config.baseURL } : {}) })),
    now,
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
  });
  return { payload, flowName: records.run.flowName, runId, spans: trace.spans.length };
}
