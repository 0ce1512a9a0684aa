/**
 * Trellis's own Monaco languages: "trellis-template" (text with `{{ variable.path }}`
 * placeholders, completing the node's upstream variables) and "trellis-jsonata" (a JSONata
 * highlighter with completion of `$input` bindings and built-in functions), plus light and dark
 * themes that colour them.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { JSONATA_FUNCTION_NAMES } from '../../../engine/nodes/expression';
import { completionSourceFor } from './completionRegistry';
import { templateContextAt, templateSuggestions } from './templateCompletion';

export const TEMPLATE_LANGUAGE = 'trellis-template';
export const JSONATA_LANGUAGE = 'trellis-jsonata';
export const LIGHT_THEME = 'trellis-light';
export const DARK_THEME = 'trellis-dark';

const templateTokens: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenizer: {
    root: [
      [/\\\{\{/, 'string.escape'],
      [/\{\{/, { token: 'delimiter.template', next: '@placeholder' }],
      [/[^{\\]+/, ''],
      [/./, ''],
    ],
    placeholder: [
      [/\}\}/, { token: 'delimiter.template', next: '@pop' }],
      [/[A-Za-z_][A-Za-z0-9_]*/, 'variable.template'],
      [/[0-9]+/, 'number.template'],
      [/\./, 'delimiter.template.dot'],
      [/\s+/, ''],
      [/[^}\s]/, 'invalid'],
    ],
  },
};

const jsonataTokens: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: ['and', 'or', 'in', 'true', 'false', 'null', 'function'],
  tokenizer: {
    root: [
      [/\/\*/, 'comment', '@comment'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/'([^'\\]|\\.)*'/, 'string'],
      [/`[^`]*`/, 'identifier'],
      [/\$[A-Za-z_][A-Za-z0-9_]*(?=\s*\()/, 'function'],
      [/\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$/, 'variable'],
      [/-?\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
      [/[A-Za-z_][A-Za-z0-9_]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/[{}()[\]]/, '@brackets'],
      [/:=|!=|<=|>=|~>|\.\.|\?:|\?\?|[-+*/%&=<>?:.,;^~|#@!]/, 'operator'],
      [/\s+/, ''],
    ],
    comment: [
      [/\*\//, 'comment', '@pop'],
      [/[^*]+/, 'comment'],
      [/\*/, 'comment'],
    ],
  },
};

const FUNCTIONS = [...JSONATA_FUNCTION_NAMES].sort();

let registered = false;

export function registerTrellisLanguages(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;

  monaco.languages.register({ id: TEMPLATE_LANGUAGE, aliases: ['Trellis template'] });
  monaco.languages.setMonarchTokensProvider(TEMPLATE_LANGUAGE, templateTokens);
  monaco.languages.setLanguageConfiguration(TEMPLATE_LANGUAGE, {
    // No bracket pairs: the placeholders are coloured by the tokenizer, not bracket colouring.
    brackets: [],
    autoClosingPairs: [{ open: '{', close: '}' }],
    surroundingPairs: [{ open: '{', close: '}' }],
    wordPattern: /[A-Za-z_][A-Za-z0-9_]*/,
  });
  monaco.languages.registerCompletionItemProvider(TEMPLATE_LANGUAGE, {
    triggerCharacters: ['{', '.'],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber);
      const context = templateContextAt(line.slice(0, position.column - 1), line.slice(position.column - 1));
      if (!context) return { suggestions: [] };
      const { variables, candidates } = completionSourceFor(model.uri.toString());
      const range = new monaco.Range(position.lineNumber, context.partialStart + 1, position.lineNumber, position.column);
      const kinds = monaco.languages.CompletionItemKind;
      return {
        suggestions: templateSuggestions(context, variables, candidates).map((item) => ({
          label: { label: item.label, description: item.kind === 'candidate' ? 'not connected' : '' },
          kind: item.kind === 'field' ? kinds.Field : item.kind === 'candidate' ? kinds.Reference : kinds.Variable,
          insertText: item.insertText,
          filterText: item.label,
          detail: item.detail,
          ...(item.documentation ? { documentation: item.documentation } : {}),
          sortText: item.sortText,
          range,
        })),
      };
    },
  });

  monaco.languages.register({ id: JSONATA_LANGUAGE, aliases: ['JSONata'] });
  monaco.languages.setMonarchTokensProvider(JSONATA_LANGUAGE, jsonataTokens);
  monaco.languages.setLanguageConfiguration(JSONATA_LANGUAGE, {
    comments: { blockComment: ['/*', '*/'] },
    brackets: [['{', '}'], ['[', ']'], ['(', ')']],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '(', close: ')' },
      { open: '"', close: '"', notIn: ['string'] },
      { open: "'", close: "'", notIn: ['string'] },
    ],
    wordPattern: /\$?[A-Za-z_][A-Za-z0-9_]*/,
  });
  monaco.languages.registerCompletionItemProvider(JSONATA_LANGUAGE, {
    triggerCharacters: ['$'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const kinds = monaco.languages.CompletionItemKind;
      const { variables } = completionSourceFor(model.uri.toString());
      const inputs = variables.map((variable, index) => ({
        label: `$${variable.name}`,
        kind: kinds.Variable,
        insertText: `$${variable.name}`,
        detail: variable.detail,
        sortText: `0${String(index).padStart(4, '0')}`,
        range,
      }));
      const functions = FUNCTIONS.map((name) => ({
        label: `$${name}`,
        kind: kinds.Function,
        insertText: `$${name}($0)`,
        insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
        detail: 'JSONata function',
        sortText: `1${name}`,
        range,
      }));
      return { suggestions: [...inputs, ...functions] };
    },
  });

  const rules = (dark: boolean): Monaco.editor.ITokenThemeRule[] => [
    { token: 'variable.template', foreground: dark ? '7fcbb3' : '245a4c', fontStyle: 'bold' },
    { token: 'delimiter.template', foreground: dark ? 'b29cf5' : '6a4bc4', fontStyle: 'bold' },
    { token: 'delimiter.template.dot', foreground: dark ? 'b29cf5' : '6a4bc4' },
    { token: 'number.template', foreground: dark ? '7fcbb3' : '245a4c' },
    { token: 'string.escape', foreground: dark ? '9aa5b5' : '5a6577' },
    { token: 'function', foreground: dark ? 'b29cf5' : '6a4bc4' },
    { token: 'variable', foreground: dark ? '7fcbb3' : '245a4c' },
  ];
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: 'vs',
    inherit: true,
    rules: rules(false),
    colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#5a6577' },
  });
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: rules(true),
    colors: { 'editor.background': '#1a2029', 'editorLineNumber.foreground': '#9aa5b5' },
  });
}
