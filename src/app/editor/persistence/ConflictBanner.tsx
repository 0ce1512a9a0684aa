/**
 * Shown when another tab saved this flow: saving here stops until the person chooses whose
 * version to keep. Loading theirs first keeps unsaved changes here as a named version.
 */
import { useState } from 'react';
import { toast } from '../../ui/toasts';
import { useSaveStatus } from './autosave';
import { activeAutosaver } from './useAutosave';

export function ConflictBanner() {
  const status = useSaveStatus((s) => s.status);
  const [working, setWorking] = useState(false);
  if (status.kind !== 'conflict') return null;
  const when = status.theirs ? new Date(status.theirs.updatedAt).toLocaleTimeString() : null;
  const run = async (action: 'theirs' | 'mine') => {
    const saver = activeAutosaver();
    if (!saver) return;
    setWorking(true);
    try {
      if (action === 'mine') {
        await saver.keepMine();
        toast('Kept your version; it replaced the one from the other tab.');
      } else {
        const kept = await saver.loadTheirs();
        toast(kept ? `Loaded the other tab's version. Your changes are kept as the version "${kept}".` : "Loaded the other tab's version.");
      }
    } catch (e) {
      toast(`That did not work: ${e instanceof Error ? e.message : String(e)}`, { kind: 'error' });
    } finally {
      setWorking(false);
    }
  };
  return (
    <div className="ed-conflict-banner" role="alert">
      <div className="ed-conflict-text">
        <strong>This flow was changed in another tab{when ? ` (saved at ${when})` : ''}.</strong>
        <span>Saving here is paused so neither version overwrites the other. Load theirs (your changes here are kept as a named version), or keep yours (it replaces theirs).</span>
      </div>
      <div className="ed-conflict-actions">
        <button type="button" disabled={working} onClick={() => void run('theirs')}>
          Load their version
        </button>
        <button type="button" className="primary" disabled={working} onClick={() => void run('mine')}>
          Keep mine
        </button>
      </div>
    </div>
  );
}
