/**
 * Settings, "Trace collector": where the run page sends traces (an OTLP/HTTP endpoint), optional
 * request headers for its credentials (values kept with the API keys, shown masked), and whether
 * traces include message content by default.
 */
import { useId, useState, type FormEvent } from 'react';
import { CollectorValidationError, removeTraceCollector, saveTraceCollector, type CollectorField } from '../../storage/traceCollector';
import { db } from '../runtime/database';
import { toast } from '../ui/toasts';
import { useTraceCollector } from './traceCollectorState';
import './traceCollector.css';

type Errors = Partial<Record<CollectorField, string>>;

interface TextFieldProps {
  id: string;
  label: string;
  type: 'url' | 'text' | 'password';
  value: string;
  placeholder: string;
  autoComplete: string;
  error: string | undefined;
  /** Ids of more text describing the field (a hint). */
  describedBy?: string;
  disabled?: boolean;
  onChange(value: string): void;
}

/** A labelled input with its error, the error and any hint naming it as its description. */
function TextField({ id, label, error, describedBy, onChange, ...input }: TextFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...input}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? errorId : '', describedBy ?? ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function TraceCollectorSection() {
  const id = useId();
  const state = useTraceCollector();
  const stored = state.collector;
  // The fields follow the stored settings (also from another tab) until the person edits them.
  const [endpoint, setEndpoint] = useState<string>();
  const [content, setContent] = useState<boolean>();
  const [headerName, setHeaderName] = useState('');
  const [headerValue, setHeaderValue] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const endpointValue = endpoint ?? stored?.endpoint ?? '';
  const includeContent = content ?? stored?.includeContent ?? false;
  const fieldId = (field: CollectorField) => `${id}-${field}`;

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setStatus('');
    try {
      setStatus(await work());
      setErrors({});
    } catch (error) {
      if (error instanceof CollectorValidationError) {
        setErrors(error.fields);
        const first = (['endpoint', 'headerName', 'headerValue'] as const).find((field) => error.fields[field]);
        if (first) document.getElementById(fieldId(first))?.focus();
      } else toast(`Saving the trace collector failed: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const added = headerName.trim();
      const saved = await saveTraceCollector(db, { endpoint: endpointValue, includeContent, addHeader: { name: headerName, value: headerValue } });
      setEndpoint(undefined);
      setContent(undefined);
      setHeaderName('');
      setHeaderValue('');
      return `Saved. Traces go to ${saved.endpoint}${added ? ` with the header ${added}` : ''}${saved.includeContent ? ', message content included' : ', without message content'}.`;
    });
  };

  const removeHeader = (name: string) => {
    if (!stored) return;
    void run(async () => {
      await saveTraceCollector(db, { endpoint: stored.endpoint, includeContent: stored.includeContent, removeHeaders: [name] });
      return `Removed the header ${name}.`;
    });
  };

  const removeAll = () =>
    void run(async () => {
      await removeTraceCollector(db);
      setEndpoint(undefined);
      setContent(undefined);
      return 'Removed the trace collector and its headers. Traces can still be downloaded from each run.';
    });

  return (
    <section className="panel settings-section trace-collector" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Trace collector</h2>
      <p className="hint">
        Optional. Send a run’s trace to an OpenTelemetry collector over OTLP/HTTP (JSON): Jaeger or Arize Phoenix usually at <code>http://localhost:4318/v1/traces</code>, Langfuse at its{' '}
        <code>/api/public/otel/v1/traces</code> endpoint. Without one, each run’s page still downloads its trace as a file.
      </p>
      {state.problem ? <p className="settings-warn">{state.problem.message}</p> : null}
      <form className="settings-form trace-collector-form" onSubmit={submit} noValidate aria-label="Trace collector">
        <TextField
          id={fieldId('endpoint')}
          label="Endpoint URL"
          type="url"
          value={endpointValue}
          disabled={!state.loaded}
          placeholder="http://localhost:4318/v1/traces"
          autoComplete="url"
          error={errors.endpoint}
          onChange={(value) => {
            setEndpoint(value);
            setStatus('');
          }}
        />

        <fieldset className="trace-collector-headers">
          <legend>Headers (optional)</legend>
          <p className="hint" id={`${id}-headers-hint`}>
            For collectors that need credentials, such as <code>Authorization: Bearer …</code> (or <code>Basic …</code> for Langfuse). Values are kept with your API keys on this device, shown masked, and never go into trace files, exports or backups.
          </p>
          {state.headers.length > 0 ? (
            <ul className="trace-collector-saved" aria-label="Saved headers">
              {state.headers.map((header) => (
                <li key={header.name}>
                  <code>{header.name}</code>
                  <span className="settings-masked">{header.masked ?? 'value missing on this device'}</span>
                  <button type="button" className="settings-small" disabled={busy} onClick={() => removeHeader(header.name)}>
                    Remove <span className="settings-sr-only">header {header.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="settings-row">
            <TextField
              id={fieldId('headerName')}
              label={state.headers.length > 0 ? 'Add a header: name' : 'Header name'}
              type="text"
              value={headerName}
              placeholder="Authorization"
              autoComplete="off"
              error={errors.headerName}
              describedBy={`${id}-headers-hint`}
              onChange={setHeaderName}
            />
            <TextField id={fieldId('headerValue')} label="Header value" type="password" value={headerValue} placeholder="Bearer …" autoComplete="new-password" error={errors.headerValue} onChange={setHeaderValue} />
          </div>
        </fieldset>

        <label className="settings-check trace-collector-content">
          <input type="checkbox" checked={includeContent} disabled={!state.loaded} aria-describedby={`${id}-content-hint`} onChange={(e) => setContent(e.target.checked)} />
          Include message content
        </label>
        <p className="hint trace-collector-content-hint" id={`${id}-content-hint`}>
          Prompts, model replies, tool arguments and results, validator explanations and reviewers’ reasons; they may hold personal data. Off, a trace still has every step, model, timing, token count, cost and validation result. The run page can change this for one export.
        </p>

        <div className="actions">
          <button type="submit" className="primary" disabled={!state.loaded || busy}>
            Save collector
          </button>
          {stored ? (
            <button type="button" disabled={busy} onClick={removeAll}>
              Remove collector
            </button>
          ) : null}
        </div>
      </form>
      <p className="settings-saved" role="status">
        {status}
      </p>
    </section>
  );
}
