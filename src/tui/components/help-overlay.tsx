import { Box, Text } from 'ink';
import { keyTable } from '../keymap.js';
import { fitText } from '../text-width.js';
import { FOCUS_COLOR } from '../theme.js';

/** Every help line, generated from the key map that binds the keys. */
export function helpLines(): { text: string; heading?: boolean }[] {
  const out: { text: string; heading?: boolean }[] = [];
  for (const g of keyTable()) {
    out.push({ text: g.title, heading: true });
    for (const r of g.rows) out.push({ text: `  ${r.keys.padEnd(28)} ${r.help}` });
    out.push({ text: '' });
  }
  out.push({ text: 'Ctrl+Enter runs only where the terminal reports it (kitty, or xterm with modifyOtherKeys); F5, Ctrl+R and Ctrl+E run everywhere.' });
  return out;
}

const LINES = helpLines();

/** The key map, full screen, scrollable. */
export function HelpOverlay({ width, height, top }: { width: number; height: number; top: number }) {
  const body = height - 1;
  const start = Math.min(top, Math.max(0, LINES.length - body));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color="black" backgroundColor={FOCUS_COLOR} bold wrap="truncate">
        {fitText(` ctlake workbench: keys (${start + 1}-${Math.min(LINES.length, start + body)} of ${LINES.length}; ↑↓ scroll, Esc closes)`, width)}
      </Text>
      {LINES.slice(start, start + body).map((l, i) => (
        <Text key={i} bold={l.heading} color={l.heading ? FOCUS_COLOR : undefined} wrap="truncate">
          {fitText(l.text, width)}
        </Text>
      ))}
    </Box>
  );
}
