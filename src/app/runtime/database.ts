/** The app's one database, its run store and its audit trail. */
import { captureAudit } from '../../storage/auditCapture';
import { createAuditLog } from '../../storage/auditLog';
import { TrellisDB } from '../../storage/db';
import { createDexieRunStore } from '../../storage/runStore';

export const db = new TrellisDB();
export const runStore = createDexieRunStore(db);
/** The audit trail's writer. Its capture of committed changes is installed here, before the database opens. */
export const auditLog = createAuditLog(db);
captureAudit(db, auditLog);
