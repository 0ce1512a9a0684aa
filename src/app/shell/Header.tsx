import { demoProvider } from '../runtime/services';

export function Header() {
  return (
    <header className="header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 20V4M12 20V4M20 20V4M4 8h16M4 16h16" />
        </svg>
        <span className="brand-name">Trellis</span>
        <span className="brand-tagline">Agent workflows, supervised</span>
      </div>
      <div className="provider" role="note" aria-label="Model provider" title="No real model is connected. Replies come from Trellis's scripted demo responder, which runs offline and answers deterministically.">
        <span className="provider-dot" aria-hidden="true" />
        {demoProvider.scripted ? (
          <span>
            <strong>Demo model</strong> · scripted, offline — not a real model
          </span>
        ) : (
          <span>{demoProvider.label}</span>
        )}
      </div>
    </header>
  );
}
