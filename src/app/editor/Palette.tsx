/**
 * The palette: node kinds grouped as Deterministic, Agent and Human, searchable. Drag a kind onto
 * the canvas, or focus it and press Enter (or click) to add it near the centre of the view.
 */
import { useMemo, useState, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { listNodeKinds, type AnyNodeKind } from '../../engine/nodes/registry';
import type { NodeCategory } from '../../engine/nodes/types';
import { addNodeOfKind } from './commands';
import { KIND_MIME } from './canvas/Canvas';
import { KindIcon } from './icons';
import { useEditorStore } from './store';
import { useEditorUi } from './ui';

const GROUPS: { category: NodeCategory; title: string; blurb: string }[] = [
  { category: 'deterministic', title: 'Deterministic', blurb: 'Same input, same output. Structure, data and checks.' },
  { category: 'agent', title: 'Agent', blurb: 'Model judgment, placed where it is needed.' },
  { category: 'human', title: 'Human', blurb: 'People in the loop.' },
];

function matches(def: AnyNodeKind, query: string): boolean {
  if (!query) return true;
  const text = `${def.title} ${def.kind} ${def.description} ${def.category}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

export function Palette() {
  const [query, setQuery] = useState('');
  const kinds = useMemo(() => listNodeKinds(), []);
  const { screenToFlowPosition } = useReactFlow();
  const shown = kinds.filter((def) => matches(def, query.trim()));

  const addNearCentre = (kind: string) => {
    const pane = document.querySelector('.ed-canvas .react-flow');
    const rect = pane?.getBoundingClientRect();
    const centre = rect ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
    // Step aside from nodes already at the centre, so repeated adds do not stack.
    const doc = useEditorStore.getState().doc;
    let position = { x: centre.x - 110, y: centre.y - 40 };
    for (let i = 0; i < 20 && doc?.nodes.some((n) => Math.abs(n.position.x - position.x) < 40 && Math.abs(n.position.y - position.y) < 40); i++) {
      position = { x: position.x + 36, y: position.y + 36 };
    }
    if (addNodeOfKind(kind, position)) useEditorUi.getState().setTab('inspect');
  };

  const onDragStart = (event: DragEvent, kind: string) => {
    event.dataTransfer.setData(KIND_MIME, kind);
    event.dataTransfer.setData('text/plain', kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="ed-palette" aria-label="Palette">
      <div className="ed-palette-search">
        <input
          type="search"
          id="palette-search"
          placeholder="Search steps"
          aria-label="Search steps"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <div className="ed-palette-groups">
        {GROUPS.map((group) => {
          const items = shown.filter((def) => def.category === group.category);
          const total = kinds.filter((def) => def.category === group.category).length;
          if (query && items.length === 0 && total > 0) return null;
          return (
            <section key={group.category} className={`ed-palette-group ed-palette-${group.category}`} aria-labelledby={`ed-palette-${group.category}`}>
              <h2 id={`ed-palette-${group.category}`} className="ed-palette-group-title">
                {group.title}
              </h2>
              {total === 0 ? (
                <p className="ed-palette-note">Review gates arrive with human review: an approve / reject step with its own queue.</p>
              ) : (
                <ul className="ed-palette-list">
                  {items.map((def) => (
                    <li key={def.kind}>
                      <button
                        type="button"
                        className="ed-palette-item"
                        draggable
                        onDragStart={(event) => onDragStart(event, def.kind)}
                        onClick={() => addNearCentre(def.kind)}
                        aria-label={`Add ${def.title}`}
                        aria-describedby={`palette-desc-${def.kind}`}
                        data-kind={def.kind}
                      >
                        <span className="ed-palette-icon">
                          <KindIcon kind={def.kind} />
                        </span>
                        <span className="ed-palette-text">
                          <span className="ed-palette-title">{def.title}</span>
                          <span className="ed-palette-desc" id={`palette-desc-${def.kind}`}>
                            {def.description}
                          </span>
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
        {shown.length === 0 ? <p className="ed-palette-note">No step matches “{query}”.</p> : null}
      </div>
      <p className="ed-palette-foot">Drag onto the canvas, or press Enter to add.</p>
    </aside>
  );
}
