import { useEffect, useMemo, useState } from 'react';
import { complete, type Completion, type StoreRef } from '../sql-complete.js';

export interface CompletionApi {
  open: boolean;
  list?: Completion;
  index: number;
  show(): void;
  close(): void;
  move(delta: number): void;
  /** The chosen item, or undefined when the list is empty. */
  chosen(): { from: number; to: number; insert: string } | undefined;
}

/**
 * The completion list: opened on request, then re-filtered as the user keeps typing, and closed
 * when nothing matches any more. Items are computed from the text each render (cheap), so the
 * list can never disagree with what is in the editor.
 */
export function useCompletion(text: string, cursor: number, stores: readonly StoreRef[]): CompletionApi {
  const [open, setOpen] = useState(false);
  const [index, setIndex] = useState(0);
  const list = useMemo(() => (open ? complete(text, cursor, stores) : undefined), [open, text, cursor, stores]);
  const isOpen = open && !!list && list.items.length > 0;
  useEffect(() => {
    if (open && !isOpen) setOpen(false);
  }, [open, isOpen]);
  const i = list ? Math.min(index, Math.max(0, list.items.length - 1)) : 0;
  return {
    open: isOpen,
    list: isOpen ? list : undefined,
    index: i,
    show: () => {
      setIndex(0);
      setOpen(true);
    },
    close: () => setOpen(false),
    move: (d) => list && setIndex((i + d + list.items.length) % list.items.length),
    chosen: () => {
      const item = list?.items[i];
      return item && list ? { from: list.from, to: list.to, insert: item.insert } : undefined;
    },
  };
}
