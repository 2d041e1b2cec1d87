import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN } from '../../src/live/terminal.js';
import { qsim } from '../helpers/cli.js';
import { expectRestored, MODES, qsimInPty } from '../helpers/pty.js';

describe('qsim run --live: refusals', () => {
  test('without a terminal it exits 2 with one line saying so, and prints nothing on stdout', () => {
    const result = qsim(['run', '--live', '--seed', '1']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'qsim: --live needs stdin and stdout to be a terminal, but stdin and stdout are not; drop --live to print the log instead\n',
    );
  });

  test('with --instant it exits 2', () => {
    const result = qsim(['run', '--live', '--instant', '--seed', '1']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^qsim: --live and --instant cannot be used together: .*\n$/);
  });

  test('in a terminal with stdout piped away it names stdout, and leaves the screen alone', async () => {
    const result = await qsimInPty(['run', '--live', '--seed', '1'], { redirect: '| cat' }).done;
    expect(result.output).toContain('qsim: --live needs stdin and stdout to be a terminal, but stdout is not;');
    expect(result.output).not.toContain(ENTER_ALT_SCREEN);
  }, 30_000);

  test('on a dumb terminal (TERM=dumb) it exits 2 with one line saying so, and leaves the screen alone', async () => {
    const result = await qsimInPty(['run', '--live', '--seed', '1'], { env: { TERM: 'dumb' } }).done;
    expect(result.status).toBe(2);
    expect(result.output).toBe(
      'qsim: --live needs a terminal that can move its cursor, but TERM=dumb says this one cannot; drop --live to print the log instead\r\n',
    );
  }, 30_000);
});

describe('qsim run --live in a pseudo-terminal', () => {
  test('q stops the run: exit 130, the terminal restored, the final line printed on the main screen', async () => {
    const run = qsimInPty(['run', '--live', '--seed', '1', '--speed', '2'], { after: MODES });
    await run.waitFor(/qsim live {2}t=/);
    run.type('q');
    const { status, output } = await run.done;
    expect(status).toBe(130);
    expectRestored(output, 'Queue size is now ');
    expect(output.slice(output.lastIndexOf(LEAVE_ALT_SCREEN))).toMatch(/\r\nqsim: stopped \(q\) at t=\d+\.\ds( and ended at t=\d+\.\ds)?: \d+ of 20 items produced, \d+ consumed\r\n/);
  }, 30_000);

  test('a second q stops at once where the view stood: the time shown never goes back, and stderr says when q came and when the run ended', async () => {
    // Each consumer holds its item for 200 s: after the first q only the second ends the run.
    const run = qsimInPty(['run', '--live', '--seed', '1', '--delay', '200s', '--speed', '4'], { after: MODES });
    const first = await run.waitFor(/qsim live {2}t=[1-9]\d*\.\ds/);
    run.type('q');
    await run.waitFor(/qsim live {2}t=[4-9]\d*\.\ds/, first);
    run.type('q');
    const { status, output } = await run.done;
    expect(status).toBe(130);
    const times = [...output.matchAll(/qsim live {2}t=(\d+\.\d)s/g)].map((m) => Number(m[1]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const note = /\r\nqsim: stopped \(q\) at t=(\d+\.\d)s and ended at t=(\d+\.\d)s: \d+ of 20 items produced, 0 consumed\r\n/.exec(output);
    expect(Number(note?.[1])).toBeLessThan(Number(note?.[2]));
    expect(Number(note?.[2])).toBe(times.at(-1));
  }, 30_000);

  test('Ctrl-C (a byte in raw mode) stops the run like q', async () => {
    const run = qsimInPty(['run', '--live', '--seed', '1'], { after: MODES });
    await run.waitFor(/qsim live {2}t=/);
    run.type('\u0003');
    const { status, output } = await run.done;
    expect(status).toBe(130);
    expectRestored(output, 'Queue size is now ');
  }, 30_000);

  test('a run left to finish exits 0 with the same final line as without --live', async () => {
    const plain = qsim(['run', '--seed', '3', '--instant', '--items', '40', '--consumers', '3']);
    const finalLine = plain.stdout.trimEnd().split('\n').at(-1) ?? '';
    const run = qsimInPty(['run', '--live', '--seed', '3', '--items', '40', '--consumers', '3', '--speed', '200'], { after: MODES });
    const { status, output } = await run.done;
    expect(status).toBe(0);
    expectRestored(output, `${finalLine}\r\n`);
    expect(output).toMatch(/ finished/); // the last frame
  }, 30_000);

  test('space pauses, + speeds up, and the frame says so', async () => {
    const run = qsimInPty(['run', '--live', '--seed', '1', '--items', '1000'], { after: MODES });
    let at = await run.waitFor(/qsim live {2}t=/);
    run.type(' ');
    at = await run.waitFor(/PAUSED/, at);
    at = await run.waitFor(/space resume/, at);
    run.type('+');
    at = await run.waitFor(/speed 2x/, at);
    run.type(' ');
    await run.waitFor(/running/, at);
    run.type('q');
    const { status, output } = await run.done;
    expect(status).toBe(130);
    expectRestored(output, 'Queue size is now ');
  }, 30_000);

  test('SIGTERM while the view is open restores the terminal and exits 143', async () => {
    // Started in the background of a non-interactive shell, so the test can signal it; its stdin is the terminal.
    const run = qsimInPty(['run', '--live', '--seed', '1', '--items', '1000'], {
      redirect: '</dev/tty & echo "pid=$!"; wait $!',
      after: MODES,
    });
    await run.waitFor(/qsim live {2}t=/);
    const pid = Number(/pid=(\d+)/.exec(run.output())?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGTERM');
    const { status, output } = await run.done;
    expect(status).toBe(143);
    expectRestored(output, 'Queue size is now ');
    expect(output).toMatch(/qsim: stopped \(SIGTERM\)/);
  }, 30_000);

  test('after SIGTERM the workers finish the items they hold at once, not at the run\'s pace (here an hour each)', async () => {
    const run = qsimInPty(['run', '--live', '--seed', '1', '--items', '1000', '--interval', '0.1s', '--delay', '1h'], {
      redirect: '</dev/tty & echo "pid=$!"; wait $!',
      after: MODES,
    });
    await run.waitFor(/qsim live {2}t=/);
    process.kill(Number(/pid=(\d+)/.exec(run.output())?.[1]), 'SIGTERM');
    const { status, output } = await run.done;
    expect(status).toBe(143);
    expectRestored(output, 'Queue size is now ');
  }, 30_000);
});
