/**
 * Monaco, from the local package (never a CDN), with only what the inspector uses: the editor
 * and its standard features, JSON (validated against the JSON Schema meta-schema), JavaScript,
 * and Trellis's own template and JSONata languages. Each enabled language's worker is wired in
 * `MonacoEnvironment.getWorker`. This module is only ever imported lazily (see CodeEditor.tsx),
 * so Monaco stays out of the entry chunk.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { javascriptDefaults, ScriptTarget } from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { loader } from '@monaco-editor/react';
import { registerTrellisLanguages } from './languages';

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'json') return new JsonWorker({ name: 'monaco-json' });
    if (label === 'typescript' || label === 'javascript') return new TsWorker({ name: 'monaco-ts' });
    return new EditorWorker({ name: 'monaco-editor' });
  },
};

/** JSON Schemas are checked against the draft-07 meta-schema that the JSON worker ships. */
export const JSON_SCHEMA_MODEL_SUFFIX = '.schema.json';

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  enableSchemaRequest: false,
  schemaValidation: 'error',
  schemas: [{ uri: 'http://json-schema.org/draft-07/schema#', fileMatch: [`*${JSON_SCHEMA_MODEL_SUFFIX}`] }],
});

// Code runs in the sandbox: plain JavaScript, no DOM.
javascriptDefaults.setCompilerOptions({ target: ScriptTarget.ES2020, allowNonTsExtensions: true, allowJs: true, lib: ['es2020'] });
javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });

registerTrellisLanguages(monaco);
loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });

export { monaco };
