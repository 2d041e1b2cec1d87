import type { TerminalInput } from '../live/terminal.js';
import type { ErrorEmitter } from './closed-output.js';
import type { Env } from './color.js';
import type { SignalSource } from './signals.js';
import type { WritableText } from './writer.js';

export interface Output extends WritableText, ErrorEmitter {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** The CLI's seams: where it writes and what environment it reads, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Env;
  /** Keyboard input, for --live; absent when the CLI runs in-process without one. */
  readonly stdin?: Partial<TerminalInput>;
  /** Ctrl-C and SIGTERM; without it (in-process tests) no signal handler is installed. */
  readonly signals?: SignalSource;
}
