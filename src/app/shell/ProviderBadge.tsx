/**
 * Which model provider runs use. The demo model is plainly labelled as scripted. Settings
 * replaces `useDefaultProviderLabel` with the configured default.
 */
import { hrefFor } from '../router';
import { useDefaultProvider } from './defaultProvider';

export function ProviderBadge() {
  const provider = useDefaultProvider();
  return (
    <a
      className={`provider ${provider.scripted ? 'provider-scripted' : 'provider-real'}`}
      href={hrefFor({ page: 'settings' })}
      aria-label={provider.scripted ? 'Model provider: demo model, scripted and offline, not a real model. Open settings' : `Model provider: ${provider.label}. Open settings`}
      title={provider.scripted ? "No real model is connected. Replies come from Trellis's scripted demo responder, which runs offline and answers deterministically." : undefined}
    >
      <span className="provider-dot" aria-hidden="true" />
      {provider.scripted ? (
        <span>
          <strong>Demo model</strong> · scripted, offline — not a real model
        </span>
      ) : (
        <span>
          <strong>{provider.label}</strong>
          {provider.model ? ` · ${provider.model}` : ''}
        </span>
      )}
    </a>
  );
}
