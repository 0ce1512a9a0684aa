import { useEffect } from 'react';
import { useRoute } from './router';
import { Header } from './shell/Header';
import { FlowsPage } from './library/FlowsPage';
import { EditorPage } from './editor/EditorPage';
import { RunsPage } from './runs/RunsPage';
import { RunDetailPage } from './runs/RunDetailPage';
import { BatchPage } from './runs/BatchPage';
import { ReviewPage } from './review/ReviewPage';
import { SettingsPage } from './settings/SettingsPage';
import { TrustPage } from './trust/TrustPage';
import { TrustStepPage } from './trust/TrustStepPage';
import { NotFound } from './shell/NotFound';
import { Toaster } from './ui/toasts';

export function App() {
  const route = useRoute();
  useEffect(() => {
    const titles: Record<string, string> = { flows: 'Flows', editor: 'Editor', runs: 'Runs', run: 'Run', batch: 'Dataset run', review: 'Review', trust: 'Trust', 'trust-step': 'Trust', settings: 'Settings', 'not-found': 'Not found' };
    document.title = `${titles[route.page] ?? 'Trellis'} · Trellis`;
  }, [route.page]);
  return (
    <div className={`app app-${route.page}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header route={route} />
      <main className="main" id="main" tabIndex={-1}>
        {route.page === 'flows' ? <FlowsPage /> : null}
        {route.page === 'editor' ? <EditorPage key={route.flowId} flowId={route.flowId} /> : null}
        {route.page === 'runs' ? <RunsPage {...(route.flowId ? { flowId: route.flowId } : {})} {...(route.status ? { status: route.status } : {})} /> : null}
        {route.page === 'run' ? <RunDetailPage runId={route.runId} /> : null}
        {route.page === 'batch' ? <BatchPage batchId={route.batchId} /> : null}
        {route.page === 'review' ? <ReviewPage flowId={route.flowId} step={route.step} reason={route.reason} /> : null}
        {route.page === 'trust' ? <TrustPage {...(route.flowId ? { flowId: route.flowId } : {})} /> : null}
        {route.page === 'trust-step' ? <TrustStepPage key={`${route.flowId}/${route.nodeId}`} flowId={route.flowId} nodeId={route.nodeId} /> : null}
        {route.page === 'settings' ? <SettingsPage /> : null}
        {route.page === 'not-found' ? <NotFound path={route.path} /> : null}
      </main>
      <Toaster />
    </div>
  );
}
