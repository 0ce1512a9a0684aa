/** "Saved", "Saving…", or "Not saved: <reason>" with a way to retry. */
import { useSaveStatus } from './autosave';
import { activeAutosaver } from './useAutosave';

export function SaveStatusView() {
  const status = useSaveStatus((s) => s.status);
  return (
    <div className={`ed-save-status is-${status.kind}`} role="status" aria-live="polite">
      {status.kind === 'saved' ? (
        <>
          <span className="ed-save-dot" aria-hidden="true" />
          Saved
        </>
      ) : null}
      {status.kind === 'saving' ? (
        <>
          <span className="ed-save-dot" aria-hidden="true" />
          Saving…
        </>
      ) : null}
      {status.kind === 'conflict' ? (
        <>
          <span className="ed-save-dot" aria-hidden="true" />
          Not saved: changed in another tab
        </>
      ) : null}
      {status.kind === 'error' ? (
        <>
          <span className="ed-save-dot" aria-hidden="true" />
          <span className="ed-save-error-text">Not saved: {status.message}</span>
          <button type="button" className="ed-save-retry" onClick={() => void activeAutosaver()?.retry()}>
            {status.missing ? 'Save it again' : 'Retry'}
          </button>
        </>
      ) : null}
    </div>
  );
}
