import type { CliIo, Output } from '../../src/cli/io.js';
import { PROGRESS_MIN_ITEMS, progressWanted, runningInCi } from '../../src/cli/progress.js';
import { parseRunFlags, type RunFlags } from '../../src/cli/run-options.js';

const terminal: Output = { isTTY: true, columns: 100, write: () => true };
const pipe: Output = { write: () => true };

function io(stdout: Output, stderr: Output, env: Record<string, string> = {}): CliIo {
  return { stdout, stderr, env };
}

const long: RunFlags = { instant: true, quiet: true, seed: '1', items: String(PROGRESS_MIN_ITEMS) };

describe('progress bar', () => {
  test('shown for a long quiet instant run when stderr is a terminal', () => {
    expect(progressWanted(parseRunFlags(long), io(terminal, terminal))).toBe(true);
    expect(progressWanted(parseRunFlags({ ...long, quiet: false }), io(pipe, terminal))).toBe(true);
  });

  test('shown for real-time runs whose log is not on the terminal', () => {
    expect(progressWanted(parseRunFlags({ seed: '1', quiet: true }), io(terminal, terminal))).toBe(true);
    expect(progressWanted(parseRunFlags({ seed: '1' }), io(pipe, terminal))).toBe(true);
  });

  test('never when stderr is not a terminal', () => {
    expect(progressWanted(parseRunFlags(long), io(terminal, pipe))).toBe(false);
  });

  test('never under CI', () => {
    expect(progressWanted(parseRunFlags(long), io(terminal, terminal, { CI: 'true' }))).toBe(false);
    expect(runningInCi({ CI: '1' })).toBe(true);
    expect(runningInCi({ CI: 'false' })).toBe(false);
    expect(runningInCi({})).toBe(false);
  });

  test('never with json or ndjson', () => {
    expect(progressWanted(parseRunFlags({ ...long, format: 'json' }), io(pipe, terminal))).toBe(false);
    expect(progressWanted(parseRunFlags({ ...long, format: 'ndjson' }), io(pipe, terminal))).toBe(false);
  });

  test('never while the log is drawn on the same terminal, nor for short instant runs', () => {
    expect(progressWanted(parseRunFlags({ ...long, quiet: false }), io(terminal, terminal))).toBe(false);
    expect(progressWanted(parseRunFlags({ ...long, items: '1000' }), io(terminal, terminal))).toBe(false);
  });
});
