/**
 * Run detail, "Trace export": the run as OpenTelemetry spans (OTLP/HTTP JSON, GenAI conventions),
 * downloaded as a file or sent to the trace collector set up in Settings. Message content is in
 * only when the checkbox says so (its default comes from Settings). The collector's headers are
 * read for the request alone and never shown or written anywhere.
 */
import { useId, useState } from 'react';
import { version } from '../../../package.json';
import { collectorHeaders } from '../../storage/traceCollector';
import { exportRunTrace } from '../../storage/traceExport';
import { hrefFor } from '../router';
import { db } from '../runtime/database';
import { useTraceCollector } from '../settings/traceCollectorState';
import { downloadText } from '../ui/download';
import { sendTrace } from './traceSend';
import './traceExport.css';

type Result = { kind: 'ok' | 'warn' | 'error'; message: string };

/** `trellis-trace-lead-research-run_123.otlp.json` */
export function traceFileName(flowName: string, runId: string): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
  return `trellis-trace-${slug(flowName) || 'flow'}-${slug(runId) || 'run'}.otlp.json`;
}

export function TraceExport({ runId }: { runId: string }) {
  const id = useId();
  const state = useTraceCollector();
  const collector = state.collector;
  const [content, setContent] = useState<boolean>();
  const includeContent = content ?? collector?.includeContent ?? false;
  const [busy, setBusy] = useState<'download' | 'send' | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  const work = async (kind: 'download' | 'send', task: () => Promise<Result>) => {
    setBusy(kind);
    setResult(null);
    try {
      setResult(await task());
    } catch (error) {
      setResult({ kind: 'error', message: `The trace could not be exported: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
    }
  };

  const build = async () => {
    const exported = await exportRunTrace(db, runId, { includeContent, appVersion: version });
    if (!exported) throw new Error(`there is no run “${runId}” in this browser.`);
    return exported;
  };

  const download = () =>
    void work('download', async () => {
      const exported = await build();
      downloadText(traceFileName(exported.flowName, runId), `${JSON.stringify(exported.payload, null, 2)}\n`, 'application/json');
      return { kind: 'ok', message: `Downloaded ${exported.spans} spans as OTLP JSON${includeContent ? ', message content included' : ', without message content'}.` };
    });

  const send = () =>
    void work('send', async () => {
      if (!collector) return { kind: 'error', message: 'No trace collector is set up. Add one in Settings first.' };
      const exported = await build();
      const outcome = await sendTrace(collector.endpoint, exported.payload, { headers: await collectorHeaders(db, collector), origin: window.location.origin });
      return { kind: outcome.ok ? (outcome.partial ? 'warn' : 'ok') : 'error', message: outcome.message };
    });

  return (
    <section className="panel trace-export" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Trace export</h2>
      <p className="hint">
        This run as OpenTelemetry spans (OTLP/HTTP JSON with the GenAI conventions): steps, model calls, tool calls, validation layers and reviews, with their timings, tokens and costs. For Jaeger, Phoenix, Langfuse or any OpenTelemetry
        collector.
      </p>
      <div className="trace-export-controls">
        <label className="trace-export-check">
          <input type="checkbox" checked={includeContent} disabled={!state.loaded} onChange={(e) => setContent(e.target.checked)} />
          Include message content (prompts, replies, tool data)
        </label>
        <div className="actions">
          <button type="button" disabled={busy !== null || !state.loaded} onClick={download}>
            {busy === 'download' ? 'Preparing…' : 'Download trace (OTLP JSON)'}
          </button>
          <button type="button" className="primary" disabled={busy !== null || !collector} aria-describedby={`${id}-target`} onClick={send}>
            {busy === 'send' ? 'Sending…' : 'Send to collector'}
          </button>
        </div>
      </div>
      <p className="trace-export-target" id={`${id}-target`}>
        {collector ? (
          <>
            Collector: <code>{collector.endpoint}</code> · <a href={hrefFor({ page: 'settings' })}>Change in Settings</a>
          </>
        ) : (
          <>
            No trace collector yet: <a href={hrefFor({ page: 'settings' })}>set one up in Settings</a> to send traces.
          </>
        )}
      </p>
      <p className={`trace-export-result${result?.kind === 'ok' ? ' trace-export-ok' : result?.kind === 'warn' ? ' trace-export-warn' : ''}`} role="status">
        {result && result.kind !== 'error' ? result.message : ''}
      </p>
      {result?.kind === 'error' ? (
        <p className="error" role="alert">
          {result.message}
        </p>
      ) : null}
    </section>
  );
}
