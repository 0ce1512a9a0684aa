/**
 * A config field edited in Monaco (a plain text area until it loads): templates with completion
 * of the node's variables, JavaScript, JSON (JSON Schemas checked against the meta-schema) and
 * JSONata (syntax checked by the engine, with the error's position). JSON that does not parse is
 * stored as typed, so nothing is lost and the node shows the problem; the field says where.
 */
import { useEffect, useState } from 'react';
import { checkExpression } from '../../../engine/nodes/expression';
import { checkJsonSchema } from '../../../engine/util/jsonSchema';
import { parseTemplate } from '../../../engine/util/template';
import { CodeEditor } from '../monaco/CodeEditor';
import type { CompletionSource } from '../monaco/completionRegistry';
import { tabLeaves, type EditorDiagnostic, type TextProblem } from '../monaco/types';
import { getIn, type ConfigPath } from './configPath';
import { asText, FieldShell, fieldMessages } from './fields';
import { useForm } from './formContext';
import { fieldDomId } from './ids';
import type { EditorFieldSpec } from './schemaFields';
import { toolArgumentVariables } from './upstream';
import { problemsAt } from './validation';

type JsonParse = { ok: true; value: unknown } | { ok: false; message: string; offset: number | null };

function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    return { ok: false, message, offset: position ? Number(position[1]) : null };
  }
}

/** "line 3, column 5" for an offset into text. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function jsonText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/** The text in the editor still means the stored value (so a change elsewhere, like undo, did not happen). */
function draftMatches(draft: string, stored: unknown): boolean {
  if (typeof stored === 'string') return draft === stored;
  if (draft.trim() === '') return stored === undefined || stored === null;
  const parsed = parseJson(draft);
  return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(stored);
}

/** The tool item around a path (for `{{argument}}` completion in an agent's HTTP tool). */
function enclosingParameters(config: unknown, path: ConfigPath): unknown {
  for (let end = path.length - 1; end >= 0; end -= 1) {
    const item = getIn(config, path.slice(0, end));
    if (typeof item === 'object' && item !== null && !Array.isArray(item) && 'parameters' in item) return (item as { parameters: unknown }).parameters;
  }
  return undefined;
}

/** The comment shown over a code editor: what main() receives and what it returns. */
function codeHeader(spec: EditorFieldSpec, config: unknown, path: ConfigPath): string {
  if (spec.scope === 'tool-arguments') {
    const parameters = enclosingParameters(config, path);
    const names = toolArgumentVariables(parameters).map((v) => `args.${v.name}`);
    return `// function main(args) gets the arguments the model called the tool with${names.length > 0 ? ` (${names.join(', ')})` : ''}. Return any JSON value: it is the tool's result.`;
  }
  const inputs = getIn(config, ['inputs']);
  const names = Array.isArray(inputs) ? inputs.filter((n): n is string => typeof n === 'string').map((n) => `inputs.${n}`) : [];
  return `// function main(inputs) gets this node's inputs${names.length > 0 ? ` (${names.join(', ')})` : ''}. Return any JSON value: it becomes the output "out". It runs in a sandbox: no network, page or storage; the limits are below.`;
}

function keyboardHint(spec: EditorFieldSpec): string {
  const leave = tabLeaves(spec.language) ? 'Tab or Esc moves on' : 'Esc leaves the editor (Tab indents; Ctrl+M switches)';
  if (spec.language === 'template') return `Type {{ for variables · ${leave}`;
  if (spec.language === 'jsonata') return `Type $ for inputs and functions · ${leave}`;
  return leave;
}

export function EditorField({ spec, path, modelScope }: { spec: EditorFieldSpec; path: ConfigPath; modelScope: string }) {
  const form = useForm();
  const id = fieldDomId(form.nodeId, path);
  const stored = getIn(form.config, path);
  const isJson = spec.language === 'json';
  const [draft, setDraft] = useState<string | null>(null);
  if (isJson && draft !== null && !draftMatches(draft, stored)) setDraft(null);
  const text = isJson ? (draft ?? jsonText(stored)) : asText(stored);

  const parsed: JsonParse | null = isJson && text.trim() !== '' ? parseJson(text) : null;
  const [asyncProblems, setAsyncProblems] = useState<{ text: string; problems: TextProblem[]; messages: string[] }>({ text: '', problems: [], messages: [] });

  // Checks that need a lazily loaded library: JSONata syntax, and a JSON Schema against the meta-schema.
  const checkSchema = spec.language === 'json' && spec.jsonSchema;
  useEffect(() => {
    let current = true;
    if (spec.language === 'jsonata' && text.trim() !== '') {
      void checkExpression(text).then((problem) => {
        if (!current) return;
        if (!problem) {
          setAsyncProblems({ text, problems: [], messages: [] });
          return;
        }
        const offset = Math.max(0, problem.position - 1);
        setAsyncProblems({
          text,
          problems: [{ start: offset, end: problem.position, message: problem.message }],
          messages: [`JSONata syntax error at ${lineColumn(text, offset)}: ${problem.message}`],
        });
      });
    } else if (checkSchema && text.trim() !== '') {
      const result = parseJson(text);
      if (result.ok && typeof result.value === 'object' && result.value !== null) {
        void checkJsonSchema(result.value).then((problems) => {
          if (current) setAsyncProblems({ text, problems: [], messages: problems.map((p) => `Not a valid JSON Schema at ${p.path || '(root)'}: ${p.message}`) });
        });
      }
    }
    return () => {
      current = false;
    };
  }, [spec.language, checkSchema, text]);
  const latestAsync = asyncProblems.text === text ? asyncProblems : { problems: [], messages: [] };
  // JavaScript: the editor's worker reports syntax errors; they are named here too (not only squiggled).
  const [workerDiagnostics, setWorkerDiagnostics] = useState<EditorDiagnostic[]>([]);

  const textProblems: TextProblem[] = [...latestAsync.problems];
  const messages: string[] = [];
  if (parsed && !parsed.ok) {
    const where = parsed.offset !== null ? ` at ${lineColumn(text, parsed.offset)}` : '';
    messages.push(`Not valid JSON${where}: ${parsed.message.replace(/ (?:in|after) JSON at position \d+.*$/, '').replace(/ at position \d+.*$/, '')}`);
    if (parsed.offset !== null) textProblems.push({ start: parsed.offset, end: parsed.offset + 1, message: parsed.message });
  }
  if (spec.language === 'template') {
    for (const problem of parseTemplate(text).problems) textProblems.push({ start: problem.start, end: problem.end, message: problem.message });
  }
  messages.push(...latestAsync.messages);
  if (spec.language === 'javascript') {
    for (const d of workerDiagnostics.slice(0, 3)) messages.push(`JavaScript error at line ${d.line}, column ${d.column}: ${d.message}`);
  }
  // Schema problems of the stored value; a stored string where JSON belongs is already explained above.
  const schemaErrors = problemsAt(form.problems, path)
    .map((p) => p.message)
    .filter((message) => !(parsed && !parsed.ok && /object|record|JSON Schema/i.test(message)));
  const errors = [...messages, ...schemaErrors];
  const hintId = `${id}-keys`;
  const headerId = `${id}-header`;
  const header = spec.language === 'javascript' ? codeHeader(spec, form.config, path) : null;
  const fieldMsgs = fieldMessages(id, spec.help, errors, [hintId, ...(header ? [headerId] : [])]);

  const onChange = (next: string) => {
    if (!isJson) {
      form.set(path, next === '' && !spec.required && !spec.hasDefault ? undefined : next, 'typing');
      return;
    }
    setDraft(next);
    if (next.trim() === '') {
      form.set(path, spec.nullable ? null : spec.hasDefault ? undefined : '', 'typing');
      return;
    }
    const result = parseJson(next);
    form.set(path, result.ok ? result.value : next, 'typing');
  };

  const completions = (): CompletionSource => {
    if (spec.scope === 'tool-arguments') return { variables: toolArgumentVariables(enclosingParameters(form.config, path)), candidates: [] };
    return form.completions();
  };

  return (
    <FieldShell
      id={id}
      label={spec.label}
      required={spec.required}
      help={spec.help}
      errors={errors}
      messages={fieldMsgs}
      after={
        <p id={hintId} className="field-keys">
          {keyboardHint(spec)}
        </p>
      }
    >
      {header ? (
        <p id={headerId} className="code-header">
          {header}
        </p>
      ) : null}
      <CodeEditor
        id={id}
        modelPath={`${form.nodeId}/${modelScope}`}
        language={spec.language}
        jsonSchema={spec.jsonSchema}
        value={text}
        onChange={onChange}
        onBlur={form.flush}
        label={`${spec.label}${spec.language === 'template' ? ' (template)' : ''}`}
        {...(fieldMsgs.describedBy ? { describedBy: fieldMsgs.describedBy } : {})}
        invalid={fieldMsgs.invalid}
        lines={spec.lines}
        {...(spec.placeholder ? { placeholder: spec.placeholder } : {})}
        completions={completions}
        problems={textProblems}
        {...(spec.language === 'javascript' ? { onDiagnostics: setWorkerDiagnostics } : {})}
      />
    </FieldShell>
  );
}
