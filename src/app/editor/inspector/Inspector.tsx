/**
 * The editor's inspector (rendered in the sidebar). Its forms, schema introspection and editors
 * load as their own chunk, started as soon as this module loads, so they stay out of the entry
 * bundle without making anyone wait.
 */
import { lazy, Suspense } from 'react';

const loadView = () => import('./InspectorView');
const InspectorView = lazy(loadView);
void loadView().catch(() => undefined);

export function Inspector() {
  return (
    <Suspense fallback={<p className="hint">Loading the inspector…</p>}>
      <InspectorView />
    </Suspense>
  );
}
