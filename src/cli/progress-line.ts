import { rates, type IngestProgress } from '../ingest/progress.js';

/**
 * Shows ingest progress on stderr: a live bar redrawn in place on a TTY, or a plain line every
 * few seconds otherwise (logs, CI, --no-progress).
 */
export function progressReporter(stream: NodeJS.WriteStream, live: boolean): { update: (p: IngestProgress) => void; done: () => void } {
  let last = 0;
  let lastLine = '';
  // CTLAKE_PROGRESS_MS: how often plain progress lines are written (logs, tests); the bar redraws at 10 Hz.
  const everyMs = live ? 100 : Number(process.env.CTLAKE_PROGRESS_MS) || 5000;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < everyMs && p.filesDone < p.filesTotal) return;
      last = now;
      lastLine = describe(p, live);
      if (live) stream.write(`\r\x1b[2K${lastLine}`);
      else stream.write(`${lastLine}\n`);
    },
    done() {
      if (live && lastLine) stream.write('\r\x1b[2K');
    },
  };
}

export function describe(p: IngestProgress, bar: boolean): string {
  const { eventsPerSec, etaMs, fraction } = rates(p);
  const pct = Math.floor(fraction * 100);
  const width = 24;
  const filled = Math.round(fraction * width);
  const head = bar ? `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(pct).padStart(3)}% ` : `ingest: ${pct}% `;
  return (
    `${head}${p.filesDone}/${p.filesTotal} files, ${p.eventsLoaded.toLocaleString('en-US')} events, ` +
    `${(p.bytesRead / 1e6).toFixed(1)}/${(p.bytesTotal / 1e6).toFixed(1)} MB, ${Math.round(eventsPerSec).toLocaleString('en-US')} events/s` +
    (etaMs !== null ? `, ETA ${duration(etaMs)}` : '')
  );
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
