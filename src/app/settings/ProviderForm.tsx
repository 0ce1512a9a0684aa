/**
 * Add or edit a provider: OpenAI (key required) or any OpenAI-compatible endpoint (base URL,
 * optional key). The model list is fetched from the endpoint, with a typed name as fallback.
 * The key field is uncontrolled: what is typed is read once on save or fetch and never put into
 * React state or an HTML attribute; a saved key is only ever shown masked.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import {
  getApiKey,
  isHttpUrl,
  parseProviderInput,
  saveProvider,
  SettingsValidationError,
  OPENAI_DEFAULT_BASE_URL,
  type FieldErrors,
  type KeyStatus,
  type ProviderField,
  type ProviderInput,
  type StoredProvider,
} from '../../storage/settingsRepo';
import { db } from '../runtime/database';
import { testConnection, type ConnectionResult } from './connection';
import { ConnectionReport } from './ConnectionReport';
import { sessionKeys } from './sessionStore';
import { KeyField, ModelField } from './ProviderFields';

type Kind = ProviderInput['kind'];

const PRESETS = [
  { name: 'Ollama', url: 'http://localhost:11434/v1' },
  { name: 'vLLM', url: 'http://localhost:8000/v1' },
  { name: 'LM Studio', url: 'http://localhost:1234/v1' },
];

/** "localhost:11434" → "http://localhost:11434/v1": the usual slip, fixed in one click. */
function suggestedURL(text: string): string | undefined {
  const t = text.trim();
  if (!t || /^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return undefined;
  const candidate = `http://${t}`;
  if (!isHttpUrl(candidate)) return undefined;
  const url = new URL(candidate);
  return url.pathname === '/' ? `${url.origin}/v1` : candidate;
}

export interface ProviderFormProps {
  formId: string;
  editing?: { provider: StoredProvider; keyStatus: KeyStatus | undefined };
  onSaved: (provider: StoredProvider, isNew: boolean) => void;
  onBusy: (busy: boolean) => void;
}

export function ProviderForm({ formId, editing, onSaved, onBusy }: ProviderFormProps) {
  const id = useId();
  const start = editing?.provider;
  const [kind, setKind] = useState<Kind>(start?.config.kind === 'openai-compatible' ? 'openai-compatible' : start ? 'openai' : 'openai-compatible');
  const [label, setLabel] = useState(start?.config.label ?? '');
  const [baseURL, setBaseURL] = useState(start?.config.baseURL ?? '');
  const [model, setModel] = useState(start?.config.defaultModel ?? '');
  const [timeoutSec, setTimeoutSec] = useState(start?.config.timeoutMs ? String(start.config.timeoutMs / 1000) : '');
  const [keyStorage, setKeyStorage] = useState<'device' | 'session'>(start?.keyStorage === 'session' ? 'session' : 'device');
  const [removeKey, setRemoveKey] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [fetching, setFetching] = useState(false);
  const [fetched, setFetched] = useState<ConnectionResult>();
  const keyRef = useRef<HTMLInputElement>(null);
  const fieldId = (field: ProviderField) => `${id}-${field}`;

  const savedKey = editing?.keyStatus && (editing.keyStatus.state === 'device' || editing.keyStatus.state === 'session') ? editing.keyStatus : undefined;
  const typedKey = () => keyRef.current?.value.trim() ?? '';
  const keyChoice = (): string | null | undefined => (typedKey() ? typedKey() : removeKey ? null : undefined);

  const input = (): ProviderInput => {
    const seconds = timeoutSec.trim() === '' ? undefined : Number(timeoutSec);
    return {
      ...(start ? { id: start.config.id } : {}),
      kind,
      label,
      baseURL,
      defaultModel: model,
      ...(seconds === undefined ? {} : { timeoutMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : NaN }),
      keyStorage,
      apiKey: keyChoice(),
    };
  };

  const focusFirstError = (found: FieldErrors) => {
    const order: ProviderField[] = ['label', 'baseURL', 'apiKey', 'defaultModel', 'timeoutMs'];
    const first = order.find((f) => found[f]);
    if (first === 'timeoutMs') (document.getElementById(`${id}-advanced`) as HTMLDetailsElement | null)?.setAttribute('open', '');
    if (first) document.getElementById(fieldId(first))?.focus();
  };

  /** The key a request should use now: the one typed, else the saved one (unless being removed). */
  const keyForRequest = async (): Promise<string | undefined> => {
    if (typedKey()) return typedKey();
    if (removeKey || !start) return undefined;
    return getApiKey(db, sessionKeys, start);
  };

  const fetchModels = async () => {
    const checked = parseProviderInput({ ...input(), defaultModel: model || 'unset', apiKey: typedKey() || undefined }, start?.config.id ?? 'new');
    if ('errors' in checked && (checked.errors.baseURL || checked.errors.apiKey)) {
      const found = { ...(checked.errors.baseURL ? { baseURL: checked.errors.baseURL } : {}), ...(checked.errors.apiKey ? { apiKey: checked.errors.apiKey } : {}) };
      setErrors(found);
      focusFirstError(found);
      return;
    }
    setFetching(true);
    setFetched(undefined);
    const config = {
      id: start?.config.id ?? 'new',
      kind,
      label: label.trim() || (kind === 'openai' ? 'OpenAI' : 'The endpoint'),
      ...(baseURL.trim() ? { baseURL: baseURL.trim() } : {}),
      defaultModel: '',
    };
    const result = await testConnection(config, await keyForRequest());
    setFetching(false);
    setFetched(result);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const value = input();
    const checked = parseProviderInput(value, start?.config.id ?? 'new');
    const found: FieldErrors = 'errors' in checked ? { ...checked.errors } : {};
    const willHaveKey = Boolean(typedKey()) || (Boolean(savedKey) && !removeKey);
    if (kind === 'openai' && !willHaveKey && !found.apiKey) found.apiKey = 'OpenAI needs an API key. Paste the key from platform.openai.com.';
    if (Object.keys(found).length > 0) {
      setErrors(found);
      focusFirstError(found);
      return;
    }
    setErrors({});
    onBusy(true);
    try {
      const saved = await saveProvider(db, sessionKeys, value);
      if (keyRef.current) keyRef.current.value = '';
      onSaved(saved, !start);
    } catch (error) {
      if (error instanceof SettingsValidationError) {
        setErrors(error.fields);
        focusFirstError(error.fields);
      } else {
        setFormError(`The provider was not saved: ${error instanceof Error ? error.message : String(error)} Your entries are still here; try again.`);
      }
    } finally {
      onBusy(false);
    }
  };

  const errorProps = (field: ProviderField, help?: string) => ({
    id: fieldId(field),
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': [errors[field] ? `${fieldId(field)}-error` : '', help ?? ''].filter(Boolean).join(' ') || undefined,
  });
  const fieldError = (field: ProviderField) =>
    errors[field] ? (
      <span className="field-error" id={`${fieldId(field)}-error`}>
        {errors[field]}
      </span>
    ) : null;
  const models = fetched?.ok ? fetched.models : [];

  return (
    <form id={formId} className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
      {formError ? (
        <p className="error" role="alert">
          {formError}
        </p>
      ) : null}
      <fieldset className="settings-choice">
        <legend>Provider type</legend>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === 'openai-compatible'} onChange={() => {
            setKind('openai-compatible');
            if (label === 'OpenAI') setLabel('');
          }} />
          <span>
            <strong>OpenAI-compatible endpoint</strong>
            <span className="field-help">Ollama, vLLM, LM Studio, a gateway: any server with the OpenAI API.</span>
          </span>
        </label>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === 'openai'} onChange={() => {
            setKind('openai');
            if (!label.trim()) setLabel('OpenAI');
          }} />
          <span>
            <strong>OpenAI</strong>
            <span className="field-help">api.openai.com with your API key.</span>
          </span>
        </label>
      </fieldset>

      <div className="settings-row">
        <div className="field">
          <label htmlFor={fieldId('label')}>Name</label>
          <input type="text" value={label} onChange={(e) => setLabel(e.target.value)} placeholder={kind === 'openai' ? 'OpenAI' : 'e.g. Ollama on my laptop'} autoComplete="off" {...errorProps('label')} />
          {fieldError('label')}
        </div>
        <div className="field">
          <label htmlFor={fieldId('baseURL')}>Base URL{kind === 'openai' ? ' (optional)' : ''}</label>
          <input type="url" value={baseURL} onChange={(e) => setBaseURL(e.target.value)} placeholder={kind === 'openai' ? OPENAI_DEFAULT_BASE_URL : 'http://localhost:11434/v1'} autoComplete="off" spellCheck={false} {...errorProps('baseURL', `${id}-url-help`)} />
          {fieldError('baseURL')}
          {errors.baseURL && suggestedURL(baseURL) ? (
            <button type="button" className="settings-link settings-suggest" onClick={() => {
              setBaseURL(suggestedURL(baseURL) ?? baseURL);
              setErrors((e) => ({ ...e, baseURL: undefined }));
            }}>
              Use {suggestedURL(baseURL)}
            </button>
          ) : null}
          <span className="field-help" id={`${id}-url-help`}>
            {kind === 'openai' ? `Leave empty for ${OPENAI_DEFAULT_BASE_URL}.` : 'The address before /chat/completions, usually ending in /v1.'}
          </span>
          {kind === 'openai' ? null : (
            <span className="field-help settings-presets">
              Fill in:
              {PRESETS.map((preset) => (
                <button
                  key={preset.name}
                  type="button"
                  className="settings-preset"
                  aria-label={`Fill in ${preset.name}'s usual address, ${preset.url}`}
                  onClick={() => {
                    setBaseURL(preset.url);
                    if (!label.trim()) setLabel(preset.name);
                  }}
                >
                  {preset.name}
                </button>
              ))}
            </span>
          )}
        </div>
      </div>

      <div className="settings-row">
        <KeyField
          id={fieldId('apiKey')}
          inputRef={keyRef}
          required={kind === 'openai'}
          error={errors.apiKey}
          savedKey={savedKey}
          missing={editing?.keyStatus?.state === 'missing'}
          removeKey={removeKey}
          onRemoveKey={kind === 'openai' ? undefined : setRemoveKey}
          keyStorage={keyStorage}
          onKeyStorage={setKeyStorage}
        />
      </div>

      <ModelField
        id={fieldId('defaultModel')}
        value={model}
        onChange={setModel}
        models={models}
        error={errors.defaultModel}
        fetching={fetching}
        onFetch={() => void fetchModels()}
      />
      <div className="settings-fetch-result" role="status">
        {fetched && !fetching ? <ConnectionReport result={fetched} compact /> : null}
      </div>

      <details className="settings-advanced" id={`${id}-advanced`}>
        <summary>Advanced</summary>
        <div className="field">
          <label htmlFor={fieldId('timeoutMs')}>Timeout (seconds)</label>
          <input type="number" min={1} max={600} step={1} inputMode="numeric" value={timeoutSec} onChange={(e) => setTimeoutSec(e.target.value)} placeholder="60" {...errorProps('timeoutMs', `${id}-timeout-help`)} />
          {fieldError('timeoutMs')}
          <span className="field-help" id={`${id}-timeout-help`}>
            How long to wait for the model to start or continue answering before giving up. Default 60 seconds.
          </span>
        </div>
      </details>
    </form>
  );
}
