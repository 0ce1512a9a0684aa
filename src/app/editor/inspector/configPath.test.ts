import { describe, expect, it } from 'vitest';
import { formatConfigPath, getIn, moveItem, removeItem, setIn, uniqueName } from './configPath';

describe('config paths', () => {
  const config = { role: 'analyst', tools: [{ name: 'a', headers: [{ name: 'X', value: '1' }] }, { name: 'b' }] };

  it('reads nested values and tolerates missing ones', () => {
    expect(getIn(config, ['tools', 0, 'headers', 0, 'value'])).toBe('1');
    expect(getIn(config, ['tools', 5, 'name'])).toBeUndefined();
    expect(getIn(config, ['role', 'x'])).toBeUndefined();
  });

  it('writes without mutating and keeps untouched branches', () => {
    const next = setIn(config, ['tools', 0, 'headers', 0, 'value'], '2');
    expect(next).not.toBe(config);
    expect(config.tools[0]?.headers?.[0]?.value).toBe('1');
    expect(getIn(next, ['tools', 0, 'headers', 0, 'value'])).toBe('2');
    expect(next.tools[1]).toBe(config.tools[1]);
    expect(setIn(config, ['role'], 'analyst')).toBe(config);
  });

  it('removes a key when given undefined, and creates missing containers', () => {
    expect(setIn(config, ['role'], undefined)).not.toHaveProperty('role');
    expect(setIn({}, ['a', 0, 'b'], 1)).toEqual({ a: [{ b: 1 }] });
    expect(setIn({ a: 1 }, ['missing'], undefined)).toEqual({ a: 1 });
  });

  it('moves, removes and names list items', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['c', 'a', 'b']);
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(uniqueName('in', ['in', 'in2'])).toBe('in3');
    expect(formatConfigPath(['tools', 1, 'url'])).toBe('tools[1].url');
  });
});
