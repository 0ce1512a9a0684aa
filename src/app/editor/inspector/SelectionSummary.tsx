/** Several things selected: how many, which, and a way to inspect one of them. */
import type { FlowDoc } from '../../../engine/flow/schema';
import { getNodeKind } from '../../../engine/nodes/registry';
import { useCompiled } from '../compiled';
import { useEditorStore } from '../store';

export function SelectionSummary({ doc, nodeIds, edgeIds }: { doc: FlowDoc; nodeIds: string[]; edgeIds: string[] }) {
  const { diagnostics } = useCompiled();
  const select = useEditorStore((state) => state.select);
  const nodes = doc.nodes.filter((n) => nodeIds.includes(n.id));
  const agents = nodes.filter((n) => getNodeKind(n.kind)?.category === 'agent').length;
  const withProblems = nodes.filter((n) => diagnostics.some((d) => d.nodeId === n.id && d.severity === 'error')).length;
  const parts = [nodes.length > 0 ? `${nodes.length} ${nodes.length === 1 ? 'node' : 'nodes'}` : '', edgeIds.length > 0 ? `${edgeIds.length} ${edgeIds.length === 1 ? 'connection' : 'connections'}` : ''].filter(Boolean);
  return (
    <section className="inspector inspector-selection" aria-labelledby="selection-heading">
      <header className="inspector-head">
        <h2 id="selection-heading">{parts.join(' and ')} selected</h2>
        <p className="inspector-description">
          {agents > 0 ? `${agents} of them ${agents === 1 ? 'is an agent' : 'are agents'}. ` : ''}
          {withProblems > 0 ? `${withProblems} ${withProblems === 1 ? 'has' : 'have'} problems. ` : ''}
          Choose one to inspect it.
        </p>
      </header>
      {nodes.length > 0 ? (
        <ul className="insp-selection-list">
          {nodes.map((node) => {
            const def = getNodeKind(node.kind);
            const broken = diagnostics.some((d) => d.nodeId === node.id && d.severity === 'error');
            return (
              <li key={node.id}>
                <button type="button" className="insp-selection-item" onClick={() => select({ nodes: [node.id], edges: [] })}>
                  <span className={`chip chip-${def?.category ?? 'deterministic'}`}>{def?.title ?? node.kind}</span>
                  <span className="insp-selection-label">{node.label || node.id}</span>
                  {broken ? <span className="insp-selection-problem">has problems</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
