import { Box, Text } from 'ink';
import { TABS, type SidebarApi } from '../hooks/use-sidebar.js';
import { fitText, flat, wrapLines } from '../text-width.js';
import { FOCUS_COLOR } from '../theme.js';

interface Props {
  sidebar: SidebarApi;
  width: number;
  height: number;
  focused: boolean;
  /** Shown when a tab has nothing (e.g. where saved queries would be). */
  emptyText: Record<string, string>;
}

/** Tabs (Samples, Saved, History, Schema), the search line and the tab's list. */
export function Sidebar({ sidebar, width, height, focused, emptyText }: Props) {
  const listH = Math.max(1, height - 2);
  const perItem = sidebar.itemLines;
  const visible = Math.max(1, Math.floor(listH / perItem));
  const top = sidebar.view(visible);
  const items = sidebar.items.slice(top, top + visible);
  const search = sidebar.searching ? `/${sidebar.search}▏` : sidebar.search ? `/${sidebar.search}` : '/ search';

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">
        {TABS.map((t) => {
          const on = t === sidebar.tab;
          // Narrow sidebars spell out the open tab only; the others keep two letters.
          const label = width >= 34 || on ? t : t.slice(0, 2);
          return (
            <Text key={t} color={on ? (focused ? 'black' : undefined) : 'gray'} backgroundColor={on && focused ? FOCUS_COLOR : undefined} bold={on} underline={on && !focused}>
              {` ${label} `}
            </Text>
          );
        })}
      </Text>
      <Text color={sidebar.searching ? 'white' : 'gray'} wrap="truncate">
        {fitText(search, width)}
      </Text>
      {items.length === 0 ? (
        <Text color="gray" wrap="wrap">
          {sidebar.search ? 'nothing matches' : (emptyText[sidebar.tab] ?? '')}
        </Text>
      ) : null}
      {items.map((it, k) => {
        const on = top + k === sidebar.sel;
        const indent = it.kind === 'schema' ? ' '.repeat(it.row.depth) : '';
        const inverse = on && focused;
        if (perItem === 1) {
          // Types are short (VARCHAR, TIMESTAMP, STRUCT): names get the rest of the width.
          const detailW = it.sub ? Math.min(it.sub.length, width >= 26 ? 10 : 7) : 0;
          const label = fitText(`${on ? '›' : ' '}${indent}${flat(it.label)}`, width - detailW - (detailW ? 1 : 0));
          return (
            <Text key={it.key} inverse={inverse} bold={on} wrap="truncate">
              {label}
              {detailW ? <Text color={inverse ? undefined : 'gray'}> {fitText(it.sub, detailW)}</Text> : null}
            </Text>
          );
        }
        // A title too long for the line continues on the second one (instead of the tags).
        const [first = '', ...rest] = wrapLines(flat(it.label), width - 1);
        const second = rest.length ? rest.join(' ') : it.sub;
        return (
          <Box key={it.key} flexDirection="column">
            <Text inverse={inverse} bold={on} wrap="truncate">
              {fitText(`${on ? '›' : ' '}${first}`, width)}
            </Text>
            <Text color={rest.length ? undefined : 'gray'} bold={on && rest.length > 0} inverse={inverse} wrap="truncate">
              {fitText(` ${second}`, width)}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
