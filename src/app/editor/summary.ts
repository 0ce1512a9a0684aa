/** A one-line summary of a node's config, shown on the canvas under its label. */
const MAX = 60;

function clip(text: string, max = MAX): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function names(list: unknown, key = 'name'): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown) => (typeof item === 'string' ? item : item && typeof item === 'object' ? str((item as Record<string, unknown>)[key]) : '')).filter(Boolean);
}

function listOf(prefix: string, items: string[]): string {
  return items.length ? clip(`${prefix}${items.join(', ')}`) : '';
}

export function configSummary(kind: string, config: Record<string, unknown>): string {
  switch (kind) {
    case 'input':
      return listOf('Fields: ', names(config.fields));
    case 'template':
      return clip(str(config.template));
    case 'transform':
      return clip(str(config.expression));
    case 'code': {
      const inputs = names(config.inputs);
      const timeout = typeof config.timeoutMs === 'number' ? ` · ${config.timeoutMs} ms limit` : '';
      return clip(`JavaScript${inputs.length ? ` on ${inputs.join(', ')}` : ''}${timeout}`);
    }
    case 'router':
    case 'llm_router':
      return listOf('Branches: ', names(config.branches));
    case 'merge':
      return clip(`${config.mode === 'first' ? 'First available of' : 'All of'} ${names(config.inputs).join(', ')}`);
    case 'http':
      return clip(`${str(config.method) || 'GET'} ${str(config.url)}`);
    case 'schema_check': {
      const schema = config.schema && typeof config.schema === 'object' ? (config.schema as Record<string, unknown>) : {};
      const title = str(schema.title);
      const type = str(schema.type);
      return clip(title || (type ? `Must be ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}` : 'JSON Schema'));
    }
    case 'output':
      return str(config.name) ? clip(`Run output "${str(config.name)}"`) : '';
    case 'agent': {
      const role = str(config.role);
      const goal = str(config.goal);
      return clip([role, goal].filter(Boolean).join(' — '));
    }
    case 'judge': {
      const scale = config.scale && typeof config.scale === 'object' ? (config.scale as Record<string, unknown>) : {};
      const max = typeof scale.max === 'number' ? scale.max : 10;
      const threshold = typeof config.threshold === 'number' ? config.threshold : 7;
      return clip(`Needs ${threshold} of ${max} · ${str(config.criteria)}`);
    }
    case 'grounding_check': {
      const threshold = typeof config.threshold === 'number' ? config.threshold : 1;
      const fields = names(config.fields);
      const what = config.useModel === false ? 'Names and numbers' : threshold >= 1 ? 'Every claim' : `${Math.round(threshold * 100)}% of claims`;
      return clip(`${what} in the sources${fields.length ? ` · ${fields.join(', ')}` : ''}`);
    }
    case 'quality_api': {
      const threshold = typeof config.threshold === 'number' ? config.threshold : 0.7;
      const direction = config.direction === 'lower' ? 'at most' : 'at least';
      return clip(`${str(config.scorePath) || 'score'} ${direction} ${threshold} · ${str(config.url) || 'demo:quality'}`);
    }
    case 'review_gate': {
      const rules = Array.isArray(config.rules) && config.rules.length > 0 ? ` · ${config.rules.length} rule${config.rules.length === 1 ? '' : 's'}` : '';
      return clip(`${config.onReject === 'fail' ? 'A rejection fails the run' : 'Rejected outputs go to “rejected”'}${rules}`);
    }
    default:
      return '';
  }
}
