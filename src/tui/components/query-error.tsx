import { Box, Text } from 'ink';
import { fitText, wrapLines } from '../text-width.js';
import { ERROR_COLOR } from '../theme.js';

/** Where an error points: Lake translator errors carry 1-based line and column. */
export function errorPosition(error: unknown): { line: number; column: number } | undefined {
  const e = error as { line?: unknown; column?: unknown };
  return typeof e?.line === 'number' && typeof e?.column === 'number' ? { line: e.line, column: e.column } : undefined;
}

/** A query error: the message, and when it has a position, that SQL line with a caret under it. */
export function QueryError({ error, sql, width, height }: { error: Error & { code?: string }; sql: string; width: number; height: number }) {
  const pos = errorPosition(error);
  const lines: { text: string; color?: string }[] = [];
  // Lake errors carry the message without its "line L:C:" prefix as `reason`: the position is shown below.
  const reason = pos && typeof (error as { reason?: unknown }).reason === 'string' ? (error as unknown as { reason: string }).reason : error.message;
  const msg = `${error.code ? `${error.code}: ` : ''}${reason}`;
  for (const l of wrapLines(msg, width).slice(0, Math.max(1, height - (pos ? 3 : 0)))) lines.push({ text: l, color: ERROR_COLOR });
  if (pos) {
    const src = sql.split('\n')[pos.line - 1] ?? '';
    // Keep the caret on screen for long lines: show the part of the line around it.
    const from = Math.max(0, pos.column - 1 - Math.floor(width * 0.6));
    lines.push({ text: `at line ${pos.line}, column ${pos.column}:`, color: 'gray' });
    lines.push({ text: src.slice(from, from + width) });
    lines.push({ text: `${' '.repeat(Math.max(0, pos.column - 1 - from))}^`, color: ERROR_COLOR });
  }
  return (
    <Box flexDirection="column">
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} color={l.color} wrap="truncate">
          {fitText(l.text, width, false)}
        </Text>
      ))}
    </Box>
  );
}
