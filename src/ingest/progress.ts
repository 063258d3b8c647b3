/**
 * The progress model of an ingest run. The pipeline only fills it in; how it is shown (a live
 * bar on a TTY, plain lines in a log, a dialog in the TUI) is up to the caller.
 */
export interface IngestProgress {
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  bytesRead: number;
  eventsLoaded: number;
  elapsedMs: number;
  currentFile?: string;
}

export function newProgress(filesTotal: number, bytesTotal: number): IngestProgress {
  return { filesTotal, filesDone: 0, bytesTotal, bytesRead: 0, eventsLoaded: 0, elapsedMs: 0 };
}

/** Derived figures, computed where they are shown. */
export function rates(p: IngestProgress): { eventsPerSec: number; etaMs: number | null; fraction: number } {
  const secs = Math.max(p.elapsedMs / 1000, 0.001);
  const fraction = p.bytesTotal > 0 ? p.bytesRead / p.bytesTotal : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 1;
  const etaMs = fraction > 0.01 && fraction < 1 ? (p.elapsedMs / fraction) * (1 - fraction) : null;
  return { eventsPerSec: p.eventsLoaded / secs, etaMs, fraction };
}
