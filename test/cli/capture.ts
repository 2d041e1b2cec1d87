import type { CliIo } from '../../src/cli/io.js';

export interface Captured {
  readonly io: CliIo;
  stdout(): string;
  stderr(): string;
}

/** An in-process CLI io that collects what is written; `onWrite` sees each stdout chunk first. */
export function capture(options: { onWrite?: (chunk: string) => void; signals?: CliIo['signals'] } = {}): Captured {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: {
      write: (chunk: string) => {
        options.onWrite?.(chunk);
        out += chunk;
        return true;
      },
    },
    stderr: {
      write: (chunk: string) => {
        err += chunk;
        return true;
      },
    },
    env: {},
    ...(options.signals ? { signals: options.signals } : {}),
  };
  return { io, stdout: () => out, stderr: () => err };
}
