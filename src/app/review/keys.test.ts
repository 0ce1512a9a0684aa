import { describe, expect, it } from 'vitest';
import { commandFor, displayKey, QUEUE_SHORTCUTS } from './keys';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => commandFor({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('review queue keys', () => {
  it('maps the documented keys to commands, and nothing with Ctrl, Cmd or Alt', () => {
    expect([press('j'), press('ArrowDown'), press('k'), press('ArrowUp')]).toEqual(['next', 'next', 'previous', 'previous']);
    expect([press('a'), press('r'), press('e'), press('c'), press('i'), press('?')]).toEqual(['approve', 'reject', 'edit', 'comment', 'input', 'help']);
    expect(press('a', { ctrlKey: true })).toBeNull();
    expect(press('r', { metaKey: true })).toBeNull();
    expect(press('A')).toBeNull();
    expect(press('x')).toBeNull();
  });

  it('lists every single-key command in the help overlay', () => {
    const listed = QUEUE_SHORTCUTS.flatMap((s) => s.keys);
    for (const key of ['j', 'ArrowDown', 'k', 'ArrowUp', 'a', 'r', 'e', 'c', 'i', '?', 'Enter', 'Escape']) expect(listed).toContain(key);
    expect(displayKey('ArrowDown')).toBe('↓');
  });
});
