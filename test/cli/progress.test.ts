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

describe('the bar as drawn', () => {
  test('an ETA not known yet shows as … (cli-progress would print "NFs")', async () => {
    const { createProgressBar } = await import('../../src/cli/progress.js');
    const written: string[] = [];
    const stderr = { isTTY: true, columns: 100, write: (text: string) => written.push(text) > 0, on: () => stderr, removeListener: () => stderr };
    const bar = await createProgressBar(stderr as unknown as Output, 3, 'points');
    bar.start();
    bar.stop();
    const drawn = written.join('');
    expect(drawn).toContain('0/3 points | ETA …');
    expect(drawn).not.toContain('NF');
  });
});
