/**
 * Where the form derived from a kind's schema needs a better editor or better words. Keys are
 * path patterns inside the config (`tools[].url`: the url of every tool); an entry under a kind
 * wins over one for the property name in any kind (`*`). Kinds not listed here (added later)
 * still get a complete form from their schema alone.
 */
export interface FieldOverride {
  label?: string;
  help?: string;
  widget?: 'text' | 'textarea' | 'template' | 'javascript' | 'jsonata' | 'json' | 'json-schema' | 'provider';
  /** Editor height in lines (Monaco) or rows (textarea). */
  lines?: number;
  placeholder?: string;
  scope?: 'upstream' | 'tool-arguments';
  hidden?: boolean;
  /** Lists: what one item is called, and the base of generated names. */
  itemNoun?: string;
  itemBase?: string;
  /** Unions: how each variant reads ("HTTP tool"). */
  variantLabels?: Record<string, string>;
  /** The value a new list item starts with here (when the schema has no default). */
  newValue?: unknown;
}

const CODE_TOOL = `function main(args) {
  // args holds the arguments the model called the tool with (see Parameters).
  // Return any JSON value; it becomes the tool's result.
  return args;
}
`;

const ANY_KIND: Record<string, FieldOverride> = {
  providerId: { label: 'Provider', widget: 'provider', help: 'Empty: the flow’s default provider.' },
  model: { label: 'Model', placeholder: 'Flow default', help: 'Empty: the flow’s default model, then the provider’s.' },
  outputSchema: { label: 'Output schema', widget: 'json-schema', help: 'A JSON Schema the reply must match. Empty: the reply is plain text.' },
  schema: { widget: 'json-schema' },
  parameters: { widget: 'json-schema' },
  backstory: { widget: 'textarea', lines: 3 },
  goal: { widget: 'textarea', lines: 2 },
  temperature: { help: '0 is the most predictable; up to 2.' },
};

const BY_KIND: Record<string, Record<string, FieldOverride>> = {
  input: {
    fields: { label: 'Fields', itemNoun: 'field', itemBase: 'field', help: 'Each field is a run input and an output of this node.' },
    'fields[].name': { help: 'The input’s name; connect it by this name.' },
    'fields[].default': { label: 'Default value', placeholder: 'None', help: 'Used when a run has no value. Written as text: 42, true or {"a": 1} fit the field’s type.' },
  },
  template: {
    template: { widget: 'template', lines: 6, help: 'Each {{name}} becomes an input; {{name.field}} reads inside it. Type {{ for the variables.' },
  },
  transform: {
    expression: { label: 'Expression (JSONata)', widget: 'jsonata', lines: 5, help: '$ is the input (an object of all inputs when there are several); each input is also $name.' },
    inputs: { itemNoun: 'input', itemBase: 'in' },
  },
  code: {
    code: { label: 'Code (JavaScript)', widget: 'javascript', lines: 12 },
    inputs: { itemNoun: 'input', itemBase: 'in' },
    timeoutMs: { label: 'Time limit (ms)' },
    memoryMb: { label: 'Memory limit (MB)' },
  },
  router: {
    branches: { itemNoun: 'branch', itemBase: 'branch', help: 'Checked in order; the first whose condition holds is taken, else “otherwise”.' },
    'branches[].condition': { label: 'Condition (JSONata)', widget: 'jsonata', lines: 2, newValue: '$boolean($)' },
  },
  merge: {
    mode: { help: 'all: an object of every input that arrived; first: the first input (in this order) that arrived.' },
    inputs: { itemNoun: 'input', itemBase: 'in' },
  },
  http: {
    url: { label: 'URL', widget: 'template', lines: 1, help: 'Each {{name}} becomes an input; values are URL-encoded.' },
    headers: { itemNoun: 'header', itemBase: 'X-Header' },
    'headers[].value': { widget: 'template', lines: 1 },
    body: { widget: 'template', lines: 6, help: 'Only for POST, PUT, PATCH and DELETE. Empty: no body.' },
    failOnHttpError: { label: 'Fail on an HTTP error status', help: 'Off: a 4xx or 5xx response flows on with its status.' },
  },
  schema_check: {
    schema: { label: 'JSON Schema', lines: 6, help: 'The input goes down “valid” when it matches, else down “invalid” with the problems.' },
  },
  quality_api: {
    url: {
      label: 'URL',
      widget: 'template',
      lines: 1,
      help: 'The scoring service. demo:quality is the demo quality service (scripted, offline: readability and specificity of a message). {{text}} puts the value in, URL-encoded.',
    },
    method: { help: 'POST sends the body; GET sends none (put {{text}} in the URL).' },
    headers: { lines: 3, help: 'Header names and values as a JSON object, e.g. {"X-Team": "sales"}. Flows store no secrets: do not put API keys here.' },
    body: {
      widget: 'template',
      lines: 4,
      placeholder: '{"text": {{json}}}',
      help: 'Empty: sends {"text": the value as text, "value": the value} as JSON. {{json}} is the value as JSON (safe inside JSON), {{text}} as text, {{value.field}} reads inside it.',
    },
    scorePath: { label: 'Score path', placeholder: 'score', help: 'Where the score is in the JSON reply: a dot path such as score or result.overall (list items by number: results.0.score).' },
    threshold: { help: 'The score needed to pass, on the service’s own scale.' },
    direction: { label: 'Better scores are', help: 'higher: a score at or above the threshold passes; lower: at or below it passes.' },
    labelPath: { label: 'Label path', placeholder: 'None', help: 'Optional: where a short label is in the reply. Empty: “score 0.62 (needs 0.70)”.' },
    timeoutMs: { label: 'Time limit (ms)' },
    onError: {
      label: 'When it cannot score',
      help: 'An HTTP error, a timeout or a reply without a number at the score path is never a pass. fail: the value goes down “fail” with an error verdict; stop: the step fails.',
    },
  },
  output: {
    name: { help: 'The name of this result among the run’s outputs.' },
  },
  agent: {
    instructions: { widget: 'template', lines: 5, help: 'The message the model reads. Each {{name}} becomes an input; type {{ for the variables.' },
    maxIterations: { help: 'Model turns at most (tool calls and retries use turns).' },
    tools: { itemNoun: 'tool', itemBase: 'tool' },
    'tools[]': { variantLabels: { http: 'HTTP tool', code: 'Code tool' } },
    'tools[].name': { help: 'The model calls the tool by this name.' },
    'tools[].description': { widget: 'textarea', lines: 2, help: 'Tells the model when to use the tool.' },
    'tools[].parameters': {
      label: 'Parameters (JSON Schema)',
      lines: 4,
      newValue: { type: 'object', properties: { query: { type: 'string', description: 'What to look up' } }, required: ['query'], additionalProperties: false },
    },
    'tools[].url': { label: 'URL', widget: 'template', lines: 1, scope: 'tool-arguments', newValue: 'https://api.example.com/search?q={{query}}', help: 'Each {{name}} is one of the tool’s arguments.' },
    'tools[].headers': { itemNoun: 'header', itemBase: 'X-Header' },
    'tools[].headers[].value': { widget: 'template', lines: 1, scope: 'tool-arguments' },
    'tools[].body': { widget: 'template', lines: 4, scope: 'tool-arguments', help: 'Empty on POST, PUT and PATCH: the arguments are sent as JSON.' },
    'tools[].code': { label: 'Code (JavaScript)', widget: 'javascript', lines: 10, scope: 'tool-arguments', newValue: CODE_TOOL },
  },
  review_gate: {
    instructions: { label: 'Instructions for the reviewer', widget: 'textarea', lines: 4, help: 'What the reviewer checks before approving. Shown with every output they review.' },
    onReject: {
      label: 'On reject',
      help: 'branch: the rejected output and the reviewer’s reason leave by “rejected” (loop it back to the step before, into its feedback input, to have it revised); fail: the run fails with the reason.',
    },
    rules: { label: 'Rules that force review', itemNoun: 'rule', help: 'An output that matches any rule always goes to a person, whatever the step has earned.' },
    // A new rule starts as a common one (a low score forces review), complete and valid.
    'rules[].path': { newValue: 'score', help: 'Where in the output: a field name, or a dot path such as reply.tone.' },
    'rules[].op': { label: 'Operator', newValue: 'lt', help: 'matches takes a regular expression; gt and lt compare numbers; exists and missing take no value.' },
    'rules[].value': { newValue: 0.5, help: 'What to compare with: text in quotes ("urgent"), a number or true/false. None for exists / missing.' },
    'rules[].label': { help: 'Optional: the reason reviewers see instead of the rule itself.' },
  },
  llm_router: {
    instructions: { widget: 'template', lines: 4, help: 'What the model reads to choose. Each {{name}} becomes an input; the chosen branch carries it on.' },
    branches: { itemNoun: 'branch', itemBase: 'branch' },
    'branches[].description': { widget: 'textarea', lines: 2, help: 'Tells the model when to choose this branch.' },
    maxAttempts: { help: 'Answers that name no branch are retried with feedback, this many times at most.' },
  },
  judge: {
    criteria: { widget: 'textarea', lines: 4, help: 'What a good output is, in plain words. The model scores the value against it and gives its reasons.' },
    steps: { label: 'Evaluation steps', itemNoun: 'step', itemBase: 'step', help: 'Optional: what the judge checks, in order. Empty: it works the steps out from the criteria.' },
    'steps[]': { widget: 'textarea', lines: 2, newValue: 'Check that ' },
    scale: { help: 'The whole-number range the model scores on, lowest to highest.' },
    'scale.min': { label: 'Lowest score' },
    'scale.max': { label: 'Highest score' },
    threshold: { label: 'Pass threshold', help: 'A score at or above this passes; below goes down “fail” with the reasons. Must lie within the scale.' },
    maxReplies: { help: 'Replies that do not match the expected JSON are sent back with the errors, up to this many replies in all.' },
    onError: {
      label: 'When it cannot score',
      help: 'fail: the value goes down “fail” with an error verdict (so a revise loop or review can take it); stop: the step fails. A failed model call is retried, then fails the step.',
    },
  },
  grounding_check: {
    threshold: { label: 'Pass threshold', help: 'The share of claims the sources must support, 0 to 1. 1: every claim; 0.8: four in five.' },
    precheck: { label: 'Pre-check (no model)', help: 'Numbers and names in the output that appear nowhere in the sources are caught before any model call.' },
    'precheck.numbers': { help: 'Integers, decimals, percentages, money ($4.2M) and years; 12,000 matches 12000 in the sources.' },
    'precheck.names': { help: 'Capitalised names (Acme Corp, Sarah Chen), matched as whole words, ignoring case.' },
    allow: { label: 'Allowed terms', itemNoun: 'term', itemBase: 'term', help: 'Names and numbers that need no source: the sender’s name, your product, your phone number.' },
    'allow[]': { placeholder: 'Trellis' },
    fields: { label: 'Fields to check', itemNoun: 'field', itemBase: '/body', placeholder: '/body', help: 'JSON pointers to the value’s text fields, such as /body. Empty: every text in the value.' },
    'fields[]': { placeholder: '/body' },
    failOnPrecheck: { label: 'Fail on the pre-check', help: 'On: an unsupported number or name fails the value at once, without a model call. Off: they are reported and the model decides.' },
    useModel: { label: 'Check claims with a model', help: 'Off: only the pre-check runs.' },
    maxReplies: { help: 'Replies that do not match the expected JSON are sent back with the errors, up to this many replies in all.' },
    onError: {
      label: 'When it cannot check',
      help: 'Replies that never match are never a pass. fail: the value goes down “fail” with an error verdict; stop: the step fails. A failed model call is retried, then fails the step.',
    },
  },
};

export function overrideFor(kind: string, pattern: string, key: string): FieldOverride {
  const own = BY_KIND[kind]?.[pattern];
  const general = pattern.includes('.') || pattern.includes('[') ? undefined : ANY_KIND[key];
  const nested = ANY_KIND[key] && (key === 'parameters' || key === 'schema') ? ANY_KIND[key] : undefined;
  return { ...(general ?? nested ?? {}), ...(own ?? {}) };
}
