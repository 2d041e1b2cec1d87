import { main } from '../../src/cli/main.js';
import { startQsim } from './spawn.js';

/** The log of the same options and seed, run to its end in virtual time (in-process). */
async function fullRun(args: readonly string[]): Promise<string[]> {
  let out = '';
  const io = { stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: () => true }, env: {} };
  expect(await main(['run', ...args, '--instant'], io)).toBe(0);
  return out.trimEnd().split('\n');
}

const gotLines = (lines: readonly string[]): string[] => lines.filter((l) => l.includes('Got item'));

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s during a paced run', (signal, exitCode) => {
  const options = ['--seed', '7', '--items', '200', '--interval', '0.1s', '--max-delay', '3s'];

  it(`stops the producer, lets consumers finish their items, prints the final line, exits ${exitCode}`, async () => {
    const qsim = startQsim(['run', ...options, '--speed', '20']);
    await qsim.waitFor(/Got item: 3 /);
    qsim.child.kill(signal);
    const { code } = await qsim.exit;
    expect(code).toBe(exitCode);

    const lines = qsim.stdout().trimEnd().split('\n');
    const got = gotLines(lines);
    // Nothing new was taken after the signal, and what was taken is the deterministic run's beginning.
    expect(got).toEqual(gotLines(await fullRun(options)).slice(0, got.length));
    expect(got.length).toBeLessThan(200);
    // Each consumer stopped once, after its last item; then the final line counts what is left.
    expect(lines.filter((l) => l.endsWith('Done')).sort()).toEqual(['[ Fred ] Done', '[George] Done']);
    const last = lines.at(-1) ?? '';
    expect(last).toMatch(/^Queue size is now \d+$/);
    const left = Number(last.replace('Queue size is now ', ''));
    const sizeAfterLastGet = Number(/\(size (\d+)\)/.exec(got.at(-1) ?? '')?.[1]);
    expect(left).toBeGreaterThanOrEqual(sizeAfterLastGet); // the backlog stayed: no drain
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(200 - got.length);
    expect(qsim.stderr()).toBe(
      `qsim: ${signal}: stopping; consumers finish the items they hold${signal === 'SIGTERM' ? ' at once' : ''} (${signal === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to stop at once)\n`,
    );
  });
});

describe('stopping', () => {
  it('a producer sleeping a long interval stops at once (no one-hour wait), with no timer left behind', async () => {
    const qsim = startQsim(['run', '--seed', '7', '--interval', '1h', '--max-delay', '10ms', '--items', '5']);
    await qsim.waitFor(/Got item: 0 /);
    qsim.child.kill('SIGTERM');
    expect((await qsim.exit).code).toBe(143);
    expect(qsim.stdout()).toMatch(/\[ Fred \] Done\n|\[George\] Done\n/);
    expect(qsim.stdout().endsWith('Queue size is now 0\n')).toBe(true);
  });

  it("SIGTERM finishes the items in hand at once, not at the run's pace: the same lines as Ctrl-C's slow finish", async () => {
    // Items take up to an hour each at real speed: only a finish that does not wait for the clock ends soon.
    const options = ['--seed', '7', '--interval', '0.1s', '--delay', 'uniform(30m,1h)', '--items', '5', '--consumers', '3'];
    const term = startQsim(['run', ...options]);
    await term.waitFor(/Got item: 2 /);
    term.child.kill('SIGTERM');
    expect((await term.exit).code).toBe(143);
    const lines = term.stdout().trimEnd().split('\n');
    expect(lines.filter((l) => l.endsWith('Done'))).toHaveLength(3);
    expect(lines.at(-1)).toBe('Queue size is now 0'); // the producer stopped before items 3 and 4
    // What a paced run finishing at its own pace would have printed: the instant run interrupted at the same moment.
    expect(gotLines(lines)).toEqual(gotLines(await fullRun(options)).slice(0, 3));
  });

  it('a second Ctrl-C stops at once with 130, without waiting for the consumers', async () => {
    const qsim = startQsim(['run', '--seed', '7', '--interval', '1h', '--max-delay', '1h', '--items', '5']);
    await qsim.waitFor(/Got item: 0 /);
    qsim.child.kill('SIGINT');
    await qsim.waitFor(/stopping/, 'stderr');
    qsim.child.kill('SIGINT');
    expect((await qsim.exit).code).toBe(130);
    expect(qsim.stdout()).not.toContain('Queue size is now');
    expect(qsim.stderr().split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('Ctrl-C in a long instant run stops it between batches of events', async () => {
    const qsim = startQsim(['run', '--instant', '--items', '100000000', '--quiet']);
    // Without --seed, the drawn seed is printed as the run starts, after the signal handlers are in place.
    await qsim.waitFor(/^qsim: seed \d+/, 'stderr');
    qsim.child.kill('SIGINT');
    expect((await qsim.exit).code).toBe(130);
    expect(qsim.stdout()).toMatch(/^Queue size is now \d+\n$/);
  });
});
