/**
 * The import's questions and answers: why a file was refused, what to do with a taken id, what
 * changed on the way in. The dialogs stay mounted and open by step, so closing one returns focus
 * to where it was (the native dialog does that).
 */
import { useEffect, useRef } from 'react';
import type { FlowProblem } from '../../engine/flow/problems';
import { hrefFor, navigate } from '../router';
import { Dialog } from '../ui/Dialog';
import { looksLikeJsonFile } from './importFile';
import { exactTime, relativeTime, useNow } from './relativeTime';
import type { FlowImport, ImportState } from './useFlowImport';

function ProblemList({ problems, label }: { problems: FlowProblem[]; label: string }) {
  return (
    <ol className="problem-list" aria-label={label}>
      {problems.map((problem, index) => (
        <li key={index}>
          <code className="problem-path">{problem.path}</code>
          <span className="library-sr">: </span>
          <span className="problem-message">{problem.message}</span>
        </li>
      ))}
    </ol>
  );
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

type Step<S extends ImportState['step']> = Extract<ImportState, { step: S }>;

export function ImportDialogs({ importer, onChooseFile }: { importer: FlowImport; onChooseFile: () => void }) {
  const { state, close } = importer;
  const keepBothButton = useRef<HTMLButtonElement>(null);
  const conflict = state.step === 'conflict';
  // After the dialog has opened (its own effect runs first): the safe choice is the default.
  useEffect(() => {
    if (conflict) keepBothButton.current?.focus();
  }, [conflict]);

  const rejected = state.step === 'rejected' ? state : null;
  const asking = state.step === 'conflict' ? state : null;
  const imported = state.step === 'imported' ? state : null;

  return (
    <>
      <Dialog
        open={rejected !== null}
        wide
        title={rejected ? `Could not import “${rejected.fileName}”` : 'Could not import'}
        onClose={() => close('rejected')}
        footer={
          <>
            <button
              type="button"
              onClick={() => {
                close('rejected');
                onChooseFile();
              }}
            >
              Choose another file…
            </button>
            <button type="button" className="primary" onClick={() => close('rejected')}>
              OK
            </button>
          </>
        }
      >
        {rejected ? <Rejected state={rejected} /> : null}
      </Dialog>

      <Dialog
        open={asking !== null}
        title="This flow is already in your library"
        onClose={() => close('conflict')}
        footer={
          <>
            <button type="button" onClick={() => close('conflict')}>
              Cancel
            </button>
            <button type="button" className="button-danger" onClick={importer.replace}>
              Replace it
            </button>
            <button type="button" className="primary" ref={keepBothButton} onClick={importer.keepBoth}>
              Keep both
            </button>
          </>
        }
      >
        {asking ? <Conflict state={asking} /> : null}
      </Dialog>

      <Dialog
        open={imported !== null}
        wide
        title={imported ? `Imported “${imported.name}”` : 'Imported'}
        onClose={() => close('imported')}
        footer={
          <>
            <button type="button" onClick={() => close('imported')}>
              Done
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                if (!imported) return;
                close('imported');
                navigate({ page: 'editor', flowId: imported.flowId });
              }}
            >
              Open flow
            </button>
          </>
        }
      >
        {imported ? (
          <>
            <p className="dialog-lede">The flow was imported. Trellis changed {imported.warnings.length === 1 ? 'one thing' : `${imported.warnings.length} things`} on the way in:</p>
            <ProblemList problems={imported.warnings} label="Changes made on import" />
          </>
        ) : null}
      </Dialog>
    </>
  );
}

function Rejected({ state }: { state: Step<'rejected'> }) {
  const notJson = !looksLikeJsonFile({ name: state.fileName, type: '' });
  return (
    <>
      <p className="dialog-lede">
        Nothing was imported; your library is unchanged. {notJson ? 'Trellis imports flows saved as JSON (the .trellis.json files it exports). ' : ''}
        {state.problems.length === 1 ? 'The file has this problem:' : `The file has ${count(state.problems.length, 'problem')}:`}
      </p>
      <ProblemList problems={state.problems} label="Problems" />
    </>
  );
}

function Conflict({ state }: { state: Step<'conflict'> }) {
  const { existing, flow } = state;
  const now = useNow();
  return (
    <>
      <p className="dialog-lede">
        “{state.fileName}” contains <strong>{flow.name}</strong>, which has the same id as <a href={hrefFor({ page: 'editor', flowId: existing.id })}>{existing.name}</a> in your library (last edited{' '}
        <time dateTime={new Date(existing.updatedAt).toISOString()} title={exactTime(existing.updatedAt)}>
          {relativeTime(existing.updatedAt, now)}
        </time>
        ).
      </p>
      <ul className="choice-notes">
        <li>
          <strong>Keep both</strong> adds the imported flow as a new flow, “{flow.name} (imported)”; yours stays as it is.
        </li>
        <li>
          <strong>Replace it</strong> overwrites yours with the file (you can undo this right after). Its runs and named versions are kept.
        </li>
      </ul>
    </>
  );
}
