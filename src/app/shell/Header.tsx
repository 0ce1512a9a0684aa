import type { ComponentType } from 'react';
import { hrefFor, type Route } from '../router';
import { ReviewCount } from '../review/ReviewCount';
import { ProviderBadge } from './ProviderBadge';

const LINKS: { label: string; route: Exclude<Route, { page: 'not-found' }>; active: (r: Route) => boolean; count?: ComponentType }[] = [
  { label: 'Flows', route: { page: 'flows' } as const, active: (r: Route) => r.page === 'flows' || r.page === 'editor' },
  { label: 'Runs', route: { page: 'runs' } as const, active: (r: Route) => r.page === 'runs' || r.page === 'run' || r.page === 'batch' },
  { label: 'Review', route: { page: 'review' } as const, active: (r: Route) => r.page === 'review', count: ReviewCount },
  { label: 'Trust', route: { page: 'trust' } as const, active: (r: Route) => r.page === 'trust' || r.page === 'trust-step' },
  { label: 'Audit', route: { page: 'audit' } as const, active: (r: Route) => r.page === 'audit' },
  { label: 'Settings', route: { page: 'settings' } as const, active: (r: Route) => r.page === 'settings' },
];

export function Header({ route }: { route: Route }) {
  return (
    <header className="header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 20V4M12 20V4M20 20V4M4 8h16M4 16h16" />
        </svg>
        <span className="brand-name">Trellis</span>
      </div>
      <nav className="nav" aria-label="Main">
        {LINKS.map(({ label, route: to, active, count: Count }) => (
          <a key={label} href={hrefFor(to)} className="nav-link" aria-current={active(route) ? 'page' : undefined}>
            {label}
            {Count ? <Count /> : null}
          </a>
        ))}
      </nav>
      <ProviderBadge />
    </header>
  );
}
