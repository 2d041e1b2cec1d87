import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/qsim.js', import.meta.url));

/** An explicit environment: jest sets FORCE_COLOR in its workers, which would colour the output. */
export const ENV = { PATH: process.env['PATH'] ?? '' };

export interface Running {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout (or stderr) has matched `pattern`. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<void>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node bin/qsim.js ...args` (dist must be built: npm test builds it first). */
export function startQsim(args: readonly string[], stdio: StdioOptions = 'pipe'): Running {
  const child = spawn(process.execPath, [BIN, ...args], { env: ENV, stdio });
  const text = { stdout: '', stderr: '' };
  const waiters: { pattern: RegExp; stream: 'stdout' | 'stderr'; resolve: () => void }[] = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(text[waiter.stream])) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text.stdout += chunk;
    check();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text.stderr += chunk;
    check();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    waitFor: (pattern, stream = 'stdout') =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ pattern, stream, resolve });
        check();
        void exit.then(() => reject(new Error(`qsim exited before ${stream} matched ${pattern}:\n${text[stream]}\n${text.stderr}`)));
      }),
    exit,
  };
}
