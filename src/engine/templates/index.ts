/**
 * The built-in templates the flows library offers. Each creates a fresh document under the id it
 * is given, so a template can be used any number of times.
 */
import type { FlowDoc } from '../flow/schema';
import { leadResearchFlow } from './leadResearch';
import { supportTriageFlow } from './supportTriage';

export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  create(id: string): FlowDoc;
}

function template(id: string, create: (id: string) => FlowDoc): FlowTemplate {
  const sample = create(id);
  return { id, name: sample.name, description: sample.description, create };
}

export const templates: readonly FlowTemplate[] = [template('lead-research', leadResearchFlow), template('support-triage', supportTriageFlow)];

export function getTemplate(id: string): FlowTemplate | undefined {
  return templates.find((t) => t.id === id);
}

export { leadResearchFlow, supportTriageFlow };
