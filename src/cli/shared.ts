import type { Command } from 'commander';

/** Streams are injected so tests can run commands in-process and read what they print. */
export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  exitCode: number;
}

export const DEFAULT_DB = './ctlake.duckdb';

export function dbPath(program: Command): string {
  return (program.opts().db as string | undefined) ?? process.env.CTLAKE_DB ?? DEFAULT_DB;
}

export function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}
