/** What the code editors take; shared by the lazy Monaco editor and its plain fallback. */
import type { EditorLanguage } from '../inspector/schemaFields';
import type { CompletionSource } from './completionRegistry';

/** A problem in the text, by character offsets into the value. */
export interface TextProblem {
  start: number;
  end: number;
  message: string;
}

export interface CodeEditorProps {
  /** The id of the editable element, for `<label htmlFor>`. */
  id: string;
  /** Unique per field: names Monaco's model (and so which completions it offers). */
  modelPath: string;
  language: EditorLanguage;
  /** JSON that is a JSON Schema: checked against the meta-schema. */
  jsonSchema?: boolean;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  /** The accessible name. */
  label: string;
  describedBy?: string;
  invalid?: boolean;
  /** Visible height in lines (the editor grows with its content up to a limit). */
  lines: number;
  placeholder?: string;
  completions?: () => CompletionSource;
  problems?: readonly TextProblem[];
  /** Errors the language's own worker found (JavaScript syntax, JSON), as they change. */
  onDiagnostics?(diagnostics: EditorDiagnostic[]): void;
}

export interface EditorDiagnostic {
  line: number;
  column: number;
  message: string;
}

/** Whether Tab leaves the editor (prompt-like text) or indents (code). */
export function tabLeaves(language: EditorLanguage): boolean {
  return language === 'template' || language === 'jsonata';
}
