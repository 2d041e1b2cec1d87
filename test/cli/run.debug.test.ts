import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { capture } from './capture.js';
import { ENV } from './spawn.js';

describe('qsim run --debug', () => {
  it.each([
    [['--instant', '--items', '500', '--producers', '3', '--consumers', '4', '--capacity', '2', '--interval', '0.1s']],
    [['--instant']],
    [['--speed', '1000000', '--items', '10']],
  ])('a correct run: no finding, exit 0, and the same bytes as without --debug (%j)', async (args) => {
    const plain = capture();
    const checked = capture();
    expect(await main(['run', '--seed', '7', ...args], plain.io)).toBe(0);
    expect(await main(['run', '--seed', '7', '--debug', ...args], checked.io)).toBe(0);
    expect(checked.stderr()).toBe('');
    expect(checked.stdout()).toBe(plain.stdout());
  });

  it('a step that blocks the event loop over 100 ms is named on stderr and the exit code is 1', async () => {
    let blocked = false;
    const { io, stdout, stderr } = capture({
      onWrite: () => {
        if (blocked) return;
        blocked = true;
        const until = performance.now() + 150; // a terminal that hangs on the first line, for 150 ms
        while (performance.now() < until);
      },
    });
    expect(await main(['run', '--seed', '7', '--speed', '1000000', '--items', '3', '--debug'], io)).toBe(1);
    expect(stdout()).toContain('Queue size is now 0');
    const lines = stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^qsim: debug: process Fred blocked the event loop for 1\d\d ms \(limit 100 ms\) without waiting on the engine \[blocked-event-loop, t=0s\]$/,
    );
  });

  it('a broken worker added through the library API: each finding is one line on stderr, exit 1 (spawned)', () => {
    const script = fileURLToPath(new URL('../fixtures/broken-worker.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [script], { env: ENV, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Queue size is now 0\n$/);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^qsim: debug: item (\d+) left the queue but no consumer got it, so it was never processed \[item-never-processed, t=[\d.]+s\]$/,
    );
    expect(lines[1]).toMatch(
      /^qsim: debug: 1 item got from the queue never marked done with taskDone\(\) \(20 got, 19 done\) \[task-done-missing, t=[\d.]+s\]$/,
    );
  });
});
