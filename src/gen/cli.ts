#!/usr/bin/env node
// Dev CLI for the generator:
//   node dist/gen/cli.js samples [--out samples]
//   node dist/gen/cli.js tree --events N --out DIR [--seed S] [--events-per-file K]
//        [--days D] [--start YYYY-MM-DD] [--accounts a,b] [--regions r1,r2]
//        [--workers W] [--force]
// Prints a one-line summary to stderr. Plain argv parsing on purpose: this is
// a dev tool and should not pull the main CLI's dependencies in.

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateSamples } from './samples.js';
import { generateTree } from './tree.js';

const USAGE = `usage:
  cli.js samples [--out samples]
  cli.js tree --events N --out DIR [--seed S] [--events-per-file K] [--days D]
              [--start YYYY-MM-DD] [--accounts a,b] [--regions r1,r2]
              [--workers W] [--force]   (W=0: in-process; output is identical for any W)`;

function parseFlags(args: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (a === '--force') flags.set('force', 'true');
    else {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      flags.set(a.slice(2), v);
    }
  }
  return flags;
}

function int(flags: Map<string, string>, name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${v}`);
  return n;
}

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  const flags = parseFlags(rest);
  const t0 = performance.now();
  if (cmd === 'samples') {
    const out = flags.get('out') ?? 'samples';
    const s = await generateSamples(out);
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    process.stderr.write(`samples: ${s.events} events (${s.insightEvents} insights) in ${s.files} files under ${join(out, 'AWSLogs')}, json ${mb(s.bytesJson)}, gz ${mb(s.bytesGz)}, ${secs}s\n`);
    return;
  }
  if (cmd === 'tree') {
    const out = flags.get('out');
    const events = int(flags, 'events');
    if (!out || events === undefined) throw new Error('tree needs --events and --out');
    // Leftovers from an earlier run would silently mix into the new tree.
    const logs = join(out, 'AWSLogs');
    if (existsSync(logs)) {
      if (flags.get('force') !== 'true') throw new Error(`${logs} exists; remove it or pass --force`);
      rmSync(logs, { recursive: true, force: true });
    }
    const s = await generateTree({
      out,
      events,
      seed: int(flags, 'seed'),
      eventsPerFile: int(flags, 'events-per-file'),
      days: int(flags, 'days'),
      startDate: flags.get('start'),
      accounts: flags.get('accounts')?.split(','),
      regions: flags.get('regions')?.split(','),
      workers: int(flags, 'workers'),
    });
    const secs = (performance.now() - t0) / 1000;
    process.stderr.write(`tree: ${s.events} events in ${s.files} files under ${logs}, json ${mb(s.bytesJson)}, gz ${mb(s.bytesGz)}, ${secs.toFixed(1)}s (${Math.round(s.events / secs)} events/s)\n`);
    return;
  }
  throw new Error(cmd ? `unknown command ${cmd}` : 'missing command');
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exitCode = 1;
});
