/**
 * Raw terminal input → one key id the key map can match ("f5", "ctrl+r", "shift+up", "a", "?").
 *
 * Ink's own `useInput` drops the names of function keys (F1 and F5 arrive as an empty string),
 * so the workbench reads Ink's already-split input events and names them here. Covers the legacy
 * xterm/VT sequences, xterm's modifyOtherKeys (`ESC[27;5;13~`) and the kitty protocol
 * (`ESC[13;5u`), which is how the terminals that can tell Ctrl+Enter from Enter report it.
 */

export interface KeyEvent {
  /** Canonical id: modifiers in the order ctrl, alt, shift, then the key name or the character. */
  id: string;
  /** Text to insert: the character typed, or the pasted text. */
  text?: string;
}

const CSI_TILDE: Record<string, string> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pageup', '6': 'pagedown', '7': 'home', '8': 'end',
  '11': 'f1', '12': 'f2', '13': 'f3', '14': 'f4', '15': 'f5', '17': 'f6', '18': 'f7', '19': 'f8',
  '20': 'f9', '21': 'f10', '23': 'f11', '24': 'f12',
};

const CSI_LETTER: Record<string, string> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', P: 'f1', Q: 'f2', R: 'f3', S: 'f4', Z: 'tab',
};

/** Kitty / modifyOtherKeys code points that are not plain characters. */
const CODEPOINT: Record<number, string> = { 9: 'tab', 13: 'enter', 27: 'esc', 32: 'space', 127: 'backspace' };

// Linux console and rxvt send F1–F5 as ESC[[A … ESC[[E.
const LINUX_F: Record<string, string> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

function withMods(name: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean }): string {
  return `${mods.ctrl ? 'ctrl+' : ''}${mods.alt ? 'alt+' : ''}${mods.shift ? 'shift+' : ''}${name}`;
}

/** xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8). */
function decodeMods(param: string | undefined): { ctrl: boolean; alt: boolean; shift: boolean } {
  const m = Math.max(0, (Number(param) || 1) - 1);
  return { shift: !!(m & 1), alt: !!(m & 2 || m & 8), ctrl: !!(m & 4) };
}

function controlChar(code: number): string | undefined {
  if (code === 13) return 'enter';
  if (code === 9) return 'tab';
  if (code === 10) return 'ctrl+j'; // some terminals send Ctrl+Enter as a bare line feed
  if (code === 127 || code === 8) return 'backspace';
  if (code === 0) return 'ctrl+space';
  if (code === 27) return 'esc';
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  if (code === 31) return 'ctrl+/';
  return undefined;
}

function fromCodepoint(code: number, mods: { ctrl: boolean; alt: boolean; shift: boolean }): KeyEvent {
  const named = CODEPOINT[code];
  if (named) return { id: withMods(named, mods) };
  let ch = String.fromCodePoint(code);
  if (mods.ctrl || mods.alt) return { id: withMods(ch.toLowerCase(), { ...mods, shift: mods.shift && !/[a-z]/i.test(ch) }) };
  if (mods.shift) ch = ch.toUpperCase();
  return { id: ch, text: ch };
}

/** Names one input event as Ink splits them (one escape sequence, or one run of plain text). */
export function parseKey(seq: string): KeyEvent {
  if (seq.length === 0) return { id: '' };
  if (seq === '\x1b' || seq === '\x1b\x1b') return { id: 'esc' };
  let m = /^\x1b\[(\d+)(?:;(\d+))?~$/.exec(seq);
  if (m) {
    const name = CSI_TILDE[m[1]!];
    return { id: name ? withMods(name, decodeMods(m[2])) : `unknown:${seq.slice(1)}` };
  }
  m = /^\x1b\[27;(\d+);(\d+)~$/.exec(seq); // xterm modifyOtherKeys
  if (m) return fromCodepoint(Number(m[2]), decodeMods(m[1]));
  m = /^\x1b\[(\d+)(?::\d+)*(?:;(\d+)(?::\d+)?)?u$/.exec(seq); // kitty keyboard protocol
  if (m) return fromCodepoint(Number(m[1]), decodeMods(m[2]));
  m = /^\x1b(?:\[|O)(?:1;)?(\d+)?([A-DHFPQRSZ])$/.exec(seq);
  if (m) {
    if (m[2] === 'Z') return { id: 'shift+tab' };
    return { id: withMods(CSI_LETTER[m[2]!]!, decodeMods(m[1])) };
  }
  m = /^\x1b\[\[([A-E])$/.exec(seq);
  if (m) return { id: LINUX_F[m[1]!]! };
  if (seq.startsWith('\x1b\x1b[') || seq.startsWith('\x1b\x1bO')) {
    // Older terminals prefix ESC for Alt on arrows: ESC ESC [ A.
    const inner = parseKey(seq.slice(1));
    return { id: inner.id.startsWith('alt+') ? inner.id : `alt+${inner.id}` };
  }
  if (seq.length === 2 && seq[0] === '\x1b') {
    const code = seq.charCodeAt(1);
    const ctl = controlChar(code);
    if (ctl) return { id: ctl.startsWith('ctrl+') ? ctl.replace('ctrl+', 'ctrl+alt+') : `alt+${ctl}` };
    return { id: `alt+${seq[1]!.toLowerCase()}` };
  }
  if (seq.startsWith('\x1b')) return { id: `unknown:${seq.slice(1)}` };
  const chars = [...seq];
  if (chars.length === 1) {
    const code = seq.codePointAt(0)!;
    const ctl = controlChar(code);
    if (ctl) return { id: ctl };
    if (seq === ' ') return { id: 'space', text: ' ' };
    return { id: seq, text: seq };
  }
  // Several printable characters in one read: typed faster than we read, or sent by a script.
  return { id: 'paste', text: seq };
}

/**
 * Splits one input event into keys: a run of plain text stays one text event, and every control
 * character in it (Enter, Tab, Ctrl+letters) is a key of its own, so `text` + Enter arriving in
 * one read still ends with an Enter press. Real pastes come bracketed (see createKeyReader).
 */
export function parseKeys(seq: string): KeyEvent[] {
  if (seq.startsWith('\x1b') || [...seq].length <= 1) return seq ? [parseKey(seq)] : [];
  return (seq.match(/[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/g) ?? []).map(parseKey);
}

/** Pasted text uses CR for line breaks in raw mode; tabs become spaces so columns line up. */
export function normalizePaste(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** Turns Ink's input events into key events, gathering a bracketed paste into one event. */
export function createKeyReader(): (seq: string) => KeyEvent[] {
  let paste: string[] | null = null;
  return (seq) => {
    if (seq === PASTE_START) {
      paste = [];
      return [];
    }
    if (paste) {
      const end = seq.indexOf(PASTE_END);
      if (end < 0) {
        paste.push(seq);
        return [];
      }
      paste.push(seq.slice(0, end));
      const text = normalizePaste(paste.join(''));
      paste = null;
      return [{ id: 'paste', text }];
    }
    return parseKeys(seq);
  };
}
