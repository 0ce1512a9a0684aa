import { describe, expect, it } from 'vitest';
import { matchShortcut, SHORTCUTS } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; code: string }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('maps keys to actions, with Ctrl or Cmd', () => {
    expect(matchShortcut(key('z', { ctrlKey: true }))).toBe('undo');
    expect(matchShortcut(key('z', { metaKey: true }))).toBe('undo');
    expect(matchShortcut(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(matchShortcut(key('y', { ctrlKey: true }))).toBe('redo');
    expect(matchShortcut(key('c', { ctrlKey: true }))).toBe('copy');
    expect(matchShortcut(key('v', { metaKey: true }))).toBe('paste');
    expect(matchShortcut(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(matchShortcut(key('a', { ctrlKey: true }))).toBe('selectAll');
    expect(matchShortcut(key('Delete'))).toBe('delete');
    expect(matchShortcut(key('Backspace'))).toBe('delete');
    expect(matchShortcut(key('?', { shiftKey: true }))).toBe('help');
    expect(matchShortcut(key('L', { shiftKey: true }))).toBe('layout');
    expect(matchShortcut(key('!', { shiftKey: true, code: 'Digit1' }))).toBe('fit');
    expect(matchShortcut(key('c'))).toBe('connect');
    expect(matchShortcut(key('l'))).toBeNull();
    expect(matchShortcut(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('every shortcut with an action is listed in the help', () => {
    const ids = SHORTCUTS.map((s) => s.id).filter(Boolean);
    for (const id of ['undo', 'redo', 'copy', 'cut', 'paste', 'duplicate', 'selectAll', 'delete', 'deselect', 'layout', 'fit', 'zoomIn', 'zoomOut', 'save', 'connect', 'search', 'help']) {
      expect(ids).toContain(id);
    }
  });
});
