/**
 * The flow's PII policy (`settings.pii`, engine/pii/policy.ts) in the flow settings: a switch
 * (on: a policy, starting from `defaultPiiPolicy()`; off: no policy, so text leaves as it is),
 * what happens to each built-in type, the flow's own patterns, and what HTTP requests carrying
 * personal data may do, per host. Every edit is one undo step (typing: one per burst), and a value
 * the policy cannot hold stays in its field with the schema's message, like node configs.
 */
import { useMemo } from 'react';
import { PII_ACTIONS, defaultPiiPolicy, piiPolicySchema, type PiiPolicy } from '../../../engine/pii/policy';
import type { PiiAction } from '../../../engine/pii/types';
import { PII_TYPES } from '../../../engine/pii/types';
import { PII_ACTION_WORDS, PII_TYPE_INFO } from '../../pii/piiText';
import { useEditorStore } from '../store';
import { PiiCustomPatterns, PiiHttpRules } from './PiiPolicyLists';
import { discreteChange, typingChange } from './typingBurst';
import './piiPolicy.css';

export type PolicyEdit = (update: (policy: PiiPolicy) => PiiPolicy, mode: 'typing' | 'discrete') => void;

/** Writes the policy (undefined: masking off) as one undo step, or as part of a typing burst. */
function writePolicy(update: (policy: PiiPolicy | undefined) => PiiPolicy | undefined, mode: 'typing' | 'discrete'): void {
  const apply = () =>
    useEditorStore.getState().change((doc) => {
      const { pii, ...settings } = doc.settings;
      const next = update(pii);
      return { ...doc, settings: next ? { ...settings, pii: next } : settings };
    });
  if (mode === 'typing') typingChange(apply);
  else discreteChange(apply);
}

/** The schema's messages by path (`custom.0.pattern`, `http.hosts.1.host`). */
export type PolicyProblems = ReadonlyMap<string, string[]>;

function policyProblems(policy: PiiPolicy): PolicyProblems {
  const result = piiPolicySchema.safeParse(policy);
  const problems = new Map<string, string[]>();
  if (result.success) return problems;
  for (const issue of result.error.issues) {
    // The first problem of a field is enough (an empty pattern also "matches empty text").
    const key = issue.path.join('.');
    if (!problems.has(key)) problems.set(key, [issue.message]);
  }
  return problems;
}

export function PiiPolicyEditor({ policy }: { policy: PiiPolicy | undefined }) {
  const problems = useMemo(() => (policy ? policyProblems(policy) : new Map<string, string[]>()), [policy]);
  const edit: PolicyEdit = (update, mode) => writePolicy((current) => update(current ?? defaultPiiPolicy()), mode);
  const on = policy !== undefined;
  const helpId = 'flow-pii-switch-help';
  return (
    <section className="pii-policy" aria-labelledby="flow-pii-heading">
      <h3 id="flow-pii-heading" className="pii-policy-heading">
        Personal data (PII)
      </h3>
      <div className="pii-switch-line">
        <input
          id="flow-pii-switch"
          type="checkbox"
          role="switch"
          className="pii-switch"
          checked={on}
          aria-describedby={helpId}
          onChange={(event) => {
            const next = event.target.checked;
            writePolicy(() => (next ? defaultPiiPolicy() : undefined), 'discrete');
          }}
        />
        <label htmlFor="flow-pii-switch">Mask personal data before it leaves the browser</label>
      </div>
      <p id={helpId} className="field-help pii-switch-help">
        {on
          ? 'On: names, emails, card numbers and the other types below are replaced in prompts and web requests (the model sees <PERSON_1>, not the name) and put back in replies. The values stay in this browser, in the run’s record.'
          : 'Off: prompts and web requests are sent as they are, personal data included, to every model and host this flow uses.'}
      </p>
      {policy ? (
        <>
          <EntityTable policy={policy} edit={edit} />
          <PiiCustomPatterns policy={policy} problems={problems} edit={edit} />
          <PiiHttpRules policy={policy} problems={problems} edit={edit} />
        </>
      ) : null}
    </section>
  );
}

function EntityTable({ policy, edit }: { policy: PiiPolicy; edit: PolicyEdit }) {
  return (
    <table className="pii-entities">
      <caption>What happens to each kind</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {PII_TYPES.map((type) => {
          const info = PII_TYPE_INFO[type];
          const current = policy.entities[type] ?? 'mask';
          const known = Object.hasOwn(PII_ACTION_WORDS, current);
          return (
            <tr key={type}>
              <th scope="row">
                <label htmlFor={`flow-pii-type-${type}`} className="pii-entity-title">
                  {info.title}
                </label>
                <span id={`flow-pii-type-${type}-help`} className="pii-entity-help">
                  {info.help}
                </span>
              </th>
              <td>
                <select
                  id={`flow-pii-type-${type}`}
                  aria-describedby={`flow-pii-type-${type}-help`}
                  value={current}
                  onChange={(event) => {
                    const action = event.target.value as PiiAction;
                    edit((p) => ({ ...p, entities: { ...p.entities, [type]: action } }), 'discrete');
                  }}
                >
                  {known ? null : <option value={current}>{String(current)} (not valid)</option>}
                  {PII_ACTIONS.map((action) => (
                    <option key={action} value={action}>
                      {PII_ACTION_WORDS[action]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2} className="pii-entity-help">
            Mask: a placeholder such as &lt;EMAIL_1&gt;, put back in the reply. Redact: [REDACTED EMAIL], never put back. Allow: sent as it is.
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
