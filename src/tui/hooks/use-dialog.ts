import { useState } from 'react';

export type DialogKind = 'save' | 'overwrite' | 'export' | 'filter' | 'ingest';

export interface Dialog {
  kind: DialogKind;
  title: string;
  label: string;
  value: string;
  cursor: number;
  hint?: string;
  error?: string;
  /** Work under way (saving, exporting, ingesting): input is ignored until it ends. */
  busy?: boolean;
  /** What the dialog is about, e.g. the name being overwritten. */
  subject?: string;
}

export interface DialogApi {
  dialog?: Dialog;
  open(d: Omit<Dialog, 'cursor'>): void;
  close(): void;
  update(patch: Partial<Dialog>): void;
  type(text: string): void;
  edit(op: 'left' | 'right' | 'home' | 'end' | 'backspace' | 'delete' | 'clear'): void;
}

/** The one modal prompt (save name, export path, filter, ingest path) and its text field. */
export function useDialog(): DialogApi {
  const [dialog, setDialog] = useState<Dialog>();
  const edit = (f: (d: Dialog) => Partial<Dialog>) => setDialog((d) => (d && !d.busy ? { ...d, ...f(d), error: undefined } : d));
  return {
    dialog,
    open: (d) => setDialog({ ...d, cursor: d.value.length }),
    close: () => setDialog(undefined),
    update: (patch) => setDialog((d) => (d ? { ...d, ...patch } : d)),
    type: (text) => {
      const t = text.replace(/\n/g, ' ');
      edit((d) => ({ value: d.value.slice(0, d.cursor) + t + d.value.slice(d.cursor), cursor: d.cursor + t.length }));
    },
    edit: (op) =>
      edit((d) => {
        switch (op) {
          case 'left': return { cursor: Math.max(0, d.cursor - 1) };
          case 'right': return { cursor: Math.min(d.value.length, d.cursor + 1) };
          case 'home': return { cursor: 0 };
          case 'end': return { cursor: d.value.length };
          case 'backspace': return d.cursor ? { value: d.value.slice(0, d.cursor - 1) + d.value.slice(d.cursor), cursor: d.cursor - 1 } : {};
          case 'delete': return { value: d.value.slice(0, d.cursor) + d.value.slice(d.cursor + 1) };
          case 'clear': return { value: '', cursor: 0 };
        }
      }),
  };
}
