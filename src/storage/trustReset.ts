/**
 * Trust follows a flow's saves: when a flow is saved with a changed configuration of a step that
 * has a trust record (prompt, model, temperature, output schema, tools...), the record goes back
 * to full review at once (`withFingerprint`: the old tier and evidence kept under `previous`, a
 * `reset_fingerprint` event in its history), so the Trust page says so before the next run. The
 * review policy would reset it at the step's next execution anyway; this makes it visible now.
 *
 * Fingerprints are computed as runs compute them (`gateFingerprints`: the compiled plan's
 * resolved configs, the flow's default provider and model), so a save that changes nothing that
 * matters (a label, a position) resets nothing. Steps no gate reviews any more keep their record.
 */
import type { FlowDoc } from '../engine/flow/schema';
import { gateFingerprints, withFingerprint } from '../engine/trust';
import type { TrellisDB } from './db';
import { updateExistingTrust } from './trustStore';

/**
 * Resets the trust records of `doc`'s steps whose configuration changed; returns their keys.
 * Joins the caller's transaction when it includes `trust` and `trustEvents` (a flow save).
 */
export async function resetChangedTrust(db: TrellisDB, doc: FlowDoc, at: number): Promise<string[]> {
  return db.transaction('rw', db.trust, db.trustEvents, async () => {
    const rows = await db.trust.where('flowId').equals(doc.id).toArray();
    if (rows.length === 0) return [];
    const prints = gateFingerprints(doc);
    const reset: string[] = [];
    for (const row of rows) {
      const fingerprint = prints.get(row.key)?.fingerprint;
      if (fingerprint === undefined || fingerprint === row.fingerprint) continue;
      await updateExistingTrust(db, row.key, (current) => withFingerprint(current, fingerprint, at));
      reset.push(row.key);
    }
    return reset;
  });
}
