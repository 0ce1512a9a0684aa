import { hrefFor, type Route } from '../router';
import { ProviderBadge } from './ProviderBadge';

const LINKS = [
  { label: 'Flows', route: { page: 'flows' } as const, active: (r: Route) => r.page === 'flows' || r.page === 'editor' },
  { label: 'Runs', route: { page: 'runs' } as const, active: (r: Route) => r.page === 'runs' || r.page === 'run' || r.page === 'batch' },
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
        {LINKS.map((link) => (
          <a key={link.label} href={hrefFor(link.route)} className="nav-link" aria-current={link.active(route) ? 'page' : undefined}>
            {link.label}
          </a>
        ))}
      </nav>
      <ProviderBadge />
    </header>
  );
}
