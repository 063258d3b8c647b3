import { Box, Text } from 'ink';
import type { QueryApi } from '../hooks/use-query.js';
import type { ResultsApi } from '../hooks/use-results.js';
import { cellText, visibleColumns } from '../grid-layout.js';
import { fitText } from '../text-width.js';
import { PaneTitle } from './pane-title.js';
import { QueryError } from './query-error.js';

interface Props {
  query: QueryApi;
  results: ResultsApi;
  width: number;
  height: number;
  focused: boolean;
  now: number;
}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/** "500 of >500 rows · 42 ms", or the spinner and clock of a running query. */
function summary(query: QueryApi, results: ResultsApi, now: number): string {
  if (query.running) {
    const secs = ((now - (query.startedAt ?? now)) / 1000).toFixed(1);
    return `${SPINNER[Math.floor(now / 100) % SPINNER.length]} running ${secs} s · Esc cancels`;
  }
  const r = query.result;
  if (!r) return '';
  if (r.error) return `error · ${r.elapsedMs} ms`;
  const n = r.rows.length;
  const count = r.truncated ? `${n} of >${n} rows` : `${n} row${n === 1 ? '' : 's'}`;
  const filtered = results.filter ? `${results.shown.length} match "${results.filter}" · ` : '';
  return `${filtered}${count} · ${r.elapsedMs} ms`;
}

/** The result grid: fitted columns, the selected row and cell, scrolling both ways. */
export function ResultsGrid({ query, results, width, height, focused, now }: Props) {
  const r = query.result;
  const title = <PaneTitle title="Results" right={summary(query, results, now)} width={width} focused={focused} />;
  const body = height - 1;
  if (!r || r.error || !r.columns.length) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {title}
        {r?.error ? (
          <QueryError error={r.error} sql={query.sql ?? ''} width={width} height={body} />
        ) : (
          <Text color="gray">{fitText(query.running ? '' : r ? '(the statement returned no columns)' : ' F5, Ctrl+R or Ctrl+E runs the query; Tab moves between panes; F1 lists every key', width)}</Text>
        )}
      </Box>
    );
  }
  const rowsH = Math.max(1, body - 1);
  // One cell of gutter marks the selected row, so it shows without colours (and in captures).
  const gridW = width - 1;
  const { top, left } = results.view(rowsH, gridW);
  const cols = visibleColumns(results.widths, left, gridW);
  const more = cols[cols.length - 1]!.index < r.columns.length - 1 || cols[cols.length - 1]!.clipped;
  const header = cols.map((c) => fitText(r.columns[c.index]!.name, c.width, !c.clipped)).join(' ');

  const rows = [];
  for (let k = 0; k < rowsH; k++) {
    const pos = top + k;
    const ri = results.shown[pos];
    if (ri === undefined) break;
    const row = r.rows[ri]!;
    const sel = pos === results.row;
    rows.push(
      <Text key={k} wrap="truncate">
        <Text color="cyan">{sel ? '›' : ' '}</Text>
        {cols.map((c, j) => {
          const v = row[c.index];
          const text = fitText(cellText(v), c.width, !c.clipped);
          const isCell = sel && c.index === results.col;
          return (
            <Text key={c.index}>
              {j ? ' ' : ''}
              <Text inverse={isCell && focused} backgroundColor={sel && !isCell ? 'blue' : undefined} color={v === null ? 'gray' : sel ? 'white' : undefined}>
                {text}
              </Text>
            </Text>
          );
        })}
      </Text>,
    );
  }
  if (!results.shown.length) rows.push(<Text key="none" color="gray">{fitText(`no row contains "${results.filter}"`, width)}</Text>);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {title}
      <Text bold wrap="truncate">
        {fitText(` ${header}`, more ? width - 1 : width)}
        {more ? <Text color="cyan">→</Text> : null}
      </Text>
      {rows}
    </Box>
  );
}
