/**
 * One Monaco editor for a form field (loaded lazily through CodeEditor.tsx). It grows with its
 * content, carries the field's accessible name and description on its text area, marks the
 * field's problems in the text, offers the node's variables in templates, and lets the keyboard
 * out: Tab leaves prompt-like editors, Escape leaves any editor, Ctrl+M switches what Tab does.
 */
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { monaco, JSON_SCHEMA_MODEL_SUFFIX } from './setup';
import { DARK_THEME, JSONATA_LANGUAGE, LIGHT_THEME, TEMPLATE_LANGUAGE } from './languages';
import { setCompletionSource } from './completionRegistry';
import { focusNextAfter } from './focus';
import { tabLeaves, type CodeEditorProps, type TextProblem } from './types';

const LINE_HEIGHT = 19;
const PADDING = 12;
const MAX_HEIGHT = 420;

const EXTENSIONS = { template: 'tmpl', javascript: 'js', json: 'json', jsonata: 'jsonata' } as const;
const LANGUAGES = { template: TEMPLATE_LANGUAGE, javascript: 'javascript', json: 'json', jsonata: JSONATA_LANGUAGE } as const;

const darkQuery = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
function subscribeDark(onChange: () => void): () => void {
  darkQuery?.addEventListener('change', onChange);
  return () => darkQuery?.removeEventListener('change', onChange);
}
function usePrefersDark(): boolean {
  return useSyncExternalStore(subscribeDark, () => darkQuery?.matches ?? false);
}

function modelUri(props: CodeEditorProps): string {
  const suffix = props.language === 'json' && props.jsonSchema ? JSON_SCHEMA_MODEL_SUFFIX : `.${EXTENSIONS[props.language]}`;
  return `inmemory://trellis/${props.modelPath.replace(/[^A-Za-z0-9_./-]/g, '_')}${suffix}`;
}

export default function MonacoEditor(props: CodeEditorProps) {
  const { language, lines } = props;
  const minHeight = Math.max(1, lines) * LINE_HEIGHT + PADDING;
  const [height, setHeight] = useState(minHeight);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  const dark = usePrefersDark();

  useLayoutEffect(() => {
    latest.current = props;
  });

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    const textArea = editor.getDomNode()?.querySelector('textarea');
    if (textArea) textArea.id = latest.current.id;
    const resize = () => setHeight(Math.min(MAX_HEIGHT, Math.max(minHeight, editor.getContentHeight())));
    editor.onDidContentSizeChange(resize);
    resize();
    editor.onDidBlurEditorText(() => latest.current.onBlur?.());
    // An action, not addCommand: commands are global to the page, actions run on the focused editor.
    editor.addAction({
      id: 'trellis.leaveEditor',
      label: 'Leave the editor',
      keybindings: [monaco.KeyCode.Escape],
      precondition: '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !markersNavigationVisible && !renameInputVisible',
      run: (focused) => {
        const wrapper = focused.getContainerDomNode().closest('.code-editor');
        // Nothing focusable after it: just leave, so Tab starts over and Shift+Tab comes back.
        if (!wrapper || !focusNextAfter(wrapper)) (document.activeElement as HTMLElement | null)?.blur();
      },
    });
    const model = editor.getModel();
    if (model) {
      const release = setCompletionSource(model.uri.toString(), () => latest.current.completions?.() ?? { variables: [], candidates: [] });
      editor.onDidDispose(release);
      // Pass on what the language worker finds (our own markers are the field's already).
      const uri = model.uri.toString();
      const report = () => {
        const markers = monaco.editor.getModelMarkers({ resource: model.uri }).filter((m) => m.owner !== 'trellis' && m.severity === monaco.MarkerSeverity.Error);
        latest.current.onDiagnostics?.(markers.map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message })));
      };
      const markersChanged = monaco.editor.onDidChangeMarkers((uris) => {
        if (uris.some((changed) => changed.toString() === uri)) report();
      });
      editor.onDidDispose(() => markersChanged.dispose());
    }
    applyAria(editor, latest.current);
    applyMarkers(editor, latest.current.problems ?? []);
  };

  // Keep the text area's description and state, and the problem markers, current.
  const { id, describedBy, invalid, problems, value } = props;
  useEffect(() => {
    if (editorRef.current) applyAria(editorRef.current, { id, describedBy, invalid });
  }, [id, describedBy, invalid]);
  const problemsKey = JSON.stringify(problems ?? []);
  useEffect(() => {
    if (editorRef.current) applyMarkers(editorRef.current, JSON.parse(problemsKey) as TextProblem[]);
  }, [problemsKey, value]);

  return (
    <div className="code-editor" data-language={language} style={{ height }}>
      <Editor
        height={height}
        path={modelUri(props)}
        language={LANGUAGES[language]}
        value={props.value}
        onChange={(value) => props.onChange(value ?? '')}
        onMount={onMount}
        theme={dark ? DARK_THEME : LIGHT_THEME}
        loading={null}
        options={{
          ariaLabel: props.label,
          // The classic hidden text area (not the EditContext element): it takes the field's id,
          // so the label, problem links and aria-describedby reach the editor.
          editContext: false,
          minimap: { enabled: false },
          lineNumbers: language === 'javascript' || (language === 'json' && lines > 3) ? 'on' : 'off',
          lineNumbersMinChars: 3,
          wordWrap: language === 'javascript' ? 'off' : 'on',
          wrappingIndent: 'same',
          scrollBeyondLastLine: false,
          automaticLayout: true,
          fontSize: 13,
          lineHeight: LINE_HEIGHT,
          tabSize: 2,
          tabFocusMode: tabLeaves(language),
          wordBasedSuggestions: language === 'javascript' ? 'currentDocument' : 'off',
          quickSuggestions: language === 'template' ? false : { other: true, comments: false, strings: false },
          suggestOnTriggerCharacters: true,
          folding: language === 'javascript' || language === 'json',
          glyphMargin: false,
          lineDecorationsWidth: 6,
          renderLineHighlight: 'none',
          renderWhitespace: 'none',
          bracketPairColorization: { enabled: language !== 'template' },
          matchBrackets: language === 'template' ? 'never' : 'always',
          guides: { indentation: language === 'javascript' || language === 'json', bracketPairs: false },
          overviewRulerLanes: 0,
          hideCursorInOverviewRuler: true,
          stickyScroll: { enabled: false },
          scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 8, horizontalScrollbarSize: 8 },
          fixedOverflowWidgets: true,
          padding: { top: PADDING / 2, bottom: PADDING / 2 },
          contextmenu: false,
          links: language === 'javascript',
          ...(props.placeholder ? { placeholder: props.placeholder } : {}),
        }}
      />
    </div>
  );
}

function applyAria(editor: Monaco.editor.IStandaloneCodeEditor, props: Pick<CodeEditorProps, 'id' | 'describedBy' | 'invalid'>): void {
  const textArea = editor.getDomNode()?.querySelector('textarea');
  if (!textArea) return;
  textArea.id = props.id;
  if (props.describedBy) textArea.setAttribute('aria-describedby', props.describedBy);
  else textArea.removeAttribute('aria-describedby');
  if (props.invalid) textArea.setAttribute('aria-invalid', 'true');
  else textArea.removeAttribute('aria-invalid');
}

function applyMarkers(editor: Monaco.editor.IStandaloneCodeEditor, problems: readonly TextProblem[]): void {
  const model = editor.getModel();
  if (!model) return;
  const markers = problems.map((problem) => {
    const start = model.getPositionAt(problem.start);
    const end = model.getPositionAt(Math.max(problem.end, problem.start + 1));
    return {
      severity: monaco.MarkerSeverity.Error,
      message: problem.message,
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    };
  });
  monaco.editor.setModelMarkers(model, 'trellis', markers);
}
