import { Box, Text } from 'ink';
import type { DetailApi } from '../hooks/use-detail.js';
import { fitText, flat, textWidth } from '../text-width.js';
import { JSON_COLORS } from '../theme.js';
import { PaneTitle } from './pane-title.js';

interface Props {
  detail: DetailApi;
  width: number;
  height: number;
  focused: boolean;
  /** "row 3 of 500", or why nothing is shown. */
  caption: string;
}

/** The selected row's event as folded, coloured JSON with a line cursor. */
export function DetailPane({ detail, width, height, focused, caption }: Props) {
  const body = Math.max(1, height - 1);
  const top = detail.view(body);
  const shown = detail.lines.slice(top, top + body);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <PaneTitle title="Detail" right={caption} width={width} focused={focused} />
      {shown.map((l, k) => {
        const on = focused && top + k === detail.cursor;
        const indent = '  '.repeat(l.depth);
        const marker = l.node === 'folded' ? '▸' : l.node === 'open' ? '▾' : ' ';
        const key = l.key ?? '';
        const used = textWidth(indent) + 2 + textWidth(key);
        const value = fitText(flat(`${l.text}${l.comma ? ',' : ''}`), Math.max(1, width - used));
        return (
          <Text key={k} inverse={on} wrap="truncate">
            {indent}
            <Text color="gray">{marker} </Text>
            <Text color="cyan">{key}</Text>
            <Text color={JSON_COLORS[l.kind]}>{value}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
