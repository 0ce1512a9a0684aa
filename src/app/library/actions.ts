/**
 * What the library's buttons do to flows: create (blank or from a template), duplicate, rename,
 * delete with undo, export. Failures (a flow deleted in another tab, a full disk) become a toast
 * that says what happened; nothing throws into React.
 */
import { createEmptyFlow, newId } from '../../engine/flow/create';
import type { FlowTemplate } from '../../engine/templates';
import { createFlow, deleteFlow, duplicateFlow, getFlow, renameFlow, restoreFlow } from '../../storage/flowsRepo';
import { navigate } from '../router';
import { db } from '../runtime/database';
import { toast } from '../ui/toasts';
import { downloadFlow } from './exportFlow';
import { uniqueName } from './libraryView';

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function fail(what: string, error: unknown): void {
  toast(`${what}: ${errorMessage(error)}`, { kind: 'error', durationMs: 10_000 });
}

export async function createBlankFlow(takenNames: Iterable<string>): Promise<void> {
  try {
    const doc = createEmptyFlow(uniqueName('Untitled flow', takenNames));
    await createFlow(db, doc);
    navigate({ page: 'editor', flowId: doc.id });
  } catch (error) {
    fail('Could not create the flow', error);
  }
}

export async function createFromTemplate(template: FlowTemplate): Promise<void> {
  try {
    const doc = template.create(newId('flow'));
    await createFlow(db, doc);
    navigate({ page: 'editor', flowId: doc.id });
  } catch (error) {
    fail(`Could not create a flow from “${template.name}”`, error);
  }
}

export async function duplicate(id: string): Promise<string | null> {
  try {
    const copy = await duplicateFlow(db, id, newId('flow'));
    toast(`Created “${copy.name}”.`, { action: { label: 'Open', run: () => navigate({ page: 'editor', flowId: copy.id }) } });
    return copy.id;
  } catch (error) {
    fail('Could not duplicate the flow', error);
    return null;
  }
}

export async function rename(id: string, name: string, description: string): Promise<boolean> {
  try {
    await renameFlow(db, id, { name, description });
    return true;
  } catch (error) {
    fail('Could not rename the flow', error);
    return false;
  }
}

export async function remove(id: string): Promise<void> {
  try {
    const deleted = await deleteFlow(db, id);
    if (!deleted) return;
    toast(`Deleted “${deleted.flow.name}”.`, {
      action: {
        label: 'Undo',
        run: () => {
          restoreFlow(db, deleted).then(
            () => toast(`Restored “${deleted.flow.name}”.`),
            (error: unknown) => fail('Could not restore the flow', error),
          );
        },
      },
    });
  } catch (error) {
    fail('Could not delete the flow', error);
  }
}

export async function exportById(id: string): Promise<void> {
  try {
    const row = await getFlow(db, id);
    if (!row) throw new Error('This flow no longer exists; it may have been deleted in another tab.');
    downloadFlow(row.doc);
  } catch (error) {
    fail('Could not export the flow', error);
  }
}
