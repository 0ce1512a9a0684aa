import { Suspense, lazy, useEffect } from 'react';
import { useRoute } from './router';
import { Header } from './shell/Header';
import { FlowsPage } from './library/FlowsPage';
import { EditorPage } from './editor/EditorPage';
import { RunsPage } from './runs/RunsPage';
import { NotFound } from './shell/NotFound';
import { Toaster } from './ui/toasts';

// Pages opened less often load on first use, keeping the entry bundle within its budget.
const BatchPage = lazy(() => import('./runs/BatchPage').then((m) => ({ default: m.BatchPage })));
const ReviewPage = lazy(() => import('./review/ReviewPage').then((m) => ({ default: m.ReviewPage })));
const TrustPage = lazy(() => import('./trust/TrustPage').then((m) => ({ default: m.TrustPage })));
const TrustStepPage = lazy(() => import('./trust/TrustStepPage').then((m) => ({ default: m.TrustStepPage })));
const AuditPage = lazy(() => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })));
// The run detail page (validation layers, lineage, trace export) and Settings (providers, the
// trace collector) load on first use too: together they were ~50 kB gzip of the entry bundle.
const RunDetailPage = lazy(() => import('./runs/RunDetailPage').then((m) => ({ default: m.RunDetailPage })));
const SettingsPage = lazy(() => import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const RunTracePage = lazy(() => import('./trace/RunTracePage').then((m) => ({ default: m.RunTracePage })));

function PageLoading() {
  return (
    <p className="page-loading" role="status">
      Loading…
    </p>
  );
}

export function App() {
  const route = useRoute();
  useEffect(() => {
    const titles: Record<string, string> = { flows: 'Flows', editor: 'Editor', runs: 'Runs', run: 'Run', batch: 'Dataset run', review: 'Review', trust: 'Trust', 'trust-step': 'Trust', audit: 'Audit', settings: 'Settings', 'not-found': 'Not found' };
    document.title = `${titles[route.page] ?? 'Trellis'} · Trellis`;
  }, [route.page]);
  return (
    <div className={`app app-${route.page}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header route={route} />
      <main className="main" id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
        {route.page === 'flows' ? <FlowsPage /> : null}
        {route.page === 'editor' ? <EditorPage key={route.flowId} flowId={route.flowId} /> : null}
        {route.page === 'runs' ? <RunsPage {...(route.flowId ? { flowId: route.flowId } : {})} {...(route.status ? { status: route.status } : {})} /> : null}
        {route.page === 'run' ? route.view === 'trace' ? <RunTracePage key={route.runId} runId={route.runId} /> : <RunDetailPage runId={route.runId} /> : null}
        {route.page === 'batch' ? <BatchPage batchId={route.batchId} /> : null}
        {route.page === 'review' ? <ReviewPage flowId={route.flowId} step={route.step} reason={route.reason} /> : null}
        {route.page === 'trust' ? <TrustPage {...(route.flowId ? { flowId: route.flowId } : {})} /> : null}
        {route.page === 'trust-step' ? <TrustStepPage key={`${route.flowId}/${route.nodeId}`} flowId={route.flowId} nodeId={route.nodeId} /> : null}
        {route.page === 'audit' ? <AuditPage {...(route.type ? { type: route.type } : {})} /> : null}
        {route.page === 'settings' ? <SettingsPage /> : null}
        {route.page === 'not-found' ? <NotFound path={route.path} /> : null}
        </Suspense>
      </main>
      <Toaster />
    </div>
  );
}
