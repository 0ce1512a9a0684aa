/** One provider in the list: what it is, its key (masked), and Test connection / Edit / default / Remove. */
import { useEffect, useId, useRef, useState } from 'react';
import { OPENAI_DEFAULT_BASE_URL, getApiKey, type KeyStatus, type StoredProvider } from '../../storage/settingsRepo';
import { db } from '../runtime/database';
import { testConnection, type ConnectionResult } from './connection';
import { ConnectionReport } from './ConnectionReport';
import { sessionKeys } from './sessionStore';

export interface ProviderCardProps {
  provider: StoredProvider;
  keyStatus: KeyStatus | undefined;
  isDefault: boolean;
  onEdit: () => void;
  onRemove: () => void;
  onMakeDefault: () => void;
}

function KeyLine({ status, kind }: { status: KeyStatus | undefined; kind: StoredProvider['config']['kind'] }) {
  if (!status) return <>…</>;
  switch (status.state) {
    case 'device':
    case 'session':
      return (
        <>
          <code className="settings-masked">{status.masked}</code>{' '}
          <span className="settings-muted">· {status.state === 'device' ? 'remembered on this device' : 'this session only'}</span>
        </>
      );
    case 'missing':
      return <span className="settings-warn">Not available in this tab: it was kept for a session that has ended or another tab. Edit to enter it again.</span>;
    case 'none':
      return <span className="settings-muted">{kind === 'openai' ? 'None set — OpenAI needs one. Edit to add it.' : 'None (many local servers need none)'}</span>;
  }
}

export function ProviderCard({ provider, keyStatus, isDefault, onEdit, onRemove, onMakeDefault }: ProviderCardProps) {
  const titleId = useId();
  const { config } = provider;
  const scripted = config.kind === 'scripted';
  const [testing, setTesting] = useState(false);
  const [report, setReport] = useState<{ result: ConnectionResult; forVersion: number }>();
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const test = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setTesting(true);
    setReport(undefined);
    let result: ConnectionResult;
    try {
      const key = await getApiKey(db, sessionKeys, provider);
      result = await testConnection(config, key, { checkModel: true, signal: controller.signal });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result = { ok: false, problem: 'other', title: 'Could not read the key', message: `The API key could not be read from browser storage (${reason}).` };
    }
    if (controller.signal.aborted) return;
    setTesting(false);
    setReport({ result, forVersion: provider.updatedAt });
  };
  const current = report && report.forVersion === provider.updatedAt ? report.result : undefined;
  const kindLabel = scripted ? 'Scripted demo — not a real model' : config.kind === 'openai' ? 'OpenAI' : 'OpenAI-compatible';

  return (
    <li className={`settings-provider${isDefault ? ' settings-provider-default' : ''}${scripted ? ' settings-provider-scripted' : ''}`} aria-labelledby={titleId}>
      <div className="settings-provider-head">
        <h3 id={titleId}>{scripted ? 'Demo model' : config.label}</h3>
        <span className={`chip ${scripted ? 'chip-human' : 'chip-deterministic'}`}>{kindLabel}</span>
        {isDefault ? <span className="chip settings-chip-default">Default</span> : null}
      </div>
      {scripted ? (
        <p className="settings-provider-note">
          Scripted and offline: replies come from Trellis's built-in responder, which answers deterministically and costs nothing. Use it to try flows; connect a real model for real answers.
        </p>
      ) : null}
      <dl className="settings-provider-facts">
        {!scripted ? (
          <div>
            <dt>Base URL</dt>
            <dd>
              <code>{config.baseURL || OPENAI_DEFAULT_BASE_URL}</code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Default model</dt>
          <dd>
            <code>{config.defaultModel}</code>
          </dd>
        </div>
        {!scripted ? (
          <div>
            <dt>API key</dt>
            <dd>
              <KeyLine status={keyStatus} kind={config.kind} />
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="settings-provider-actions">
        {!scripted ? (
          <button type="button" onClick={() => void test()} disabled={testing} aria-describedby={titleId}>
            {testing ? 'Testing…' : 'Test connection'}
          </button>
        ) : null}
        {!scripted ? (
          <button type="button" onClick={onEdit} aria-describedby={titleId}>
            Edit
          </button>
        ) : null}
        {!isDefault ? (
          <button type="button" onClick={onMakeDefault} aria-describedby={titleId}>
            Make default
          </button>
        ) : null}
        {!scripted ? (
          <button type="button" className="button-danger" onClick={onRemove} aria-describedby={titleId}>
            Remove
          </button>
        ) : null}
      </div>
      {!scripted ? (
        <div className="settings-provider-result" role="status">
          {testing ? <p className="settings-muted">Testing the connection to {config.label}…</p> : current ? <ConnectionReport result={current} /> : null}
        </div>
      ) : null}
    </li>
  );
}
