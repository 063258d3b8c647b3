import { render } from 'ink';
import { Workbench } from './components/workbench.js';

export interface LaunchOptions {
  dbPath: string;
  queriesDir: string;
  historyPath: string;
  ingestPath?: string;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

// Alternate screen (the shell's screen comes back on quit) and bracketed paste (a pasted
// query arrives as one piece, so its line breaks are not taken for Enter presses).
const ENTER = '\x1b[?1049h\x1b[H\x1b[?2004h';
const LEAVE = '\x1b[?2004l\x1b[?1049l';

/** OSC 52: asks the terminal to put text on the system clipboard (works over SSH too). */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

/**
 * Runs the workbench full-screen until the user quits. Resolves `true` when the user quit with
 * work still running (an ingest): the caller must then end the process to stop it.
 */
export async function launchTui(o: LaunchOptions): Promise<boolean> {
  o.stdout.write(ENTER);
  const restore = () => o.stdout.write(LEAVE);
  process.once('exit', restore);
  let forced = false;
  try {
    const app = render(
      <Workbench
        dbPath={o.dbPath}
        queriesDir={o.queriesDir}
        historyPath={o.historyPath}
        ingestPath={o.ingestPath}
        copy={(text) => o.stdout.write(osc52(text))}
        quit={(force) => {
          forced = force;
          app.unmount();
        }}
      />,
      { stdin: o.stdin, stdout: o.stdout, stderr: o.stderr, exitOnCtrlC: false, patchConsole: true },
    );
    await app.waitUntilExit();
    return forced;
  } finally {
    process.off('exit', restore);
    restore();
  }
}
