/**
 * The flows library, the start page: every flow in this browser with its last edit and last run,
 * search and sort, create (blank or from a template), rename, duplicate, delete with undo,
 * import (file picker, or a file dropped anywhere on the window) and export. The list is a live
 * query, so changes made in other tabs show up here at once.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FlowTemplate } from '../../engine/templates';
import { listFlowSummaries, type FlowSummary } from '../../storage/flowsRepo';
import { db } from '../runtime/database';
import { createBlankFlow, createFromTemplate, duplicate, errorMessage, exportById, remove, rename } from './actions';
import { FlowTable, type RowActions } from './FlowTable';
import { ImportDialogs } from './ImportDialogs';
import { filterAndSort, loadSort, saveSort, SORT_LABELS, type SortKey } from './libraryView';
import { RenameDialog } from './RenameDialog';
import { TemplateCards, TemplateDialog } from './TemplateGallery';
import { useWindowFileDrop } from './useFileDrop';
import { useFlowImport } from './useFlowImport';
import './library.css';

export function FlowsPage() {
  // A storage failure (blocked or broken IndexedDB) is shown, not thrown into React.
  const loaded = useLiveQuery(
    () => listFlowSummaries(db).then(
      (list): { flows: FlowSummary[]; error?: undefined } => ({ flows: list }),
      (error: unknown) => ({ flows: undefined, error: errorMessage(error) }),
    ),
    [],
  );
  const flows = loaded?.flows;
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>(loadSort);
  const [renaming, setRenaming] = useState<FlowSummary | null>(null);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const importer = useFlowImport();
  const dragging = useWindowFileDrop(importer.importFiles);
  const fileInput = useRef<HTMLInputElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const searchId = useId();
  const sortId = useId();
  const countId = useId();

  const shown = useMemo(() => (flows ? filterAndSort(flows, query, sort) : []), [flows, query, sort]);
  const chooseFile = () => fileInput.current?.click();
  const startFromTemplate = (template: FlowTemplate) => void createFromTemplate(template);
  const newFlow = () => void createBlankFlow((flows ?? []).map((f) => f.name));

  // "/" jumps to the search box, as in most tools with a list to search.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog')) return;
      event.preventDefault();
      search.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const actions: RowActions = {
    rename: (flow) => setRenaming(flow),
    duplicate: (flow) => void duplicate(flow.id),
    exportFlow: (flow) => void exportById(flow.id),
    remove: (flow) => void removeKeepingFocus(flow.id),
  };

  // A deleted row takes the focus with it: move it to the next row (or the previous, or the search).
  const removeKeepingFocus = async (id: string) => {
    const current = document.querySelector(`tr[data-flow-id="${CSS.escape(id)}"]`);
    const neighbour = (current?.nextElementSibling ?? current?.previousElementSibling)?.querySelector<HTMLElement>('.flow-name');
    await remove(id);
    const target = neighbour?.isConnected ? neighbour : (search.current ?? null);
    target?.focus();
  };

  const total = flows?.length ?? 0;
  const empty = flows !== undefined && total === 0;
  const countText = query.trim() ? `${shown.length} of ${total} flow${total === 1 ? '' : 's'}` : `${total} flow${total === 1 ? '' : 's'}`;

  return (
    <div className="page library-page">
      <div className="library-head">
        <div>
          <p className="eyebrow">Library</p>
          <h1>Flows</h1>
          <p className="lede">Agent workflows kept in this browser. Open one to edit it on the canvas and run it.</p>
        </div>
        <div className="library-actions">
          <button type="button" onClick={chooseFile}>
            Import…
          </button>
          <button type="button" onClick={() => setTemplatesOpen(true)}>
            From template
          </button>
          <button type="button" className="primary" onClick={newFlow}>
            New flow
          </button>
        </div>
      </div>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="library-sr"
        tabIndex={-1}
        aria-label="Flow file to import"
        onChange={(event) => {
          const files = event.target.files;
          if (files) importer.importFiles(Array.from(files));
          event.target.value = '';
        }}
      />

      {loaded?.error !== undefined ? (
        <div className="error" role="alert">
          Could not read your flows from this browser&apos;s storage: {loaded.error}. Nothing was changed; reload the page to try again.
        </div>
      ) : flows === undefined ? (
        <p className="library-loading" role="status">
          Loading flows…
        </p>
      ) : empty ? (
        <section className="panel library-empty" aria-labelledby="library-empty-title">
          <h2 id="library-empty-title">Start your first flow</h2>
          <p className="hint">Pick a template that runs right away on the offline demo model, start from a blank canvas, or bring a flow file you exported earlier.</p>
          <TemplateCards
            onUse={startFromTemplate}
            extra={
              <li className="template-card template-card-blank">
                <h3 className="template-name">Blank or from a file</h3>
                <p className="template-description">Start from an empty canvas and add steps from the palette, or import a flow file exported from Trellis. You can also drop a .json file anywhere on this page.</p>
                <div className="template-actions">
                  <button type="button" onClick={newFlow}>
                    Blank flow
                  </button>
                  <button type="button" onClick={chooseFile}>
                    Import a flow file…
                  </button>
                </div>
              </li>
            }
          />
        </section>
      ) : (
        <section className="panel library-list" aria-labelledby="library-list-title">
          <div className="library-toolbar">
            <h2 id="library-list-title" className="library-sr">
              Your flows
            </h2>
            <div className="library-search">
              <label htmlFor={searchId} className="library-sr">
                Search flows
              </label>
              <svg className="library-search-icon" viewBox="0 0 20 20" aria-hidden="true">
                <circle cx="8.5" cy="8.5" r="5.5" />
                <path d="M13 13l4.5 4.5" />
              </svg>
              <input
                ref={search}
                id={searchId}
                type="search"
                placeholder="Search by name or description"
                value={query}
                aria-describedby={countId}
                onChange={(event) => setQuery(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape' && query) {
                    event.preventDefault();
                    setQuery('');
                  }
                }}
              />
              <kbd className="library-kbd" aria-hidden="true">
                /
              </kbd>
            </div>
            <div className="library-sort">
              <label htmlFor={sortId}>Sort by</label>
              <select
                id={sortId}
                value={sort}
                onChange={(event) => {
                  const value = event.target.value as SortKey;
                  setSort(value);
                  saveSort(value);
                }}
              >
                {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
                  <option key={key} value={key}>
                    {SORT_LABELS[key]}
                  </option>
                ))}
              </select>
            </div>
            <span id={countId} className="library-count" role="status">
              {countText}
            </span>
          </div>
          {shown.length > 0 ? (
            <FlowTable flows={shown} actions={actions} caption={`Flows, sorted by ${SORT_LABELS[sort].toLowerCase()}`} />
          ) : (
            <div className="library-no-match">
              <p>No flows match “{query.trim()}”.</p>
              <button type="button" onClick={() => setQuery('')}>
                Clear search
              </button>
            </div>
          )}
          <p className="library-footnote library-muted">Tip: drop a flow file (.json) anywhere on this page to import it.</p>
        </section>
      )}

      <RenameDialog flow={renaming} onClose={() => setRenaming(null)} onSave={(name, description) => (renaming ? rename(renaming.id, name, description) : Promise.resolve(false))} />
      <TemplateDialog open={templatesOpen} onClose={() => setTemplatesOpen(false)} onUse={startFromTemplate} />
      <ImportDialogs importer={importer} onChooseFile={chooseFile} />
      {importer.state.step === 'reading' ? (
        <p className="library-sr" role="status">
          Reading {importer.state.fileName}…
        </p>
      ) : null}
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-box">
            <svg viewBox="0 0 24 24" className="drop-icon">
              <path d="M12 3v12M7 10l5 5 5-5M4 17v3h16v-3" />
            </svg>
            <p className="drop-title">Drop to import a flow</p>
            <p className="drop-hint">A .json flow file exported from Trellis</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
