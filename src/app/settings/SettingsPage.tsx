/**
 * Settings: model providers (the scripted demo model, OpenAI, any OpenAI-compatible endpoint),
 * their keys (masked; kept on this device or for this session), the default provider, and the
 * reviewer's name. Everything is live: a change in another tab shows here at once.
 */
import { useId, useRef, useState } from 'react';
import { removeProvider, removeSettingsRow, restoreProvider, setDefaultProvider, type StoredProvider } from '../../storage/settingsRepo';
import { db } from '../runtime/database';
import { Dialog } from '../ui/Dialog';
import { toast } from '../ui/toasts';
import { useKeyStatus, useProvidersState } from './hooks';
import { ProviderCard } from './ProviderCard';
import { ProviderForm } from './ProviderForm';
import { ReviewerSection } from './ReviewerSection';
import { sessionKeys } from './sessionStore';
import { TraceCollectorSection } from './TraceCollectorSection';
import './settings.css';

type Editing = { mode: 'closed' } | { mode: 'add'; n: number } | { mode: 'edit'; id: string; n: number };

function failed(what: string, error: unknown): void {
  toast(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
}

export function SettingsPage() {
  const id = useId();
  const state = useProvidersState();
  const keys = useKeyStatus(state);
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [busy, setBusy] = useState(false);
  const opened = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formId = `${id}-provider-form`;

  const editedProvider = editing.mode === 'edit' ? state?.providers.find((p) => p.config.id === editing.id) : undefined;
  const close = () => setEditing({ mode: 'closed' });

  const makeDefault = async (provider: StoredProvider) => {
    try {
      await setDefaultProvider(db, provider.config.id);
      toast(provider.config.kind === 'scripted' ? 'Runs now use the demo model by default.' : `Runs now use ${provider.config.label} (${provider.config.defaultModel}) by default.`);
    } catch (error) {
      failed('Choosing the default provider', error);
    }
  };

  const remove = async (provider: StoredProvider) => {
    try {
      const removed = await removeProvider(db, sessionKeys, provider.config.id);
      headingRef.current?.focus();
      if (!removed) return;
      toast(`Removed ${provider.config.label}${removed.wasDefault ? '; runs use the demo model by default again' : ''}.`, {
        action: { label: 'Undo', run: () => void restoreProvider(db, sessionKeys, removed).catch((error: unknown) => failed('Undo', error)) },
      });
    } catch (error) {
      failed(`Removing ${provider.config.label}`, error);
    }
  };

  return (
    <div className="page settings-page">
      <div className="page-head">
        <h1>Settings</h1>
        <p className="lede">Connect the models your flows run on, and say who you are when you review. Everything here stays in this browser.</p>
      </div>

      {state && state.problems.length > 0 ? (
        <section className="settings-problems" aria-labelledby={`${id}-problems`}>
          <h2 id={`${id}-problems`}>Some settings could not be read</h2>
          <p>They are ignored, and the demo model stands in where they were used. Nothing else is affected.</p>
          <ul>
            {state.problems.map((problem) => (
              <li key={problem.key}>
                <span>{problem.message}</span>
                {problem.key.startsWith('(') ? null : (
                  <button type="button" className="settings-small" onClick={() => void removeSettingsRow(db, sessionKeys, problem.key).catch((error: unknown) => failed('Removing the damaged entry', error))}>
                    Remove damaged entry <span className="settings-sr-only">{problem.key}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="panel settings-section" aria-labelledby={`${id}-providers`}>
        <div className="settings-section-head">
          <div>
            <h2 id={`${id}-providers`} ref={headingRef} tabIndex={-1}>
              Model providers
            </h2>
            <p className="hint">
              Runs use the default provider and its default model unless a flow or node chooses another. API keys are sent only to their own provider, are never shown again in full, and never go into exports, traces or logs.
            </p>
          </div>
          <button type="button" className="primary" onClick={() => setEditing({ mode: 'add', n: ++opened.current })}>
            Add provider
          </button>
        </div>
        {state ? (
          <ul className="settings-providers" aria-label="Model providers">
            {state.providers.map((provider) => (
              <ProviderCard
                key={provider.config.id}
                provider={provider}
                keyStatus={keys?.[provider.config.id]}
                isDefault={provider.config.id === state.defaultProviderId}
                onEdit={() => setEditing({ mode: 'edit', id: provider.config.id, n: ++opened.current })}
                onRemove={() => void remove(provider)}
                onMakeDefault={() => void makeDefault(provider)}
              />
            ))}
          </ul>
        ) : (
          <p className="settings-muted">Loading providers…</p>
        )}
      </section>

      <ReviewerSection />

      <TraceCollectorSection />

      <Dialog
        open={editing.mode !== 'closed'}
        title={editing.mode === 'edit' ? `Edit ${editedProvider?.config.label ?? 'provider'}` : 'Add a model provider'}
        onClose={close}
        wide
        footer={
          <>
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" form={formId} className="primary" disabled={busy}>
              {editing.mode === 'edit' ? 'Save changes' : 'Add provider'}
            </button>
          </>
        }
      >
        {editing.mode === 'edit' && !editedProvider ? (
          <p className="error" role="alert">
            This provider was removed (perhaps in another tab). Close this dialog and add it again.
          </p>
        ) : editing.mode !== 'closed' ? (
          <ProviderForm
            key={editing.n}
            formId={formId}
            {...(editedProvider ? { editing: { provider: editedProvider, keyStatus: keys?.[editedProvider.config.id] } } : {})}
            onBusy={setBusy}
            onSaved={(saved, isNew) => {
              close();
              if (isNew) {
                toast(`Added ${saved.config.label}.`, { action: { label: 'Make it the default', run: () => void makeDefault(saved) } });
              } else toast(`Saved ${saved.config.label}.`);
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
