/**
 * The Audit page in words: a name for each type of entry, and one line saying what an entry
 * records (from its data; hashes shortened). Entries of types this version does not know, or with
 * data it does not expect, still get a line: the type and the ids they are about.
 */
import { AUDIT_TYPES, type AuditEntry, type AuditType } from '../../engine/audit';
import { tierText } from '../trust/format';
import type { Tier } from '../../engine/trust';

export const TYPE_LABELS: Record<AuditType, string> = {
  'run.started': 'Run started',
  'run.finished': 'Run finished',
  'step.finished': 'Step finished',
  'step.failed': 'Step failed',
  'review.decided': 'Review decision',
  'trust.changed': 'Trust tier change',
  'flow.version_saved': 'Named version saved',
  'flow.imported': 'Flow imported',
  'settings.changed': 'Settings change',
  'api_key.changed': 'API key change',
};

export function typeLabel(type: string): string {
  return (TYPE_LABELS as Record<string, string>)[type] ?? type;
}

export function isAuditType(value: string | undefined): value is AuditType {
  return value !== undefined && (AUDIT_TYPES as readonly string[]).includes(value);
}

/** The first 12 hex digits of a hash, as the page shows hashes. */
export const shortHash = (hash: unknown): string => (typeof hash === 'string' ? hash.slice(0, 12) : '—');

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const quoted = (value: unknown, fallback: string): string => {
  const text = str(value);
  return text ? `“${text}”` : fallback;
};
const tier = (value: unknown): string => (typeof value === 'number' ? tierText(value as Tier) : '?');

const DECISIONS: Record<string, string> = { approve: 'Approved', reject: 'Rejected', edit: 'Edited and approved' };
const KEY_CHANGES: Record<string, string> = { set: 'set', replaced: 'replaced', removed: 'removed', all_removed: 'removed (all)' };

function trustSummary(data: AuditEntry['data'], step: string): string {
  switch (data.change) {
    case 'created':
      return `${step} starts at ${tier(data.to)} review`;
    case 'promoted':
      return `${step} promoted from ${tier(data.from)} to ${tier(data.to)} review`;
    case 'demoted':
      return `${step} demoted from ${tier(data.from)} to ${tier(data.to)} review${str(data.reason) ? `: ${str(data.reason)}` : ''}`;
    case 'set_by_hand':
      return `${step} set by hand from ${tier(data.from)} to ${tier(data.to)} review${str(data.reason) ? `: ${str(data.reason)}` : ''}`;
    case 'reset_fingerprint':
      return `${step}: configuration changed, back to ${tier(data.to)} review`;
    default:
      return `${step}: trust changed`;
  }
}

function settingsSummary(entry: AuditEntry): string {
  const { data, subject } = entry;
  const provider = quoted(data.label, str(data.provider) ?? 'a provider');
  switch (data.change) {
    case 'provider_added':
      return `Provider ${provider} added (${str(data.model) ?? 'no model'}${str(data.endpoint) ? `, ${str(data.endpoint)}` : ''}; key: ${str(data.keyStorage) ?? 'none'})`;
    case 'provider_changed':
      return `Provider ${provider} changed (${str(data.model) ?? 'no model'}${str(data.endpoint) ? `, ${str(data.endpoint)}` : ''}; key: ${str(data.keyStorage) ?? 'none'})`;
    case 'provider_removed':
      return `Provider ${provider} removed`;
    case 'default_provider':
      return `Default provider set to ${str(data.provider) ?? '?'}`;
    case 'reviewer_name':
      return str(data.name) ? `Reviewer name set to “${str(data.name)}”` : 'Reviewer name cleared';
    case 'secret_set':
    case 'secret_replaced':
    case 'secret_removed':
      return `Secret ${str(subject.secret) ?? ''} ${String(data.change).slice('secret_'.length)} (its value is not recorded)`;
    case 'cleared':
      return 'All settings cleared';
    default:
      return `Setting ${str(data.key) ?? str(subject.setting) ?? ''} ${data.change === 'removed' ? 'removed' : 'changed'}`;
  }
}

/** One line: what the entry records. */
export function entrySummary(entry: AuditEntry): string {
  const { data, subject } = entry;
  const flow = quoted(data.flowName, str(subject.flowId) ?? 'a flow');
  const version = str(data.flowVersion) ? ` · version ${shortHash(data.flowVersion)}` : '';
  switch (entry.type) {
    case 'run.started':
      return `Run of ${flow} ${data.resumed === true ? 'resumed' : 'started'}${version}`;
    case 'run.finished':
      return `Run of ${flow} ended: ${str(data.status) ?? '?'}${str(data.errorCode) ? ` (${str(data.errorCode)})` : ''}${version}`;
    case 'step.finished':
    case 'step.failed':
      return `Step ${quoted(data.label, str(subject.nodeId) ?? '?')} ${str(data.status) ?? ''}${str(data.errorCode) ? ` (${str(data.errorCode)})` : ''} · inputs ${shortHash(data.inputsHash)} → outputs ${data.outputsHash === null ? 'none' : shortHash(data.outputsHash)}`;
    case 'review.decided':
      return `${DECISIONS[String(data.action)] ?? String(data.action)} ${quoted(data.step, 'an output')} of ${flow}${str(data.reason) ? `: “${str(data.reason)}”` : ''}`;
    case 'trust.changed':
      return trustSummary(data, `Step “${str(subject.nodeId) ?? '?'}” (flow ${str(subject.flowId) ?? '?'})`);
    case 'flow.version_saved':
      return `Named version ${quoted(data.name, '')} of ${flow} saved · ${shortHash(data.versionHash)}`;
    case 'flow.imported':
      return `${quoted(data.name, 'A flow')} imported from ${str(data.fileName) ?? 'a file'}${data.mode === 'replace' ? ', replacing the flow with its id' : data.mode === 'copy' ? ' as a copy' : ''} · ${shortHash(data.versionHash)}`;
    case 'settings.changed':
      return settingsSummary(entry);
    case 'api_key.changed':
      return `API key for provider ${str(subject.provider) ?? '?'} ${KEY_CHANGES[String(data.change)] ?? 'changed'} (the key is not recorded)`;
    default:
      return `${entry.type} · ${Object.values(subject).join(', ')}`;
  }
}
