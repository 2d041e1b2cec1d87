import { ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../../src/live/terminal.js';
import { spawn } from 'node:child_process';
import { BIN, cleanEnv } from './cli.js';

export interface PtyRun {
  /** Everything the pseudo-terminal showed so far (the program's stdout and stderr, and the shell's). */
  readonly output: () => string;
  /** Resolves once the output matches `pattern` (after `from`, an index into the output). */
  waitFor(pattern: RegExp, from?: number): Promise<number>;
  /** Types `keys` on the terminal's keyboard. */
  type(keys: string): void;
  /** Resolves with the exit status of the command once it ends. */
  readonly done: Promise<{ status: number | null; output: string }>;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs `qsim <args>` in a pseudo-terminal of 80 x 24 through util-linux
 * `script`, inside `sh`: `before` and `after` are shell lines run around it
 * (`after` sees the exit status as $s, and the command's status is the run's);
 * `redirect` is appended to the command as it is (e.g. "2>&1 | cat").
 */
export function qsimInPty(
  args: readonly string[],
  options: { before?: string; after?: string; redirect?: string; env?: Record<string, string> } = {},
): PtyRun {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ') + (options.redirect ? ` ${options.redirect}` : '');
  const shell = `stty cols 80 rows 24; ${options.before ?? ''} ${command}; s=$?; ${options.after ?? ''} exit $s`;
  const child = spawn('script', ['-qfec', `sh -c ${shellQuote(shell)}`, '/dev/null'], {
    env: cleanEnv({ TERM: 'xterm-256color', ...options.env }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const done = new Promise<{ status: number | null; output: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      for (const waiter of [...waiters]) waiter();
      resolve({ status, output });
    });
  });
  return {
    output: () => output,
    waitFor(pattern, from = 0) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(output.slice(from));
          if (match) {
            waiters.delete(check);
            resolve(from + match.index + match[0].length);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            reject(new Error(`the command ended before printing ${pattern}; it printed:\n${output}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    type(keys) {
      child.stdin.write(keys);
    },
    done,
  };
}

/** Prints the terminal's canonical-input and echo modes, e.g. "icanon echo <- modes" (or "-icanon -echo"). */
export const MODES = 'stty -a | tr -s " ;" "\\n\\n" | grep -x -e "-\\{0,1\\}icanon" -e "-\\{0,1\\}echo" | tr "\\n" " "; echo "<- modes";';

/** The terminal was handed back: screen and cursor restored after being taken, then `finalLine` printed. */
export function expectRestored(output: string, finalLine: string): void {
  const enter = output.indexOf(ENTER_ALT_SCREEN);
  const hide = output.indexOf(HIDE_CURSOR);
  const show = output.lastIndexOf(SHOW_CURSOR);
  const leave = output.lastIndexOf(LEAVE_ALT_SCREEN);
  expect(enter).toBeGreaterThanOrEqual(0);
  expect(hide).toBeGreaterThan(enter);
  expect(show).toBeGreaterThan(hide);
  expect(leave).toBeGreaterThan(show);
  expect(output.indexOf(finalLine, leave)).toBeGreaterThan(leave);
  // Canonical input and echo are back on once qsim has ended.
  expect(output.slice(leave)).toMatch(/(^|\n)icanon echo <- modes/);
}
