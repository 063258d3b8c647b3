import { Text } from 'ink';
import { fitText, textWidth } from '../text-width.js';
import { FOCUS_COLOR } from '../theme.js';

/**
 * A pane's one-line title: name on the left, facts on the right. The focused pane's title is
 * coloured and marked with ▶, so focus shows on monochrome terminals and in screen captures too.
 */
export function PaneTitle({ title, right = '', width, focused }: { title: string; right?: string; width: number; focused: boolean }) {
  const left = `${focused ? '▶' : '─'} ${title} `;
  const r = right ? ` ${right} ` : '';
  const fill = Math.max(1, width - textWidth(left) - textWidth(r));
  const line = fitText(`${left}${'─'.repeat(fill)}${r}`, width, false);
  return (
    <Text color={focused ? FOCUS_COLOR : 'gray'} bold={focused} wrap="truncate">
      {line}
    </Text>
  );
}
