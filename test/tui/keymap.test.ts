import { describe, expect, test } from 'vitest';
import { bindingsFor, KEYMAP, keyLabel, keyTableMarkdown, statusHints, type Scope } from '../../src/tui/keymap.js';
import { buildHandlers } from '../../src/tui/workbench-actions.js';

describe('key map', () => {
  test('no key is bound twice within a scope', () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP) {
      for (const k of b.keys) {
        const id = `${b.scope}:${k}`;
        expect(seen.get(id), `${id} bound to ${seen.get(id)} and ${b.action}`).toBeUndefined();
        seen.set(id, b.action);
      }
    }
  });

  test('printable keys are never global, so typing in the editor is never a command', () => {
    for (const b of KEYMAP.filter((x) => x.scope === 'global')) for (const k of b.keys) expect(k.length, k).toBeGreaterThan(1);
  });

  test('run has F5, Ctrl+R and Ctrl+E besides Ctrl+Enter', () => {
    for (const k of ['ctrl+enter', 'f5', 'ctrl+r', 'ctrl+e']) expect(bindingsFor(['global'], k).map((b) => b.action)).toEqual(['run']);
  });

  test('scopes are tried in the order given', () => {
    const scopes: Scope[] = ['completion', 'global', 'editor'];
    expect(bindingsFor(scopes, 'esc').map((b) => b.action)).toEqual(['complete.close', 'cancel']);
    expect(bindingsFor(scopes, 'tab').map((b) => b.action)).toEqual(['complete.accept', 'pane.next']);
  });

  test('every action in the key map has a handler', () => {
    // A stand-in for the workbench whose every property is callable: only the table's keys matter.
    const fake = new Proxy(() => undefined, { get: () => fake, apply: () => undefined }) as never;
    const { handlers } = buildHandlers(fake);
    const missing = [...new Set(KEYMAP.map((b) => b.action))].filter((a) => !handlers[a]);
    expect(missing).toEqual([]);
  });

  test('labels and the generated table', () => {
    expect(keyLabel('ctrl+shift+left')).toBe('Ctrl+Shift+←');
    expect(keyLabel('f5')).toBe('F5');
    expect(keyLabel('+')).toBe('+');
    expect(keyLabel('?')).toBe('?');
    expect(statusHints().slice(0, 3)).toEqual(['F5 run', 'F1 help', '^Q quit']);
    const md = keyTableMarkdown();
    expect(md).toContain('| Ctrl+Enter, F5, Ctrl+R, Ctrl+E | Run the SQL in the editor (the selection, if any) |');
    expect(md).toContain('**Results**');
  });
});
