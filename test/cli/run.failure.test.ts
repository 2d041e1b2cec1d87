import { main } from '../../src/cli/main.js';
import { capture } from './capture.js';

describe('a worker that throws inside a CLI run', () => {
  it('stops the run with one line naming the worker, exit 1, no stack trace', async () => {
    const { io, stderr } = capture({
      onWrite: (chunk) => {
        if (chunk.includes('Got item: 2 ')) throw new Error('disk full');
      },
    });
    expect(await main(['run', '--seed', '7', '--speed', '1000000', '--items', '10'], io)).toBe(1);
    expect(stderr()).toMatch(/^qsim: process (Fred|George) failed at t=[\d.]+s: disk full\n$/);
  });
});
