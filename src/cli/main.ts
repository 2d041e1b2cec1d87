import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { QsimError } from '../core/errors.js';
import { isClosedPipe, OutputError, watchWriteErrors } from './closed-output.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';
import { quote } from './usage-error.js';

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
  // A reader that has gone (qsim --help | head -n 1, qsim run 2>&1 | head) must not crash qsim
  // with an unhandled 'error' event: that ends quietly. Any other failed write to stdout (a full
  // disk) is a failure. The run command also watches stdout, to stop the run at once.
  let writeFailure: Error | undefined;
  watchWriteErrors(io.stdout, (error) => {
    if (!isClosedPipe(error)) writeFailure ??= error;
  });
  watchWriteErrors(io.stderr, () => {});
  let exitCode = 0;
  let commands: string[] = [];
  try {
    const program = buildProgram(io, packageVersion(), (code) => {
      exitCode = code;
    });
    commands = program.commands.map((command) => command.name());
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    exitCode = report(error, io, argv, commands);
  }
  // Node reports a failed write a tick later: let the last one (a final flush, the help) report.
  if (io.stdout.on) await new Promise((resolve) => setImmediate(resolve));
  if (writeFailure && exitCode === 0) return report(new OutputError('stdout', writeFailure), io, argv, commands);
  return exitCode;
}

/**
 * One printable line: commander's "error: " prefix dropped, line breaks folded
 * into spaces, and every other non-printable code point (escape codes, bidi
 * controls, line separators from user input echoed back) shown as \u{...}.
 */
export function oneLine(text: string): string {
  return text
    .replace(/^error: /, '')
    .replace(/\s*[\n\r\u2028\u2029]\s*/g, ' ')
    .trim()
    .replace(/[\p{C}\p{Zl}\p{Zp}]/gu, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`);
}

function report(error: unknown, io: CliIo, argv: readonly string[], commands: readonly string[]): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0; // --help, --version
    // commander would show the whole help on stderr when no command is given: one line instead.
    const message =
      error.code !== 'commander.help'
        ? error.message
        : argv[0] === 'help' && argv.length > 1
          ? `unknown command '${argv[1] ?? ''}' (help is given for ${commands.join(', ')}; see 'qsim --help')` // as commander words it for qsim bogus
          : `expected a command (${commands.join(', ')}), got ${argv.length > 0 ? quote(argv.join(' ')) : 'none'} (see 'qsim --help')`;
    io.stderr.write(`qsim: ${oneLine(message)}\n`);
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
