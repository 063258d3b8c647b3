import { useStdin } from 'ink';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { bindingsFor, type Scope } from '../keymap.js';
import { createKeyReader, type KeyEvent } from '../parse-key.js';

/** An action handler; returning false declines the key so the next binding is tried. */
export type Handler = () => boolean | void;

export interface KeyRouting {
  /** Scopes to try, in order (see keymap.ts). */
  scopes: readonly Scope[];
  handlers: Partial<Record<string, Handler>>;
  /** Printable text no binding took (typing, pastes); false means it was not wanted. */
  onText?: (text: string) => boolean | void;
}

/**
 * The one place keys are handled. Reads Ink's input events (Ink's `useInput` cannot name F1/F5),
 * names them with parse-key.ts and runs the handler of the first binding in scope that accepts.
 *
 * Keys are handled one at a time, each after React has committed what the previous one changed:
 * keys that arrive in one read (a script, tmux send-keys, a fast typist on a busy machine) must
 * see the pane, text and dialog the key before them left behind. After each key the hook bumps a
 * counter of its own; React commits that update together with the handler's, so the commit that
 * shows the new count is the one that holds the key's effects, and releases the next key.
 */
export function useKeys(routing: KeyRouting): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const ref = useRef(routing);
  ref.current = routing;
  const [handled, setHandled] = useState(0);
  const waitFor = useRef(0);
  const resume = useRef<(() => void) | null>(null);

  useLayoutEffect(() => {
    if (resume.current && handled >= waitFor.current) {
      const next = resume.current;
      resume.current = null;
      next();
    }
  });

  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    const read = createKeyReader();
    const queue: KeyEvent[] = [];
    let busy = false;
    let count = 0;
    let stopped = false;
    const pump = () => {
      const key = stopped ? undefined : queue.shift();
      if (!key) {
        busy = false;
        return;
      }
      busy = true;
      queue.unshift(...dispatch(ref.current, key));
      waitFor.current = ++count;
      resume.current = () => setImmediate(pump);
      setHandled(count);
    };
    const onInput = (seq: string) => {
      queue.push(...read(seq));
      if (!busy) pump();
    };
    events.on('input', onInput);
    return () => {
      stopped = true;
      resume.current = null;
      events.off('input', onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [events, setRawMode, isRawModeSupported]);
}

/**
 * Runs the key's handler; returns the keys still to handle: when several characters arrived at
 * once where no text is wanted (a held key, keys sent by a script), they are handled one by one
 * as keys, each after the previous one's changes are in (so "/abc" in the sidebar starts a search
 * and then types into it).
 */
export function dispatch(r: KeyRouting, key: KeyEvent): KeyEvent[] {
  for (const b of bindingsFor(r.scopes, key.id)) {
    const h = r.handlers[b.action];
    if (h && h() !== false) return [];
  }
  if (key.text === undefined || r.onText?.(key.text) !== false) return [];
  if (key.id !== 'paste' || [...key.text].length < 2) return [];
  return [...key.text].map((ch) => (ch === '\n' ? { id: 'enter' } : ch === ' ' ? { id: 'space', text: ' ' } : { id: ch, text: ch }));
}
