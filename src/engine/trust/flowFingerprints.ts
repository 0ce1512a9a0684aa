/**
 * The configuration fingerprint of every reviewed step of a flow, computed exactly as a run's
 * review gates compute it (the compiled plan's resolved configs, the flow's default provider and
 * model), so the app can reset a step's trust the moment its flow is saved with a changed
 * configuration, without waiting for its next execution.
 */
import { compile } from '../compile';
import type { FlowDoc } from '../flow/schema';
import { getNodeKind } from '../nodes/registry';
import { gateSubjects } from '../run/gate';
import type { FingerprintDefaults } from './fingerprint';
import { subjectFingerprint, subjectOf } from './gatePolicy';

/** The flow-wide defaults a step without its own provider or model uses (flow settings). */
export function flowDefaults(flow: Pick<FlowDoc, 'settings'>): FingerprintDefaults {
  return { providerId: flow.settings.providerId, model: flow.settings.model };
}

/**
 * By trust key (`trustKey(flow.id, subject node)`), the fingerprint of the step each review gate
 * reviews, as its next execution would compute it. Gates the plan leaves out (an invalid config)
 * are not listed.
 */
export function gateFingerprints(flow: FlowDoc): Map<string, { nodeId: string; fingerprint: string }> {
  const { plan } = compile(flow);
  const defaults = flowDefaults(flow);
  const prints = new Map<string, { nodeId: string; fingerprint: string }>();
  for (const [gateIndex, subject] of gateSubjects(plan, (step) => getNodeKind(step.kind))) {
    const gate = plan.steps[gateIndex];
    if (!gate) continue;
    const { key, nodeId } = subjectOf({ flowId: flow.id, gateNodeId: gate.nodeId, subjectNodeId: subject?.nodeId });
    prints.set(key, { nodeId, fingerprint: subjectFingerprint({ subjectKind: subject?.kind, subjectConfig: subject?.config }, defaults) });
  }
  return prints;
}
