/**
 * The built-in templates the flows library offers. Each creates a fresh document under the id it
 * is given, so a template can be used any number of times. Like every new flow, a flow made from
 * a template has the default PII policy (every type masked); the template functions themselves
 * (`supportTriageFlow()`...) leave the setting out, so tests choose.
 */
import { defaultPiiPolicy } from '../pii/policy';
import type { FlowDoc } from '../flow/schema';
import { leadResearchFlow } from './leadResearch';
import { supportTriageFlow } from './supportTriage';

export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  create(id: string): FlowDoc;
}

function template(id: string, make: (id: string) => FlowDoc): FlowTemplate {
  const create = (flowId: string): FlowDoc => {
    const doc = make(flowId);
    return { ...doc, settings: { ...doc.settings, pii: doc.settings.pii ?? defaultPiiPolicy() } };
  };
  const sample = make(id);
  return { id, name: sample.name, description: sample.description, create };
}

export const templates: readonly FlowTemplate[] = [template('lead-research', leadResearchFlow), template('support-triage', supportTriageFlow)];

export function getTemplate(id: string): FlowTemplate | undefined {
  return templates.find((t) => t.id === id);
}

export { leadResearchFlow, supportTriageFlow };
