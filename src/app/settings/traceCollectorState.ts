/** The trace collector from Settings, live (this tab or another): the row, its headers masked, any problem. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { SettingsProblem } from '../../storage/settingsRepo';
import { readCollectorHeaderStatus, readTraceCollector, type TraceCollector } from '../../storage/traceCollector';
import { db } from '../runtime/database';

export interface TraceCollectorState {
  loaded: boolean;
  collector?: TraceCollector;
  problem?: SettingsProblem;
  /** Header names with values masked (null: the value is missing on this device). */
  headers: Array<{ name: string; masked: string | null }>;
}

export function useTraceCollector(): TraceCollectorState {
  const result = useLiveQuery(async () => {
    const read = await readTraceCollector(db);
    const headers = read.collector ? await readCollectorHeaderStatus(db, read.collector) : [];
    return { ...read, headers };
  }, []);
  return result ? { loaded: true, ...result } : { loaded: false, headers: [] };
}
