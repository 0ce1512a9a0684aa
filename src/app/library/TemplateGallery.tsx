/** The built-in templates as cards: what each does, its shape (agent vs deterministic steps), one click to use. */
import { useMemo, type ReactNode } from 'react';
import { getNodeKind } from '../../engine/nodes/registry';
import { templates, type FlowTemplate } from '../../engine/templates';
import { Dialog } from '../ui/Dialog';

type Category = 'agent' | 'deterministic' | 'human';

interface TemplateInfo {
  template: FlowTemplate;
  shape: { id: string; label: string; category: Category }[];
  counts: Record<Category, number>;
  loops: number;
}

function describe(template: FlowTemplate): TemplateInfo {
  const doc = template.create('preview');
  const counts: Record<Category, number> = { agent: 0, deterministic: 0, human: 0 };
  const shape = [...doc.nodes]
    .sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y)
    .map((node) => {
      const category = (getNodeKind(node.kind)?.category ?? 'deterministic') as Category;
      counts[category] += 1;
      return { id: node.id, label: node.label, category };
    });
  return { template, shape, counts, loops: doc.edges.filter((edge) => edge.loop).length };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function TemplateCards({ onUse, headingLevel = 3, extra }: { onUse: (template: FlowTemplate) => void; headingLevel?: 2 | 3; extra?: ReactNode }) {
  const infos = useMemo(() => templates.map(describe), []);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="template-grid" aria-label="Templates">
      {infos.map(({ template, shape, counts, loops }) => (
        <li key={template.id} className="template-card">
          <Heading className="template-name">{template.name}</Heading>
          <p className="template-description">{template.description}</p>
          <div className="template-shape" aria-hidden="true">
            {shape.map((node) => (
              <span key={node.id} className={`shape-node shape-${node.category}`} title={node.label} />
            ))}
          </div>
          <p className="template-meta">
            <span className="chip chip-agent">{plural(counts.agent, 'agent step')}</span>
            <span className="chip chip-deterministic">{plural(counts.deterministic, 'deterministic step')}</span>
            {counts.human > 0 ? <span className="chip chip-human">{plural(counts.human, 'review step')}</span> : null}
            {loops > 0 ? <span className="chip chip-loop">{plural(loops, 'revise loop')}</span> : null}
          </p>
          <button type="button" className="primary template-use" aria-label={`Use template: ${template.name}`} onClick={() => onUse(template)}>
            Use template
          </button>
        </li>
      ))}
      {extra}
    </ul>
  );
}

export function TemplateDialog({ open, onClose, onUse }: { open: boolean; onClose: () => void; onUse: (template: FlowTemplate) => void }) {
  return (
    <Dialog open={open} title="Start from a template" onClose={onClose} wide>
      <p className="dialog-lede">Each template is a complete flow that runs on the offline demo model. You get your own copy to change.</p>
      <TemplateCards
        onUse={(template) => {
          onClose();
          onUse(template);
        }}
      />
    </Dialog>
  );
}
