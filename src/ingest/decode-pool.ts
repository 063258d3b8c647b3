import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { closeZips, decodeFile, type DecodeContext } from './decode-file.js';
import type { DecodeResult, FileTask } from './types.js';

/**
 * Runs decodeFile on worker threads (or in-process with jobs = 0, and when running from the
 * TypeScript sources, where there is no compiled worker to start). Results arrive in any order.
 */
export class DecodePool {
  private workers: { w: Worker; busy: number }[] = [];
  private pending = new Map<number, (r: DecodeResult) => void>();
  private inProcess: DecodeContext | null = null;

  constructor(jobs: number, ctx: DecodeContext) {
    const url = new URL('./decode-worker.js', import.meta.url);
    const compiled = url.protocol === 'file:' && existsSync(fileURLToPath(url));
    if (jobs <= 0 || !compiled) {
      this.inProcess = ctx;
      return;
    }
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(url, {
        workerData: { tmpDir: ctx.tmpDir, limits: ctx.limits, knownShas: [...ctx.knownShas] },
        // Each worker holds at most one decompressed file (≤256 MB) plus scanner state.
        resourceLimits: { maxOldGenerationSizeMb: 512 },
      });
      const slot = { w, busy: 0 };
      w.on('message', (r: DecodeResult) => {
        slot.busy--;
        const done = this.pending.get(r.seq);
        this.pending.delete(r.seq);
        done?.(r);
      });
      w.on('error', (e) => {
        // A crashed worker fails its files loudly rather than hanging the run.
        for (const [seq, done] of this.pending) done({ seq, status: 'rejected', sha256: null, bytesRead: 0, reason: `decoder crashed: ${e.message}` });
        this.pending.clear();
      });
      this.workers.push(slot);
    }
  }

  /** How many tasks may be in flight at once to keep every worker fed. */
  get capacity(): number {
    return this.inProcess ? 1 : this.workers.length * 2;
  }

  decode(task: FileTask): Promise<DecodeResult> {
    if (this.inProcess) return decodeFile(task, this.inProcess);
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return new Promise((resolve) => {
      this.pending.set(task.seq, resolve);
      slot.w.postMessage({ task });
    });
  }

  async close(): Promise<void> {
    if (this.inProcess) return closeZips();
    await Promise.all(
      this.workers.map(
        ({ w }) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.postMessage({ close: true });
            setTimeout(() => void w.terminate(), 2000).unref();
          }),
      ),
    );
  }
}
