import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { cmp, selection, type Pos } from '../editor-buffer.js';
import type { EditorApi } from '../hooks/use-editor.js';
import { segmentLines, type TokenKind } from '../sql-tokens.js';
import { ERROR_COLOR, SQL_COLORS } from '../theme.js';
import type { CompletionApi } from '../hooks/use-completion.js';
import { CompletionMenu } from './completion-menu.js';
import { PaneTitle } from './pane-title.js';

interface Props {
  editor: EditorApi;
  width: number;
  height: number;
  focused: boolean;
  title: string;
  /** Where the last run's error points, when the editor still holds that SQL. */
  errorAt?: Pos;
  completion: CompletionApi;
}

interface Cell {
  ch: string;
  kind?: TokenKind;
  sel: boolean;
  cursor: boolean;
  error: boolean;
}

const same = (a: Cell, b: Cell) => a.kind === b.kind && a.sel === b.sel && a.cursor === b.cursor && a.error === b.error;

/** The SQL editor: line numbers, Lake SQL colours, the selection and a block cursor. */
export function EditorPane({ editor, width, height, focused, title, errorAt, completion }: Props) {
  const buf = editor.model.buf;
  const segs = useMemo(() => segmentLines(editor.text), [editor.text]);
  const rows = Math.max(1, height - 1);
  const gutter = String(buf.lines.length).length + 1;
  const textW = Math.max(1, width - gutter);
  const { top, left } = editor.view(rows, textW - 1);
  const sel = selection(buf);

  const lines = [];
  for (let i = 0; i < rows; i++) {
    const ln = top + i;
    if (ln >= buf.lines.length) {
      lines.push(<Text key={i} color="gray">{'~'.padEnd(width)}</Text>);
      continue;
    }
    const kinds: (TokenKind | undefined)[] = [];
    for (const s of segs[ln] ?? []) for (let k = 0; k < s.text.length; k++) kinds.push(s.kind);
    const text = buf.lines[ln]!;
    const cells: Cell[] = [];
    for (let col = left; col < left + textW; col++) {
      const p = { line: ln, col };
      cells.push({
        ch: text[col] ?? ' ',
        kind: kinds[col],
        sel: !!sel && cmp(p, sel[0]) >= 0 && cmp(p, sel[1]) < 0 && col < text.length + 1,
        cursor: focused && buf.cursor.line === ln && buf.cursor.col === col,
        error: !!errorAt && errorAt.line === ln && errorAt.col === col,
      });
    }
    const runs: Cell[][] = [];
    for (const c of cells) {
      const last = runs[runs.length - 1];
      if (last && same(last[0]!, c)) last.push(c);
      else runs.push([c]);
    }
    lines.push(
      <Text key={i} wrap="truncate">
        <Text color="gray">{String(ln + 1).padStart(gutter - 1)} </Text>
        {runs.map((r, k) => {
          const c = r[0]!;
          return (
            <Text
              key={k}
              color={c.error || c.sel ? 'white' : c.kind ? SQL_COLORS[c.kind] : undefined}
              backgroundColor={c.error ? ERROR_COLOR : c.sel ? 'blue' : undefined}
              inverse={c.cursor}
              bold={c.kind === 'keyword'}
            >
              {r.map((x) => x.ch).join('')}
            </Text>
          );
        })}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneTitle title={title} right={`${buf.cursor.line + 1}:${buf.cursor.col + 1}`} width={width} focused={focused} />
      {lines}
      {focused && completion.list ? (
        <CompletionMenu
          completion={completion}
          top={1 + buf.cursor.line - top + 1}
          left={Math.min(gutter + Math.max(0, buf.cursor.col - left - completion.list.prefix.length), Math.max(0, width - 40))}
        />
      ) : null}
    </Box>
  );
}
