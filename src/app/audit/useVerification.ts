/**
 * What the Audit page's buttons do: verify the stored log (walking the chain page by page, with
 * progress), verify an exported file offline, and export the log as a file. One at a time; the
 * outcome stays on the page until the next.
 */
import { useCallback, useState } from 'react';
import { verifyAuditFile, type VerifyResult } from '../../engine/audit';
import { exportStoredAudit, verifyStoredAudit } from '../../storage/auditQueries';
import { auditLog, db } from '../runtime/database';
import { downloadText } from '../ui/download';

export type AuditTask =
  | { step: 'idle' }
  | { step: 'verifying'; source: 'log' | 'file'; fileName?: string; done: number; total: number | undefined }
  | { step: 'verified'; source: 'log' | 'file'; fileName?: string; result: VerifyResult }
  | { step: 'exporting' }
  | { step: 'exported'; fileName: string; count: number; headHash: string }
  | { step: 'error'; message: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** "trellis-audit-2026-11-26-1a2b3c4d5e6f.json": the date and the head, so two exports tell apart. */
export function auditFileName(headHash: string, now = new Date()): string {
  return `trellis-audit-${now.toISOString().slice(0, 10)}-${headHash.slice(0, 12)}.json`;
}

export function useAuditTasks(): {
  task: AuditTask;
  busy: boolean;
  verifyLog(): Promise<VerifyResult | null>;
  verifyFile(file: File, expectedHeadHash?: string): Promise<void>;
  exportLog(): Promise<void>;
} {
  const [task, setTask] = useState<AuditTask>({ step: 'idle' });
  const busy = task.step === 'verifying' || task.step === 'exporting';

  const verifyLog = useCallback(async () => {
    setTask({ step: 'verifying', source: 'log', done: 0, total: undefined });
    try {
      // Entries still queued in this tab are written first, so they are part of what is verified.
      await auditLog.flush();
      const result = await verifyStoredAudit(db, { onProgress: (done, total) => setTask({ step: 'verifying', source: 'log', done, total }) });
      setTask({ step: 'verified', source: 'log', result });
      return result;
    } catch (error) {
      setTask({ step: 'error', message: `The log could not be verified: ${message(error)}` });
      return null;
    }
  }, []);

  const verifyFile = useCallback(async (file: File, expectedHeadHash?: string) => {
    const fileName = file.name;
    setTask({ step: 'verifying', source: 'file', fileName, done: 0, total: undefined });
    try {
      const text = await file.text();
      const expected = expectedHeadHash?.trim();
      const result = await verifyAuditFile(text, {
        ...(expected ? { expectedHeadHash: expected } : {}),
        onProgress: (done, total) => setTask({ step: 'verifying', source: 'file', fileName, done, total }),
      });
      setTask({ step: 'verified', source: 'file', fileName, result });
    } catch (error) {
      setTask({ step: 'error', message: `“${fileName}” could not be read: ${message(error)}` });
    }
  }, []);

  const exportLog = useCallback(async () => {
    setTask({ step: 'exporting' });
    try {
      await auditLog.flush();
      const { text, count, headHash } = await exportStoredAudit(db);
      const fileName = auditFileName(headHash);
      downloadText(fileName, text, 'application/json');
      setTask({ step: 'exported', fileName, count, headHash });
    } catch (error) {
      setTask({ step: 'error', message: `The log could not be exported: ${message(error)}` });
    }
  }, []);

  return { task, busy, verifyLog, verifyFile, exportLog };
}
