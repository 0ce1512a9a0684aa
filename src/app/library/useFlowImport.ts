/**
 * Importing flow files: read and check the file (every problem with its path), ask what to do
 * when the flow's id is taken (keeping both is the default), store it, and show what changed on
 * the way in (migration, fields left out). A rejected file changes nothing.
 */
import { useCallback, useState } from 'react';
import { newId } from '../../engine/flow/create';
import type { FlowProblem } from '../../engine/flow/problems';
import type { FlowDoc } from '../../engine/flow/schema';
import type { FlowRow } from '../../storage/db';
import { createFlow, forceSaveFlow, getFlow, replaceFlow } from '../../storage/flowsRepo';
import { auditFlowImport } from '../audit/runtime';
import { navigate } from '../router';
import { db } from '../runtime/database';
import { toast } from '../ui/toasts';
import { errorMessage } from './actions';
import { readFlowFile } from './importFile';
import { uniqueName } from './libraryView';

export type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'rejected'; fileName: string; problems: FlowProblem[] }
  | { step: 'conflict'; fileName: string; flow: FlowDoc; warnings: FlowProblem[]; existing: FlowRow }
  | { step: 'imported'; fileName: string; flowId: string; name: string; warnings: FlowProblem[] };

export interface FlowImport {
  state: ImportState;
  importFiles(files: ArrayLike<File>): void;
  keepBoth(): void;
  replace(): void;
  /** Closes the dialog of `step`, if that is still the step shown (a dialog's close event arrives after the next step began). */
  close(step?: ImportState['step']): void;
}

const openAction = (flowId: string) => ({ label: 'Open', run: () => navigate({ page: 'editor', flowId }) });

export function useFlowImport(): FlowImport {
  const [state, setState] = useState<ImportState>({ step: 'idle' });

  const finish = useCallback((fileName: string, flow: FlowDoc, warnings: FlowProblem[]) => {
    if (warnings.length > 0) {
      setState({ step: 'imported', fileName, flowId: flow.id, name: flow.name, warnings });
    } else {
      setState({ step: 'idle' });
      toast(`Imported “${flow.name}”.`, { action: openAction(flow.id) });
    }
  }, []);

  const failed = useCallback((fileName: string, error: unknown) => {
    setState({ step: 'idle' });
    toast(`Could not import “${fileName}”: ${errorMessage(error)}`, { kind: 'error', durationMs: 10_000 });
  }, []);

  const importOne = useCallback(
    async (file: File) => {
      setState({ step: 'reading', fileName: file.name });
      const result = await readFlowFile(file);
      if (!result.ok) {
        setState({ step: 'rejected', fileName: file.name, problems: result.problems });
        return;
      }
      try {
        const existing = await getFlow(db, result.flow.id);
        if (existing) {
          setState({ step: 'conflict', fileName: file.name, flow: result.flow, warnings: result.warnings, existing });
          return;
        }
        await createFlow(db, result.flow);
        auditFlowImport(result.flow, file.name, 'new');
        finish(file.name, result.flow, result.warnings);
      } catch (error) {
        failed(file.name, error);
      }
    },
    [failed, finish],
  );

  const importFiles = useCallback(
    (files: ArrayLike<File>) => {
      const list = Array.from(files);
      if (list.length === 0) return;
      if (list.length > 1) {
        toast(`Import one flow file at a time (there were ${list.length}).`, { kind: 'error' });
        return;
      }
      void importOne(list[0] as File);
    },
    [importOne],
  );

  const keepBoth = useCallback(() => {
    if (state.step !== 'conflict') return;
    const { fileName, flow, warnings } = state;
    // A new id, and a name that tells the two apart in the list.
    const keep = async () => {
      const taken = (await db.flows.orderBy('name').keys()).map(String);
      const copy: FlowDoc = { ...flow, id: newId('flow'), name: uniqueName(`${flow.name} (imported)`.slice(0, 200), taken) };
      await createFlow(db, copy);
      auditFlowImport(copy, fileName, 'copy');
      return copy;
    };
    keep().then(
      (copy) => finish(fileName, copy, warnings),
      (error: unknown) => failed(fileName, error),
    );
  }, [state, finish, failed]);

  const replace = useCallback(() => {
    if (state.step !== 'conflict') return;
    const { fileName, flow, warnings } = state;
    replaceFlow(db, flow).then(
      ({ previous }) => {
        auditFlowImport(flow, fileName, 'replace');
        if (warnings.length > 0) setState({ step: 'imported', fileName, flowId: flow.id, name: flow.name, warnings });
        else setState({ step: 'idle' });
        toast(`Replaced “${previous?.name ?? flow.name}” with the imported flow.`, {
          action: previous
            ? {
                label: 'Undo',
                run: () => {
                  forceSaveFlow(db, previous.doc).then(
                    () => toast(`Restored “${previous.name}”.`),
                    (error: unknown) => toast(`Could not restore “${previous.name}”: ${errorMessage(error)}`, { kind: 'error' }),
                  );
                },
              }
            : openAction(flow.id),
        });
      },
      (error: unknown) => failed(fileName, error),
    );
  }, [state, failed]);

  const close = useCallback((step?: ImportState['step']) => setState((current) => (step === undefined || current.step === step ? { step: 'idle' } : current)), []);

  return { state, importFiles, keepBoth, replace, close };
}
