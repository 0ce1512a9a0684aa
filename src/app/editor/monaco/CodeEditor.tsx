/**
 * A code/template editor for a form field: Monaco, loaded on first use (its own chunks, never the
 * entry), with a plain text area in its place while it loads — or for good if it cannot load, so
 * nothing typed is ever lost.
 */
import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { CodeEditorProps } from './types';

const loadMonaco = () => import('./MonacoEditor');
const LazyMonaco = lazy(loadMonaco);

/** Starts loading Monaco ahead of need (e.g. when a node is selected). */
export function preloadMonaco(): void {
  void loadMonaco().catch(() => undefined);
}

export function PlainCodeEditor(props: CodeEditorProps & { note?: string }) {
  return (
    <textarea
      id={props.id}
      className="code-fallback"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
      rows={Math.max(1, props.lines)}
      spellCheck={false}
      value={props.value}
      placeholder={props.placeholder}
      onChange={(event) => props.onChange(event.target.value)}
      onBlur={() => props.onBlur?.()}
      data-fallback="true"
    />
  );
}

class MonacoBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function CodeEditor(props: CodeEditorProps) {
  const plain = <PlainCodeEditor {...props} />;
  return (
    <MonacoBoundary fallback={plain}>
      <Suspense fallback={plain}>
        <LazyMonaco {...props} />
      </Suspense>
    </MonacoBoundary>
  );
}
