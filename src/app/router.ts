/**
 * Hash routes: the app is one static page, so routes live after `#` and survive reloads.
 *   #/flows            flows library (the start page)
 *   #/flows/:id        the editor for a flow
 *   #/runs             runs list (optional ?flow=ID&status=STATUS)
 *   #/runs/:id         run detail
 *   #/runs/:id/trace   the run's trace (waterfall of its spans)
 *   #/batches/:id      a dataset run
 *   #/review           review queue (optional ?flow=ID&step=GATE_NODE_ID&reason=full|forced|sampled)
 *   #/trust            reviewed steps and their trust (optional ?flow=ID)
 *   #/trust/:flow/:node  one step's trust: evidence, recommendation, chart, history, export
 *   #/audit            the hash-chained audit trail (optional ?type=TYPE)
 *   #/settings         providers, keys, reviewer name
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'flows' }
  | { page: 'editor'; flowId: string }
  | { page: 'runs'; flowId?: string; status?: string }
  | { page: 'run'; runId: string; view?: 'trace' }
  | { page: 'batch'; batchId: string }
  | { page: 'review'; flowId?: string; step?: string; reason?: string }
  | { page: 'trust'; flowId?: string }
  | { page: 'trust-step'; flowId: string; nodeId: string }
  | { page: 'audit'; type?: string }
  | { page: 'settings' }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts.length === 0 || (parts[0] === 'flows' && parts.length === 1)) return { page: 'flows' };
  if (parts[0] === 'flows' && parts[1] && parts.length === 2) return { page: 'editor', flowId: parts[1] };
  if (parts[0] === 'runs' && parts.length === 1) {
    const route: Route = { page: 'runs' };
    const flowId = params.get('flow');
    const status = params.get('status');
    if (flowId) route.flowId = flowId;
    if (status) route.status = status;
    return route;
  }
  if (parts[0] === 'runs' && parts[1] && parts.length === 2) return { page: 'run', runId: parts[1] };
  if (parts[0] === 'runs' && parts[1] && parts[2] === 'trace' && parts.length === 3) return { page: 'run', runId: parts[1], view: 'trace' };
  if (parts[0] === 'batches' && parts[1] && parts.length === 2) return { page: 'batch', batchId: parts[1] };
  if (parts[0] === 'review' && parts.length === 1) {
    const route: Route = { page: 'review' };
    const flowId = params.get('flow');
    const step = params.get('step');
    const reason = params.get('reason');
    if (flowId) route.flowId = flowId;
    if (step) route.step = step;
    if (reason) route.reason = reason;
    return route;
  }
  if (parts[0] === 'trust' && parts.length === 1) {
    const flowId = params.get('flow');
    return flowId ? { page: 'trust', flowId } : { page: 'trust' };
  }
  if (parts[0] === 'trust' && parts[1] && parts[2] && parts.length === 3) return { page: 'trust-step', flowId: parts[1], nodeId: parts[2] };
  if (parts[0] === 'audit' && parts.length === 1) {
    const type = params.get('type');
    return type ? { page: 'audit', type } : { page: 'audit' };
  }
  if (parts[0] === 'settings' && parts.length === 1) return { page: 'settings' };
  return { page: 'not-found', path };
}

export function hrefFor(route: Exclude<Route, { page: 'not-found' }>): string {
  switch (route.page) {
    case 'flows':
      return '#/flows';
    case 'editor':
      return `#/flows/${encodeURIComponent(route.flowId)}`;
    case 'runs': {
      const params = new URLSearchParams();
      if (route.flowId) params.set('flow', route.flowId);
      if (route.status) params.set('status', route.status);
      const query = params.toString();
      return `#/runs${query ? `?${query}` : ''}`;
    }
    case 'run':
      return `#/runs/${encodeURIComponent(route.runId)}${route.view === 'trace' ? '/trace' : ''}`;
    case 'batch':
      return `#/batches/${encodeURIComponent(route.batchId)}`;
    case 'review': {
      const params = new URLSearchParams();
      if (route.flowId) params.set('flow', route.flowId);
      if (route.step) params.set('step', route.step);
      if (route.reason) params.set('reason', route.reason);
      const query = params.toString();
      return `#/review${query ? `?${query}` : ''}`;
    }
    case 'trust':
      return route.flowId ? `#/trust?${new URLSearchParams({ flow: route.flowId }).toString()}` : '#/trust';
    case 'trust-step':
      return `#/trust/${encodeURIComponent(route.flowId)}/${encodeURIComponent(route.nodeId)}`;
    case 'audit':
      return route.type ? `#/audit?${new URLSearchParams({ type: route.type }).toString()}` : '#/audit';
    case 'settings':
      return '#/settings';
  }
}

export function navigate(route: Exclude<Route, { page: 'not-found' }>, options: { replace?: boolean } = {}): void {
  const href = hrefFor(route);
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
