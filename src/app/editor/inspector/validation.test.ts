import { describe, expect, it } from 'vitest';
import { agentNode } from '../../../engine/nodes/agent';
import { routerNode } from '../../../engine/nodes/router';
import { configFields } from './schemaFields';
import { configProblems, describePath, problemsAt, problemsUnder } from './validation';

describe('config problems', () => {
  it('reports each problem at its path, as the kind’s schema words it', () => {
    const config = { ...agentNode.defaultConfig(), role: '', tools: [{ type: 'http', name: 'look up', url: 'https://x.test/{{q}}' }] };
    const problems = configProblems(agentNode.configSchema, config);
    expect(problemsAt(problems, ['role']).map((p) => p.message)).toEqual(['must not be empty']);
    expect(problemsAt(problems, ['tools', 0, 'name'])[0]?.message).toContain('letters, digits');
    expect(problemsAt(problems, ['tools', 0, 'url'])[0]?.message).toContain('{{q}}');
    expect(problemsUnder(problems, ['tools']).length).toBe(2);
    expect(configProblems(agentNode.configSchema, agentNode.defaultConfig())).toEqual([]);
  });

  it('names a path in the words of the form', () => {
    const spec = configFields(agentNode);
    const config = { tools: [{ type: 'code' }, { type: 'http', headers: [{ name: 'x', value: '' }] }] };
    expect(describePath(spec, ['tools', 1, 'url'], config)).toBe('Tools › tool 2 › URL');
    expect(describePath(spec, ['tools', 1, 'headers', 0, 'value'], config)).toBe('Tools › tool 2 › Headers › header 1 › Value');
    expect(describePath(spec, ['tools', 0, 'code'], config)).toBe('Tools › tool 1 › Code (JavaScript)');
    expect(describePath(spec, [], config)).toBe('Config');
    expect(describePath(configFields(routerNode), ['branches', 0, 'condition'], {})).toBe('Branches › branch 1 › Condition (JSONata)');
  });
});
