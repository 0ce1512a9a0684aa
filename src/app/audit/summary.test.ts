import { describe, expect, it } from 'vitest';
import { AUDIT_TYPES, type AuditEntry } from '../../engine/audit';
import { entrySummary, isAuditType, shortHash, typeLabel, TYPE_LABELS } from './summary';

const H = 'ab12cd34ef56'.padEnd(64, '0');

function entry(type: string, subject: Record<string, string>, data: AuditEntry['data'], actor?: string): AuditEntry {
  return { seq: 1, at: 0, type, subject, data, prevHash: H, hash: H, ...(actor ? { actor } : {}) };
}

describe('audit entries in words', () => {
  it('names every type', () => {
    expect(Object.keys(TYPE_LABELS).sort()).toEqual([...AUDIT_TYPES].sort());
    expect(typeLabel('review.decided')).toBe('Review decision');
    expect(typeLabel('something.new')).toBe('something.new');
    expect([isAuditType('run.started'), isAuditType('x'), isAuditType(undefined)]).toEqual([true, false, false]);
    expect(shortHash(H)).toBe('ab12cd34ef56');
  });

  it('says what each entry records', () => {
    const cases: Array<[AuditEntry, string]> = [
      [entry('run.started', { runId: 'r1', flowId: 'f1' }, { flowName: 'Triage', flowVersion: H, resumed: false }), 'Run of “Triage” started · version ab12cd34ef56'],
      [entry('run.started', { runId: 'r1' }, { flowVersion: H, resumed: true }), 'Run of a flow resumed · version ab12cd34ef56'],
      [entry('run.finished', { runId: 'r1', flowId: 'f1' }, { flowName: 'Triage', status: 'failed', errorCode: 'provider', flowVersion: H }), 'Run of “Triage” ended: failed (provider) · version ab12cd34ef56'],
      [entry('step.finished', { runId: 'r1', nodeId: 'n1' }, { label: 'Draft', status: 'succeeded', inputsHash: H, outputsHash: H }), 'Step “Draft” succeeded · inputs ab12cd34ef56 → outputs ab12cd34ef56'],
      [entry('step.failed', { runId: 'r1', nodeId: 'n1' }, { label: 'Call', status: 'failed', errorCode: 'timeout', inputsHash: H, outputsHash: null }), 'Step “Call” failed (timeout) · inputs ab12cd34ef56 → outputs none'],
      [entry('review.decided', { reviewId: 'x' }, { action: 'reject', step: 'Draft reply', flowName: 'Triage', reason: 'Wrong date' }, 'Ada'), 'Rejected “Draft reply” of “Triage”: “Wrong date”'],
      [entry('trust.changed', { flowId: 'f1', nodeId: 'draft' }, { change: 'promoted', from: 1, to: 0.5 }, 'Ada'), 'Step “draft” (flow f1) promoted from 100% to 50% review'],
      [entry('trust.changed', { flowId: 'f1', nodeId: 'draft' }, { change: 'reset_fingerprint', from: 0.5, to: 1 }), 'Step “draft” (flow f1): configuration changed, back to 100% review'],
      [entry('flow.version_saved', { flowId: 'f1' }, { name: 'v2', flowName: 'Triage', versionHash: H }), 'Named version “v2” of “Triage” saved · ab12cd34ef56'],
      [entry('flow.imported', { flowId: 'f1' }, { name: 'Triage', fileName: 'triage.json', mode: 'replace', versionHash: H }), '“Triage” imported from triage.json, replacing the flow with its id · ab12cd34ef56'],
      [entry('settings.changed', { setting: 'provider:p1' }, { change: 'provider_added', provider: 'p1', label: 'Local', model: 'llama', endpoint: 'http://localhost:1/v1', keyStorage: 'device' }), 'Provider “Local” added (llama, http://localhost:1/v1; key: device)'],
      [entry('settings.changed', { setting: 'reviewerName' }, { change: 'reviewer_name', name: null }), 'Reviewer name cleared'],
      [entry('settings.changed', { secret: 'traceHeader:authorization' }, { change: 'secret_set' }), 'Secret traceHeader:authorization set (its value is not recorded)'],
      [entry('api_key.changed', { provider: 'p1' }, { change: 'removed' }), 'API key for provider p1 removed (the key is not recorded)'],
      [entry('made.up', { runId: 'r1' }, {}), 'made.up · r1'],
    ];
    for (const [e, text] of cases) expect(entrySummary(e)).toBe(text);
  });
});
