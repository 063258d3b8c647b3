import type { Command } from 'commander';
import { CtlakeError, EXIT } from '../errors.js';
import { loadPublicKeys, loadSignatures } from '../toolkit/digest-format.js';
import { parseAwsTimestamp } from '../toolkit/lookup-time.js';
import { inputsFromLedger, inputsFromPaths, type Inputs } from '../toolkit/validate-inputs.js';
import { summarize, validateJson, validateText } from '../toolkit/validate-output.js';
import { validate } from '../toolkit/validate-run.js';
import { dbPath, type Io } from './shared.js';
import { openExisting } from './stores-command.js';

interface ValidateOpts {
  publicKeys?: string;
  signature?: string;
  signatures?: string;
  startTime?: string;
  endTime?: string;
  format: string;
  verbose?: boolean;
  strict?: boolean;
  store?: string;
}

const usage = (m: string) => new CtlakeError('E_USAGE', m);

export function registerValidate(program: Command, io: Io): void {
  program
    .command('validate')
    .description(
      'Check log file integrity offline, like `aws cloudtrail validate-logs`: log file hashes and the digest chain from CloudTrail-Digest/ files, ' +
        'RSA signatures with --public-keys; exit code 1 when a file is modified or missing',
    )
    .argument('[paths...]', 'export folders, .zip archives or files (default: the digest and log files the store recorded at ingest)')
    .option('--public-keys <file>', 'the JSON output of `aws cloudtrail list-public-keys` for the period: verifies digest signatures')
    .option('--signature <hex>', "x-amz-meta-signature of the newest digest (S3 metadata, not in an export); older digests' come from the chain")
    .option('--signatures <file>', 'JSON object: digest S3 key (or file name) → x-amz-meta-signature hex')
    .option('--start-time <time>', 'only digests covering this time or later')
    .option('--end-time <time>', 'only digests covering this time or earlier')
    .option('--format <format>', 'text | json', 'text')
    .option('--verbose', 'text: also list the valid files')
    .option('--strict', 'also exit 1 when a digest is unverifiable or a log file is not covered by any digest')
    .option('--store <name>', 'without PATH: only this store\'s recorded files')
    .action(async (paths: string[], o: ValidateOpts) => {
      if (!['text', 'json'].includes(o.format)) throw usage('--format must be text or json');
      if (o.signature !== undefined && !/^(?:[0-9a-fA-F]{2})+$/.test(o.signature.trim())) throw usage('--signature must be the hex value of x-amz-meta-signature');
      const start = time('--start-time', o.startTime);
      const end = time('--end-time', o.endTime);
      if (start !== undefined && end !== undefined && start > end) throw usage('--start-time is after --end-time; swap them');
      const publicKeys = o.publicKeys ? loadPublicKeys(o.publicKeys) : undefined;
      const signatures = o.signatures ? loadSignatures(o.signatures) : undefined;
      let inputs: Inputs;
      if (paths.length) {
        inputs = await inputsFromPaths(paths);
      } else {
        const db = await openExisting(dbPath(program));
        try {
          inputs = await inputsFromLedger(db, o.store);
        } finally {
          db.close();
        }
      }
      const report = await validate(inputs, { publicKeys, signature: o.signature?.trim(), signatures, start, end });
      io.stdout.write(o.format === 'json' ? validateJson(report) : validateText(report, !!o.verbose));
      const s = summarize(report);
      if (!(o.strict ? s.strictOk : s.ok)) io.exitCode = EXIT.FAILED;
    });
}

function time(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = parseAwsTimestamp(v);
  if (t === null) throw usage(`${flag} "${v}" is not a time: use 2024-03-01T12:00:00Z, 2024-03-01 or Unix seconds`);
  return t;
}
