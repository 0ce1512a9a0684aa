/**
 * The flow's own settings, shown when nothing is selected: name, description, how many steps may
 * run at once, and the default provider (by id, never a key) and model for agent nodes that name
 * none, and what happens to personal data (PiiPolicyEditor). Values the flow document cannot hold (an empty name, concurrency 0) stay in the field
 * with their error until they are fixed; the document keeps its last valid value.
 */
import { useState } from 'react';
import { flowSchema, flowSettingsSchema, type FlowDoc } from '../../../engine/flow/schema';
import { useEditorStore } from '../store';
import { FieldErrors, fieldMessages, ProviderSelect, unknownProviderProblem } from './fields';
import { PiiPolicyEditor } from './PiiPolicyEditor';
import { useProviderOptions } from './providers';
import { discreteChange, flushTypingBurst, typingChange } from './typingBurst';

const nameSchema = flowSchema.shape.name;
const descriptionSchema = flowSchema.shape.description;
const concurrencySchema = flowSettingsSchema.shape.concurrency;
const modelSchema = flowSettingsSchema.shape.model;

function problemOf(schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error?.issues[0]?.message ?? 'is not valid');
}

function change(recipe: (doc: FlowDoc) => FlowDoc, mode: 'typing' | 'discrete'): void {
  const apply = () => useEditorStore.getState().change(recipe);
  if (mode === 'typing') typingChange(apply);
  else discreteChange(apply);
}

/** A field whose draft is kept when the document cannot hold it. */
function useDraft(stored: string): [string, (next: string | null) => void] {
  const [draft, setDraft] = useState<string | null>(null);
  return [draft ?? stored, setDraft];
}

export function FlowSettings({ doc }: { doc: FlowDoc }) {
  const providers = useProviderOptions();
  const [name, setName] = useDraft(doc.name);
  const [concurrencyDraft, setConcurrency] = useState<string | null>(null);
  // Undo (or another tab) changed the stored value under a valid draft: show the stored one.
  if (concurrencyDraft !== null && concurrencyDraft.trim() !== '' && !problemOf(concurrencySchema, Number(concurrencyDraft)) && Number(concurrencyDraft) !== doc.settings.concurrency) setConcurrency(null);
  const concurrency = concurrencyDraft ?? String(doc.settings.concurrency);
  const nameProblem = problemOf(nameSchema, name);
  const descriptionProblem = problemOf(descriptionSchema, doc.description);
  const concurrencyProblem = concurrency.trim() === '' ? 'must be a number' : problemOf(concurrencySchema, Number(concurrency));
  const providerId = doc.settings.providerId ?? '';
  const providerProblems = unknownProviderProblem(providerId, providers);
  const modelProblem = doc.settings.model !== undefined ? problemOf(modelSchema, doc.settings.model) : null;
  const effective = providers.find((p) => p.id === providerId) ?? providers.find((p) => p.isDefault) ?? providers[0];

  const ids = { name: 'flow-settings-name', description: 'flow-settings-description', concurrency: 'flow-settings-concurrency', provider: 'flow-settings-provider', model: 'flow-settings-model' };
  const nameMsgs = fieldMessages(ids.name, undefined, nameProblem ? [`Name ${nameProblem}; the flow keeps “${doc.name}” until then`] : []);
  const descriptionMsgs = fieldMessages(ids.description, 'What the flow is for; shown in the library.', descriptionProblem ? [`Description ${descriptionProblem}`] : []);
  const concurrencyMsgs = fieldMessages(
    ids.concurrency,
    'How many steps may run at the same time (1 to 32). Plan order decides which go first.',
    concurrencyProblem ? [`Concurrency ${concurrencyProblem} from 1 to 32; the flow keeps ${doc.settings.concurrency} until then`] : [],
  );
  const providerMsgs = fieldMessages(ids.provider, 'Used by agent nodes that do not choose their own. Keys stay in Settings.', providerProblems);
  const modelMsgs = fieldMessages(ids.model, `Empty: the provider’s default${effective?.defaultModel ? ` (${effective.defaultModel})` : ''}.`, modelProblem ? [`Model ${modelProblem}`] : []);

  return (
    <section className="inspector inspector-flow" aria-labelledby="flow-settings-heading">
      <header className="inspector-head">
        <div className="inspector-kind">
          <span className="chip chip-deterministic">Flow</span>
        </div>
        <h2 id="flow-settings-heading">Flow settings</h2>
        <p className="inspector-description">Nothing is selected. Select a node or a connection on the canvas to edit it.</p>
      </header>
      <form className="inspector-form" aria-label="Flow settings" onSubmit={(event) => event.preventDefault()} noValidate>
        <div className={`field inspector-field${nameMsgs.invalid ? ' is-invalid' : ''}`}>
          <label htmlFor={ids.name}>
            Name<span className="field-required" aria-hidden="true"> *</span>
          </label>
          <input
            id={ids.name}
            type="text"
            autoComplete="off"
            value={name}
            aria-required="true"
            aria-describedby={nameMsgs.describedBy}
            aria-invalid={nameMsgs.invalid || undefined}
            onBlur={flushTypingBurst}
            onChange={(event) => {
              const next = event.target.value;
              if (problemOf(nameSchema, next)) {
                setName(next);
                return;
              }
              setName(null);
              change((d) => ({ ...d, name: next }), 'typing');
            }}
          />
          <FieldErrors id={nameMsgs.errorId} errors={nameProblem ? [`Name ${nameProblem}; the flow keeps “${doc.name}” until then`] : []} />
        </div>

        <div className={`field inspector-field${descriptionMsgs.invalid ? ' is-invalid' : ''}`}>
          <label htmlFor={ids.description}>Description</label>
          <textarea
            id={ids.description}
            rows={3}
            value={doc.description}
            aria-describedby={descriptionMsgs.describedBy}
            aria-invalid={descriptionMsgs.invalid || undefined}
            onBlur={flushTypingBurst}
            onChange={(event) => {
              const next = event.target.value;
              change((d) => ({ ...d, description: next }), 'typing');
            }}
          />
          <FieldErrors id={descriptionMsgs.errorId} errors={descriptionProblem ? [`Description ${descriptionProblem}`] : []} />
          <p id={descriptionMsgs.helpId} className="field-help">
            What the flow is for; shown in the library.
          </p>
        </div>

        <div className={`field inspector-field${concurrencyMsgs.invalid ? ' is-invalid' : ''}`}>
          <label htmlFor={ids.concurrency}>Concurrency</label>
          <input
            id={ids.concurrency}
            type="number"
            className="number-input"
            min={1}
            max={32}
            step={1}
            value={concurrency}
            aria-describedby={concurrencyMsgs.describedBy}
            aria-invalid={concurrencyMsgs.invalid || undefined}
            onBlur={() => {
              flushTypingBurst();
              if (!concurrencyProblem) setConcurrency(null);
            }}
            onChange={(event) => {
              const next = event.target.value;
              setConcurrency(next);
              if (next.trim() === '' || problemOf(concurrencySchema, Number(next))) return;
              change((d) => ({ ...d, settings: { ...d.settings, concurrency: Number(next) } }), 'typing');
            }}
          />
          <FieldErrors id={concurrencyMsgs.errorId} errors={concurrencyProblem ? [`Concurrency ${concurrencyProblem} from 1 to 32; the flow keeps ${doc.settings.concurrency} until then`] : []} />
          <p id={concurrencyMsgs.helpId} className="field-help">
            How many steps may run at the same time (1 to 32). Plan order decides which go first.
          </p>
        </div>

        <div className={`field inspector-field${providerMsgs.invalid ? ' is-invalid' : ''}`}>
          <label htmlFor={ids.provider}>Default provider</label>
          <ProviderSelect
            id={ids.provider}
            value={providerId}
            messages={providerMsgs}
            providers={providers}
            emptyLabel={`App default${effective && !providerId ? ` (${effective.label})` : ''}`}
            onChange={(value) =>
              change((d) => {
                const { providerId: _old, ...settings } = d.settings;
                return { ...d, settings: value ? { ...settings, providerId: value } : settings };
              }, 'discrete')
            }
          />
          <FieldErrors id={providerMsgs.errorId} errors={providerProblems} />
          <p id={providerMsgs.helpId} className="field-help">
            Used by agent nodes that do not choose their own. Keys stay in Settings.
          </p>
        </div>

        <div className={`field inspector-field${modelMsgs.invalid ? ' is-invalid' : ''}`}>
          <label htmlFor={ids.model}>Default model</label>
          <input
            id={ids.model}
            type="text"
            autoComplete="off"
            value={doc.settings.model ?? ''}
            placeholder={effective?.defaultModel ?? 'Provider default'}
            aria-describedby={modelMsgs.describedBy}
            aria-invalid={modelMsgs.invalid || undefined}
            onBlur={flushTypingBurst}
            onChange={(event) => {
              const next = event.target.value;
              change((d) => {
                const { model: _old, ...settings } = d.settings;
                return { ...d, settings: next === '' ? settings : { ...settings, model: next } };
              }, 'typing');
            }}
          />
          <FieldErrors id={modelMsgs.errorId} errors={modelProblem ? [`Model ${modelProblem}`] : []} />
          <p id={modelMsgs.helpId} className="field-help">
            Empty: the provider’s default{effective?.defaultModel ? ` (${effective.defaultModel})` : ''}.
          </p>
        </div>

        <PiiPolicyEditor policy={doc.settings.pii} />
      </form>
      <p className="inspector-id">
        {doc.nodes.length} {doc.nodes.length === 1 ? 'node' : 'nodes'}, {doc.edges.length} {doc.edges.length === 1 ? 'connection' : 'connections'} · flow id <code>{doc.id}</code>
      </p>
    </section>
  );
}
