import { Box, Text } from 'ink';
import { rates } from '../../ingest/progress.js';
import type { Dialog } from '../hooks/use-dialog.js';
import type { IngestApi } from '../hooks/use-ingest.js';
import { fitText, wrapLines } from '../text-width.js';
import { ERROR_COLOR, FOCUS_COLOR } from '../theme.js';

interface Props {
  dialog: Dialog;
  ingest: IngestApi;
  width: number;
  top: number;
  left: number;
}

function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** The modal prompt: a title, one text field, hints, errors, and for ingest a live progress bar. */
export function DialogBox({ dialog, ingest, width, top, left }: Props) {
  // Every line is padded to the full width: the box is drawn over the panes and must hide them.
  const inner = width - 4;
  const pad = (s: string) => ` ${fitText(s, inner)} `;
  const label = `${dialog.label}: `;
  const fieldW = Math.max(4, inner - label.length);
  // The field scrolls so its cursor stays in view.
  const start = Math.max(0, dialog.cursor - fieldW + 1);
  const shown = dialog.value.slice(start, start + fieldW);
  const cur = dialog.cursor - start;
  const p = ingest.progress;
  const showProgress = dialog.kind === 'ingest' && (ingest.running || p);
  const r = p ? rates(p) : undefined;
  return (
    <Box position="absolute" marginTop={top} marginLeft={left} width={width} flexDirection="column" borderStyle="round" borderColor={FOCUS_COLOR}>
      <Text bold color={FOCUS_COLOR}>{pad(dialog.title)}</Text>
      <Text wrap="truncate">
        {` ${label}`}
        <Text underline>{shown.slice(0, cur)}</Text>
        <Text inverse={!dialog.busy}>{shown[cur] ?? ' '}</Text>
        <Text underline>{fitText(shown.slice(cur + 1), Math.max(0, fieldW - cur - 1))}</Text>
        {' '}
      </Text>
      {showProgress && p && r ? (
        <>
          <Text wrap="truncate">{pad(`${bar(r.fraction, Math.max(10, inner - 5))} ${String(Math.floor(r.fraction * 100)).padStart(3)}%`)}</Text>
          <Text color="gray" wrap="truncate">
            {pad(`${p.filesDone}/${p.filesTotal} files · ${p.eventsLoaded.toLocaleString('en-US')} events · ${Math.round(r.eventsPerSec).toLocaleString('en-US')}/s${r.etaMs !== null ? ` · ETA ${Math.ceil(r.etaMs / 1000)} s` : ''}`)}
          </Text>
          <Text color="gray" wrap="truncate">{pad(p.currentFile ?? '')}</Text>
        </>
      ) : null}
      {wrapLines(dialog.hint ?? '', inner).filter(Boolean).map((l, i) => (
        <Text key={`h${i}`} color="gray">{pad(l)}</Text>
      ))}
      {wrapLines(dialog.error ?? (dialog.kind === 'ingest' ? (ingest.error ?? '') : ''), inner).filter(Boolean).map((l, i) => (
        <Text key={`e${i}`} color={ERROR_COLOR}>{pad(l)}</Text>
      ))}
    </Box>
  );
}
