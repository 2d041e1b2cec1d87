import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeShards, MergeError, type ShardOutput } from '../sweep/merge.js';
import type { CliIo } from './io.js';
import { renderSweepReport } from './sweep-output.js';
import { SWEEP_FORMATS } from './sweep-options.js';
import { invalidValue, UsageError } from './usage-error.js';
import { fileName } from './values.js';

export interface MergeFlags {
  format?: string;
  chart?: boolean;
}

function readOutput(file: string): ShardOutput {
  try {
    return { name: file === '-' ? 'stdin' : file, text: readFileSync(file === '-' ? 0 : file, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new MergeError(`cannot read ${file}: ${reason}`);
  }
}

/** The file a FILE argument names, to tell repeats: - (stdin), else its real path (or its absolute one, when it cannot be read). */
function identity(file: string): string {
  if (file === '-') return '-';
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** Each FILE once: a shard's output given twice (or stdin, which can be read once) is a mistake. */
function checkRepeats(files: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const key = identity(file);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new UsageError(
        file === '-'
          ? '- (stdin) is given twice: stdin can be read once (concatenate the shards\' outputs into it, or name their files)'
          : `${file} is given twice${earlier === file ? '' : ` (as ${earlier} too)`}: give each shard's output once`,
      );
    }
    seen.set(key, file);
  }
}

/** `qsim merge FILE...`: the shards' NDJSON outputs as the whole sweep, printed as qsim sweep prints it. */
export function mergeCommand(files: readonly string[], flags: MergeFlags, io: CliIo): number {
  const given = flags.format ?? 'text';
  const format = SWEEP_FORMATS.find((name) => name === given.trim().toLowerCase());
  if (format === undefined) throw invalidValue('--format', `one of ${SWEEP_FORMATS.join(', ')}`, given);
  const chart = flags.chart === true;
  if (chart && format !== 'text') throw new UsageError(`--chart draws in the terminal, so it cannot be used with --format ${format} (use --format text)`);
  for (const file of files) fileName('merge', file, 'NDJSON files from qsim sweep --shard K/N --format ndjson (- for stdin)');
  checkRepeats(files);
  const report = mergeShards(files.map(readOutput));
  if (chart && report.definition.slo.length === 0) throw new UsageError('--chart draws an SLO\'s metric, and this sweep has no --slo');
  io.stdout.write(renderSweepReport(report, format, { chart, io }));
  return 0;
}
