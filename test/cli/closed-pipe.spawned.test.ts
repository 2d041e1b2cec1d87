import { closeSync, existsSync, openSync } from 'node:fs';
import { startQsim } from './spawn.js';

describe('a closed stdout', () => {
  it.each([
    ['an instant run of 10 million items', ['--instant', '--items', '10000000']],
    ['a paced run', ['--speed', '1000000', '--items', '10000000', '--interval', '1ms']],
  ])('%s ends quietly with 0 once the reader has gone', async (_name, args) => {
    const qsim = startQsim(['run', '--seed', '1', ...args]);
    await qsim.waitFor(/Got item: 0 /);
    qsim.child.stdout?.destroy(); // the reader goes away, as head does after its lines
    const { code, signal } = await qsim.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(qsim.stderr()).toBe('');
  });

  (existsSync('/dev/full') ? it : it.skip)('a failed write (a full disk) is a failure: one line, exit 1', async () => {
    const fd = openSync('/dev/full', 'w');
    try {
      for (const args of [['run', '--seed', '1', '--instant', '--items', '3'], ['run', '--seed', '1', '--instant', '--items', '100000'], ['--version']]) {
        const qsim = startQsim(args, ['ignore', fd, 'pipe']);
        expect((await qsim.exit).code).toBe(1);
        expect(qsim.stderr()).toBe('qsim: cannot write to stdout: ENOSPC: no space left on device, write\n');
      }
    } finally {
      closeSync(fd);
    }
  });
});
