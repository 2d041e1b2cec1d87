import { LEAVE_ALT_SCREEN } from '../../src/live/terminal.js';
import { qsim } from '../helpers/cli.js';
import { expectRestored, MODES, qsimInPty } from '../helpers/pty.js';

const DEMO = 'examples/models/demo.mjs';
describe('qsim run --model FILE --live in a pseudo-terminal', () => {
  test('the view shows the model: its queue, a lane per process, the log; q stops the run where it stands (exit 130)', async () => {
    const run = qsimInPty(['run', '--model', DEMO, '--live', '--seed', '1', '--speed', '20', '--items', '2000'], { after: MODES });
    await run.waitFor(/\[ Fred \] Got item: 3 /);
    const frame = run.output();
    expect(frame).toContain(`model ${DEMO}: 1 queue, 3 processes`);
    expect(frame).toMatch(/ producer-1 busy /);
    expect(frame).toMatch(/queue +[█░]+ \d+ \(max \d+\)/);
    run.type('q');
    const { status, output } = await run.done;
    expect(status).toBe(130);
    expectRestored(output, 'Queue size is now ');
    expect(output.slice(output.lastIndexOf(LEAVE_ALT_SCREEN) + LEAVE_ALT_SCREEN.length)).toMatch(
      /^(\r\n)?Queue size is now (\d+)\r\nqsim: stopped \(q\) at t=\d+\.\ds where the run stood: \2 items? left in the queues\r\n/,
    );
  }, 30_000);

  test('a run left to finish exits 0 with the same final line as without --live', async () => {
    const args = ['--model', DEMO, '--seed', '3', '--items', '40', '--consumers', '3'];
    const plain = qsim(['run', ...args, '--instant']);
    const finalLine = plain.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(finalLine).toMatch(/^Queue size is now \d+$/);
    const run = qsimInPty(['run', ...args, '--live', '--speed', '200'], { after: MODES });
    const { status, output } = await run.done;
    expect(status).toBe(0);
    expectRestored(output, `${finalLine}\r\n`);
    expect(output).toMatch(/ finished/); // the last frame
    expect(output).not.toContain('qsim: stopped');
  }, 30_000);

  test('space pauses the model run and the frame says so', async () => {
    const run = qsimInPty(['run', '--model', DEMO, '--live', '--seed', '1', '--items', '1000'], { after: MODES });
    const at = await run.waitFor(/qsim live {2}t=/);
    run.type(' ');
    await run.waitFor(/PAUSED/, at);
    run.type('\u0003');
    const { status, output } = await run.done;
    expect(status).toBe(130);
    expectRestored(output, 'Queue size is now ');
  }, 30_000);

  test('q while paused stops the model where the paused frame stands, not back at its last event', async () => {
    const run = qsimInPty(['run', '--model', DEMO, '--live', '--seed', '1', '--items', '1000', '--speed', '4'], { after: MODES });
    const at = await run.waitFor(/qsim live {2}t=[2-9]\.\ds/);
    run.type(' ');
    const pausedAt = await run.waitFor(/PAUSED/, at);
    const paused = /t=(\d+\.\d)s .*PAUSED/.exec(run.output().slice(pausedAt - 200, pausedAt));
    run.type('q');
    const { status, output } = await run.done;
    expect(status).toBe(130);
    const times = [...output.matchAll(/qsim live {2}t=(\d+\.\d)s/g)].map((m) => Number(m[1]));
    expect(times.at(-1)).toBe(Number(paused?.[1]));
    expect(output).toContain(`qsim: stopped (q) at t=${paused?.[1]}s where the run stood`);
  }, 30_000);

  test('a model that fails during the run: the terminal is restored, the failure named, exit 1', async () => {
    const run = qsimInPty(['run', '--model', 'test/fixtures/models/process-throws.mjs', '--live', '--seed', '1', '--speed', '50'], { after: MODES });
    const { status, output } = await run.done;
    expect(status).toBe(1);
    const leave = output.lastIndexOf(LEAVE_ALT_SCREEN);
    expect(leave).toBeGreaterThanOrEqual(0);
    expect(output.slice(leave)).toMatch(/qsim: .+\r\n/);
    expect(output.slice(leave)).toMatch(/(^|\n)icanon echo <- modes/);
  }, 30_000);

  test("an error of the model's outside any process closes the view and is one line on the main screen, exit 1", async () => {
    const run = qsimInPty(['run', '--model', 'test/fixtures/models/stray-timer.mjs', '--live', '--seed', '1', '--speed', '10'], { after: MODES });
    const { status, output } = await run.done;
    expect(status).toBe(1);
    const leave = output.lastIndexOf(LEAVE_ALT_SCREEN);
    expect(leave).toBeGreaterThanOrEqual(0);
    expect(output.slice(leave)).toContain("qsim: the model's code threw outside any process: timer blew up\r\n");
  }, 30_000);
});
