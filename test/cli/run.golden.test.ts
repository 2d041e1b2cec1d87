import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Byte-for-byte outputs captured before distributions, concurrency, drop
 * policies and --duration were added: the runs that existed then must print
 * exactly what they printed then.
 */
const CASES: readonly { fixture: string; args: string[] }[] = [
  { fixture: 'run-default-seed7.out', args: ['--seed', '7', '--instant'] },
  { fixture: 'run-default-seed7-color.out', args: ['--seed', '7', '--instant', '--color'] },
  {
    fixture: 'run-producers2-capacity4-seed3.out',
    args: ['--seed', '3', '--instant', '--items', '200', '--consumers', '3', '--capacity', '4', '--producers', '2'],
  },
  {
    fixture: 'run-interval100ms-seed11.out',
    args: ['--seed', '11', '--instant', '--items', '50', '--interval', '0.1s', '--max-delay', '1s', '--consumers', 'Ann,Bob,Cy'],
  },
];

function qsimRun(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('node', ['bin/qsim.js', 'run', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('qsim run golden outputs', () => {
  test.each(CASES)('$fixture is unchanged', ({ fixture, args }) => {
    const expected = readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8');
    const result = qsimRun(args);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected);
  });

  test('--delay uniform(0,3s) is the default processing time, drawn the same way', () => {
    const expected = readFileSync(new URL('../fixtures/run-default-seed7.out', import.meta.url), 'utf8');
    expect(qsimRun(['--seed', '7', '--instant', '--delay', 'uniform(0,3s)', '--interval', 'const(0.5s)']).stdout).toBe(expected);
  });
});
