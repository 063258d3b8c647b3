import { Text } from 'ink';
import type { StoreStats } from '../../store/catalog.js';
import { statusHints } from '../keymap.js';
import type { StoreStatus } from '../hooks/use-store.js';
import type { Message } from '../hooks/use-workbench.js';
import { fitText } from '../text-width.js';
import { ERROR_COLOR } from '../theme.js';

interface Props {
  width: number;
  status: StoreStatus;
  stats: StoreStats[];
  dbPath: string;
  dialect: string;
  message?: Message;
}

const HINTS = statusHints().join('  ');

function storeFacts(status: StoreStatus, stats: StoreStats[], dbPath: string): string {
  switch (status) {
    case 'opening': return `opening ${dbPath}…`;
    case 'missing': return `no store at ${dbPath}: Ctrl+G ingests`;
    case 'writing': return `ingesting into ${dbPath}…`;
    case 'error': return `cannot open ${dbPath}`;
    default: break;
  }
  const events = stats.reduce((a, s) => a + s.events, 0);
  const first = stats.map((s) => s.firstEventTime).filter(Boolean).sort()[0];
  const last = stats.map((s) => s.lastEventTime).filter(Boolean).sort().pop();
  const names = stats.length === 1 ? stats[0]!.name : `${stats.length} stores`;
  const range = first && last ? ` · ${span(first, last)}` : '';
  return `${names} · ${events.toLocaleString('en-US')} events${range}${status === 'empty' ? ': Ctrl+G ingests' : ''}`;
}

/** A compact time range: 2024-03-01…03-07, or one day's hours: 2024-03-01 10:02…17:45. */
function span(first: string, last: string): string {
  const [d1, d2] = [first.slice(0, 10), last.slice(0, 10)];
  if (d1 === d2) return `${d1} ${first.slice(11, 16)}…${last.slice(11, 16)}`;
  return d1.slice(0, 4) === d2.slice(0, 4) ? `${d1}…${d2.slice(5)}` : `${d1}…${d2}`;
}

/** Store, event count, time range, dialect, then a message or the main keys. */
export function StatusBar({ width, status, stats, dbPath, dialect, message }: Props) {
  const left = ` ${storeFacts(status, stats, dbPath)} · ${dialect === 'lake' ? 'Lake' : 'DuckDB'} `;
  const right = message ? ` ${message.text} ` : ` ${HINTS} `;
  // A message (saved, copied, an error) gets most of the line; the store facts give way.
  const leftW = Math.min(left.length, Math.floor(width * (message ? 0.35 : 0.62)));
  return (
    <Text wrap="truncate">
      <Text color="black" backgroundColor="white">{fitText(left, leftW)}</Text>
      <Text color={message?.kind === 'error' ? ERROR_COLOR : message ? 'yellow' : 'gray'}>{fitText(right, Math.max(0, width - leftW))}</Text>
    </Text>
  );
}
