import { Box, Text } from 'ink';
import type { CompletionApi } from '../hooks/use-completion.js';
import { fitText } from '../text-width.js';

const SHOWN = 6;
const WIDTH = 40;

/** The completion list, drawn over the panes under the word being completed. */
export function CompletionMenu({ completion, top, left }: { completion: CompletionApi; top: number; left: number }) {
  const items = completion.list?.items ?? [];
  const first = Math.max(0, Math.min(completion.index - SHOWN + 1, items.length - SHOWN));
  const start = Math.max(0, Math.min(first, completion.index));
  const view = items.slice(start, start + SHOWN);
  return (
    <Box position="absolute" marginTop={top} marginLeft={left} flexDirection="column" width={WIDTH} borderStyle="single" borderColor="cyan">
      {view.map((it, i) => {
        const on = start + i === completion.index;
        const detail = fitText(it.detail, 12);
        return (
          <Text key={it.label + it.kind} inverse={on} wrap="truncate">
            {fitText(it.label, WIDTH - 2 - 13)} <Text color={on ? undefined : 'gray'}>{detail}</Text>
          </Text>
        );
      })}
      <Text color="gray" wrap="truncate">{fitText(`${completion.index + 1}/${items.length} · Enter/Tab inserts · Esc`, WIDTH - 2)}</Text>
    </Box>
  );
}
