/**
 * Run the flow over a dataset: pick a CSV or JSONL file, map its columns to the flow's inputs
 * (matched by name, every match editable), choose how many rows run at once, and start. The
 * flow's latest dataset run is shown with its progress.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { FlowDoc } from '../../engine/flow/schema';
import { toErrorInfo, type ErrorInfo } from '../../engine/util/errors';
import { flowBatches } from '../../storage/batches';
import { hrefFor } from '../router';
import { db } from '../runtime/database';
import { startBatch } from './batchController';
import { BatchSummary } from './BatchSummary';
import { parseDataset, type Dataset, type DatasetProblem } from './dataset/parse';
import { autoMap, mappingProblems, rowInputs, type ColumnMapping } from './dataset/mapping';
import { ErrorBox } from './ErrorBox';
import { plural, preview } from './format';
import type { FormField } from './inputFields';

interface Loaded {
  fileName: string;
  dataset: Dataset;
}

const MAX_CONCURRENCY = 16;

export function DatasetPanel({ doc, fields, runnable }: { doc: FlowDoc; fields: FormField[]; runnable: boolean }) {
  const base = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problems, setProblems] = useState<{ fileName: string; problems: DatasetProblem[] } | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [concurrency, setConcurrency] = useState('4');
  const [startError, setStartError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const latest = useLiveQuery(async () => (await flowBatches(db, doc.id, 1))[0] ?? null, [doc.id]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setStartError(null);
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setProblems({ fileName: file.name, problems: [{ line: 0, message: `The file could not be read: ${toErrorInfo(error).message}` }] });
      return;
    }
    const result = parseDataset(file.name, text);
    if (!result.ok) {
      setProblems({ fileName: file.name, problems: result.problems });
      return;
    }
    setProblems(null);
    setLoaded({ fileName: file.name, dataset: result.dataset });
    setMapping(autoMap(fields, result.dataset.columns));
  };

  const columns = loaded?.dataset.columns ?? [];
  // Fields may have changed since the file was loaded: unmapped new fields get a name match.
  const fullMapping: ColumnMapping = { ...autoMap(fields, columns), ...Object.fromEntries(fields.filter((f) => f.name in mapping).map((f) => [f.name, mapping[f.name] ?? ''])) };
  const mapProblems = loaded ? mappingProblems(fields, fullMapping, columns) : [];
  const concurrencyNumber = Number(concurrency);
  const concurrencyError = Number.isInteger(concurrencyNumber) && concurrencyNumber >= 1 && concurrencyNumber <= MAX_CONCURRENCY ? null : `Rows at once must be a whole number from 1 to ${MAX_CONCURRENCY}.`;
  const canStart = runnable && !!loaded && mapProblems.length === 0 && !concurrencyError && !starting;

  const start = async () => {
    if (!loaded || !canStart) return;
    setStarting(true);
    setStartError(null);
    try {
      const used = Object.fromEntries(Object.entries(fullMapping).filter(([, column]) => column !== ''));
      await startBatch({
        doc,
        source: loaded.fileName,
        mapping: used,
        inputNames: fields.map((f) => f.name),
        inputs: loaded.dataset.rows.map((row) => rowInputs(row, used)),
        sourceLines: loaded.dataset.lines,
        concurrency: concurrencyNumber,
      });
    } catch (error) {
      setStartError(toErrorInfo(error));
    } finally {
      setStarting(false);
    }
  };

  const firstRow = loaded?.dataset.rows[0];
  return (
    <div className="dataset-panel">
      <div className="field">
        <label htmlFor={`${base}-file`}>Dataset file (CSV or JSONL)</label>
        <input id={`${base}-file`} type="file" accept=".csv,.tsv,.jsonl,.ndjson,.json,.txt,text/csv,application/json" onChange={(e) => void onFile(e)} aria-describedby={`${base}-file-help`} />
        <span className="field-help" id={`${base}-file-help`}>
          One run per row. CSV needs a header line; JSONL has one JSON object per line.
        </span>
      </div>
      {problems ? (
        <div className="run-problems" role="alert">
          <p className="run-problems-title">
            {problems.fileName} cannot be used{loaded ? ` (still using ${loaded.fileName})` : ''}:
          </p>
          <ul>
            {problems.problems.map((problem, i) => (
              <li key={i}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {loaded ? (
        <>
          <p className="dataset-summary" role="status">
            {loaded.fileName}: {plural(loaded.dataset.rows.length, 'row')}, {plural(columns.length, 'column')}.
          </p>
          <fieldset className="dataset-mapping">
            <legend>Columns for each input</legend>
            {fields.length === 0 ? <p className="hint">The flow has no inputs; every row runs it without inputs.</p> : null}
            {fields.map((field) => {
              const id = `${base}-map-${field.name}`;
              const column = fullMapping[field.name] ?? '';
              return (
                <div key={field.name} className="dataset-map-row">
                  <label htmlFor={id}>
                    {field.name}
                    <span className="run-field-type">{field.required && field.default === undefined ? ' required' : ' optional'}</span>
                  </label>
                  <select id={id} value={column} onChange={(e) => setMapping({ ...fullMapping, [field.name]: e.target.value })}>
                    <option value="">(not mapped{field.default !== undefined ? ': use the default' : ''})</option>
                    {columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                  <span className="dataset-map-sample" title="Row 1">
                    {column && firstRow ? preview(firstRow[column], 60) : ''}
                  </span>
                </div>
              );
            })}
          </fieldset>
          {mapProblems.length > 0 ? (
            <ul className="run-problems-list" aria-label="Mapping problems">
              {mapProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <div className="field dataset-concurrency">
            <label htmlFor={`${base}-conc`}>Rows at once</label>
            <input
              id={`${base}-conc`}
              type="number"
              min={1}
              max={MAX_CONCURRENCY}
              value={concurrency}
              onChange={(e) => setConcurrency(e.target.value)}
              aria-invalid={concurrencyError ? true : undefined}
              aria-describedby={concurrencyError ? `${base}-conc-error` : undefined}
            />
            {concurrencyError ? (
              <span className="field-error" id={`${base}-conc-error`}>
                {concurrencyError}
              </span>
            ) : null}
          </div>
          <div className="actions">
            <button type="button" className="primary" disabled={!canStart} onClick={() => void start()}>
              Run {plural(loaded.dataset.rows.length, 'row')}
            </button>
            {!runnable ? <span className="hint run-disabled-reason">Fix the flow's problems to run it.</span> : null}
          </div>
        </>
      ) : null}
      {startError ? <ErrorBox error={startError} alert /> : null}
      {latest ? (
        <section className="dataset-latest" aria-label="Latest dataset run">
          <h3>Latest dataset run</h3>
          <BatchSummary batchId={latest.id} compact />
          <p className="run-links">
            <a href={hrefFor({ page: 'batch', batchId: latest.id })}>Open the dataset run</a>
          </p>
        </section>
      ) : null}
    </div>
  );
}
