import { describe, expect, test } from 'vitest';
import { createKeyReader, parseKey, parseKeys } from '../../src/tui/parse-key.js';

describe('parseKey', () => {
  test.each([
    ['\r', 'enter'],
    ['\n', 'ctrl+j'],
    ['\t', 'tab'],
    ['\x1b[Z', 'shift+tab'],
    ['\x7f', 'backspace'],
    ['\x1b', 'esc'],
    ['\x12', 'ctrl+r'],
    ['\x05', 'ctrl+e'],
    ['\x11', 'ctrl+q'],
    ['\x00', 'ctrl+space'],
    ['\x1b[A', 'up'],
    ['\x1bOB', 'down'],
    ['\x1b[1;2C', 'shift+right'],
    ['\x1b[1;5D', 'ctrl+left'],
    ['\x1b[1;6D', 'ctrl+shift+left'],
    ['\x1b[H', 'home'],
    ['\x1b[4~', 'end'],
    ['\x1b[1;5H', 'ctrl+home'],
    ['\x1b[3~', 'delete'],
    ['\x1b[5~', 'pageup'],
    ['\x1bOP', 'f1'],
    ['\x1b[11~', 'f1'],
    ['\x1b[[A', 'f1'],
    ['\x1b[15~', 'f5'],
    ['\x1b[15;2~', 'shift+f5'],
    ['\x1b[13;5u', 'ctrl+enter'], // kitty
    ['\x1b[27;5;13~', 'ctrl+enter'], // xterm modifyOtherKeys
    ['\x1b[114;5u', 'ctrl+r'],
    ['\x1bb', 'alt+b'],
    ['\x1b\x7f', 'alt+backspace'],
    ['\x1b1', 'alt+1'],
  ])('%j → %s', (seq, id) => {
    expect(parseKey(seq).id).toBe(id);
  });

  test('printable characters carry their text', () => {
    expect(parseKey('a')).toEqual({ id: 'a', text: 'a' });
    expect(parseKey('?')).toEqual({ id: '?', text: '?' });
    expect(parseKey(' ')).toEqual({ id: 'space', text: ' ' });
    expect(parseKey('é')).toEqual({ id: 'é', text: 'é' });
  });

  test('several characters in one read: text runs stay whole, control characters are keys', () => {
    expect(parseKeys('SELECT 1')).toEqual([{ id: 'paste', text: 'SELECT 1' }]);
    expect(parseKeys('Top APIs\r')).toEqual([{ id: 'paste', text: 'Top APIs' }, { id: 'enter' }]);
    expect(parseKeys('\x14\x01')).toEqual([{ id: 'ctrl+t' }, { id: 'ctrl+a' }]);
    expect(parseKeys('\x1b[15~')).toEqual([{ id: 'f5' }]);
  });

  test('a bracketed paste is gathered into one event, escapes inside included', () => {
    const read = createKeyReader();
    expect(read('\x1b[200~')).toEqual([]);
    expect(read('SELECT\r')).toEqual([]);
    expect(read('\t1\x1b[201~')).toEqual([{ id: 'paste', text: 'SELECT\n  1' }]);
    expect(read('\x1b[15~')).toEqual([{ id: 'f5' }]);
  });
});
