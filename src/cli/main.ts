import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { QsimError } from '../core/errors.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signals: process,
    // Only --live reads the keyboard; the stream is made when first asked for.
    get stdin() {
      return process.stdin;
    },
  };
}

/**
 * Runs the CLI with `argv` (the arguments after "qsim") and returns the exit
 * code. This is the one place where errors become exit codes: 2 for bad input,
 * the error's own code for run failures, 1 for anything unexpected.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  try {
    const program = buildProgram(io, packageVersion(), (code) => {
      exitCode = code;
    });
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, io);
  }
}

function oneLine(text: string): string {
  return text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0; // --help, --version
    // Help shown because no command was given: it went to stderr already.
    if (error.code !== 'commander.help') io.stderr.write(`qsim: ${oneLine(error.message)}\n`);
    return 2;
  }
  if (error instanceof QsimError) {
    for (const line of error.lines()) io.stderr.write(`qsim: ${oneLine(line)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`qsim: internal error: ${oneLine(message)}\n`);
  if (io.env['QSIM_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return 1;
}
