/**
 * The editor route (#/flows/:id): opens the flow (putting back any draft a closed tab left),
 * then shows the editor. A flow that does not exist gets a clear message and a way back.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { getFlow } from '../../storage/flowsRepo';
import { hrefFor } from '../router';
import { db } from '../runtime/database';
import { toast } from '../ui/toasts';
import { defaultDraftStorage, readDraft, reconcileDraft } from './persistence/draft';
import { useEditorStore } from './store';
import { useEditorUi } from './ui';

const EditorWorkspace = lazy(() => import('./Editor'));

type PageState = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready' };

async function openFlow(flowId: string): Promise<PageState> {
  const storage = defaultDraftStorage();
  const result = reconcileDraft(await getFlow(db, flowId), readDraft(storage, flowId));
  if (result.kind === 'missing') return { kind: 'missing' };
  const store = useEditorStore.getState();
  useEditorUi.getState().reset();
  if (!result.recovered) {
    store.load(result.doc, result.revision);
  } else if (result.recovered.mode === 'continue') {
    store.load(result.doc, result.revision);
    const recovered = result.recovered.doc;
    store.change(() => recovered);
    toast('Restored changes that had not been saved when the page closed.');
  } else {
    // Made over a version another tab has since replaced: saving it will ask which to keep.
    store.load(result.recovered.doc, result.recovered.baseRevision);
    useEditorStore.setState({ savedDoc: null });
  }
  return { kind: 'ready' };
}

export function EditorPage({ flowId }: { flowId: string }) {
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    openFlow(flowId).then(
      (next) => !cancelled && setState(next),
      (error: unknown) => !cancelled && setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [flowId]);

  if (state.kind === 'loading') {
    return (
      <div className="page" role="status">
        <p className="lede">Opening the flow…</p>
      </div>
    );
  }
  if (state.kind === 'missing' || state.kind === 'error') {
    return (
      <div className="page">
        <h1>{state.kind === 'missing' ? 'This flow does not exist' : 'The flow could not be opened'}</h1>
        <p className="lede">
          {state.kind === 'missing' ? (
            <>
              There is no flow with the id <code>{flowId}</code> in this browser. It may have been deleted, or the link came from another browser.
            </>
          ) : (
            state.message
          )}
        </p>
        <p>
          <a href={hrefFor({ page: 'flows' })}>Back to your flows</a>
        </p>
      </div>
    );
  }
  return (
    <Suspense
      fallback={
        <div className="page" role="status">
          <p className="lede">Opening the editor…</p>
        </div>
      }
    >
      <EditorWorkspace flowId={flowId} />
    </Suspense>
  );
}
